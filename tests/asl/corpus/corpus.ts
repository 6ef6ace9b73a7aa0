import fs from "node:fs";
import path from "node:path";
import type { PolicyStatement } from "../../../definitions/asl";
import { placeholderValues, substitute } from "./placeholders";

/** The corpus folder: real definitions written by others, with provenance in SOURCES.md. */
export const CORPUS_DIR = path.resolve(__dirname, "../../fixtures/asl-corpus");

/** One corpus entry as `corpus.json` records it. */
export interface CorpusEntry {
  readonly file: string;
  readonly repo?: string;
  readonly path?: string;
  readonly commit?: string;
  readonly url?: string;
  readonly licence: string;
  /** Statements for states whose resources the definition reads at run time. */
  readonly statePermissions?: Record<string, PolicyStatement[]>;
  /** Placeholder values where the field-based guess does not fit. */
  readonly substitutions?: Record<string, string>;
  /** Set on a known-invalid definition: the DefinitionError it must be rejected with. */
  readonly invalid?: string;
}

/** A corpus file loaded: its raw text, placeholder values and the ASL that would be deployed. */
export interface LoadedCorpusFile extends CorpusEntry {
  readonly raw: unknown;
  readonly values: Record<string, string>;
  readonly asl: Record<string, unknown>;
}

export function loadCorpus(): LoadedCorpusFile[] {
  const entries = JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, "corpus.json"), "utf8")) as CorpusEntry[];
  return entries.map((entry) => {
    const text = fs.readFileSync(path.join(CORPUS_DIR, entry.file), "utf8");
    const raw: unknown = JSON.parse(text);
    const values = placeholderValues(raw, entry.substitutions);
    return { ...entry, raw, values, asl: JSON.parse(substitute(text, values)) as Record<string, unknown> };
  });
}
