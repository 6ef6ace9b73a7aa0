import { createRequire } from "node:module";
import type { ASTNode, Diagnostic, LanguageService, TextDocument } from "amazon-states-language-service";
import ASL_SCHEMA from "amazon-states-language-service/out/json-schema/bundled.json";
import validateStates from "amazon-states-language-service/out/validation/validateStates";
import type * as JsonLanguageService from "vscode-json-languageservice";
import { DefinitionError } from "./definitionError";
import type { AslDefinition } from "./types";

/**
 * Validation by AWS's own `amazon-states-language-service` (the validator of the AWS Toolkit for VS
 * Code and of Workflow Studio's editor, https://github.com/aws/amazon-states-language-service), so a
 * definition AWS accepts is never rejected here. It replaced asl-validator, whose JSON schema rejects
 * valid definitions (`$.[0]`, filters with `&&`, JSONata `"Output": null`, `{%...%}` without spaces).
 *
 * The service's public `doValidation` is asynchronous only because vscode-json-languageservice resolves
 * schemas through promises; ASL's schema (`ASL_SCHEMA`) is bundled and refers only to itself. So we
 * resolve its `$ref`s once, synchronously, exactly as vscode-json-languageservice 3.4.9's
 * `JSONSchemaService.resolveSchemaContent` does (copy the referenced section's keys into the referring
 * node), and then make the same two calls `doValidation` makes: the JSON document's schema validation
 * and the service's `validateStates`. `tests/asl/aslValidator.test.ts` checks that the verdicts equal
 * `doValidation`'s on every definition it knows, so this stays the validator AWS ships.
 */

/**
 * The service's own vscode-json-languageservice (it pins 3.4.9), resolved from the service's folder:
 * its parser makes the nodes `validateStates` walks. Not the service's index, which also loads its
 * YAML language service (yaml-language-server, prettier, lodash): ~150 modules and 0.1-0.3 s of
 * every evaluation of the program, for nothing used here.
 */
const json = createRequire(require.resolve("amazon-states-language-service"))(
  "vscode-json-languageservice",
) as typeof JsonLanguageService;
const { DiagnosticSeverity } = json;

let service: LanguageService | undefined;
let resolvedSchema: unknown;

/** The JSON parser and the resolved schema, made on first use. */
function validator(): { service: LanguageService; schema: unknown } {
  if (service === undefined) {
    // Only `parseJSONDocument` is called: the schema the ASL service would configure is passed to
    // `validate` directly (below).
    service = json.getLanguageService({}) as LanguageService;
    resolvedSchema = resolveLocalRefs(structuredClone(ASL_SCHEMA) as SchemaNode);
  }
  return { service, schema: resolvedSchema };
}

type SchemaNode = { [key: string]: unknown; $ref?: string };

/** Resolves `#/...` references in place, as vscode-json-languageservice does (see above). */
function resolveLocalRefs(root: SchemaNode): SchemaNode {
  const section = (pointer: string): SchemaNode | undefined => {
    let current: unknown = root;
    for (const part of pointer.replace(/^\//, "").split("/")) {
      if (part === "") continue;
      current = (current as Record<string, unknown> | undefined)?.[part];
      if (current === undefined) return undefined;
    }
    return current as SchemaNode;
  };
  const seen = new Set<object>();
  const toWalk: unknown[] = [root];
  while (toWalk.length > 0) {
    const next = toWalk.pop();
    if (typeof next !== "object" || next === null || seen.has(next)) continue;
    seen.add(next);
    const node = next as SchemaNode;
    const seenRefs: string[] = [];
    while (typeof node.$ref === "string") {
      const ref = node.$ref;
      delete node.$ref;
      if (!seenRefs.includes(ref)) {
        seenRefs.push(ref);
        const target = section(ref.split("#", 2)[1] ?? "");
        if (target === undefined) throw new Error(`ASL schema: cannot resolve $ref ${ref}`);
        for (const key of Object.keys(target)) if (!(key in node)) node[key] = target[key];
      }
    }
    for (const value of Object.values(node)) {
      if (typeof value === "object" && value !== null) {
        if (Array.isArray(value)) toWalk.push(...value);
        else toWalk.push(value);
      }
    }
  }
  return root;
}

/**
 * What `parseJSONDocument` returns: vscode-json-languageservice 3.4.9 declares it as `{}`, these are
 * the members of its `JSONDocument` class (lib/umd/parser/jsonParser.js) that we call.
 */
interface ParsedDocument {
  readonly root: ASTNode | undefined;
  readonly syntaxErrors: Diagnostic[];
  validate(document: TextDocument, schema: unknown): Diagnostic[] | null;
  getNodeFromOffset(offset: number, includeRightBound?: boolean): ASTNode | undefined;
}

function parse(text: string): { document: TextDocument; json: ParsedDocument } {
  const document = json.TextDocument.create("file:///definition.asl.json", "json", 0, text);
  return { document, json: validator().service.parseJSONDocument(document) as ParsedDocument };
}

/** The diagnostics AWS's validator gives for an ASL document's text (errors and warnings). */
export function aslDiagnostics(text: string): Diagnostic[] {
  return diagnosticsOf(parse(text));
}

function diagnosticsOf({ document, json }: { document: TextDocument; json: ParsedDocument }): Diagnostic[] {
  // As the service's `doValidation` does: vscode-json-languageservice reports schema problems as
  // warnings, and the service raises them to errors.
  const diagnostics: Diagnostic[] = [
    ...json.syntaxErrors,
    ...(json.validate(document, validator().schema) ?? []),
  ].map((diagnostic) => ({ ...diagnostic, severity: DiagnosticSeverity.Error }));
  if (json.root?.type === "object") diagnostics.push(...validateStates(json.root, document, 0));
  return diagnostics;
}

/**
 * The verdict is remembered per definition text: rebuilding an identical definition costs nothing.
 */
const verdicts = new Map<string, string[]>();
const MAX_REMEMBERED = 200;

/**
 * Runs AWS's validator on top of the builder's own checks and returns its errors as
 * `State "<name>" <JSON pointer>: message` (or `at <pointer>` outside states); empty when valid.
 */
export function aslValidatorErrors(asl: AslDefinition): string[] {
  const text = JSON.stringify(asl, null, 1);
  let errors = verdicts.get(text);
  if (errors === undefined) {
    const parsed = parse(text);
    const { document, json } = parsed;
    errors = diagnosticsOf(parsed)
      .filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error)
      .map((diagnostic) => {
        // The middle of the flagged range lies inside the flagged node (its start may be a boundary).
        const start = document.offsetAt(diagnostic.range.start);
        const end = document.offsetAt(diagnostic.range.end);
        const node = json.getNodeFromOffset(Math.floor((start + end) / 2), true);
        return `${describePlace(node === undefined ? [] : pathOf(node))}: ${diagnostic.message}`;
      });
    errors = [...new Set(errors)];
    if (verdicts.size >= MAX_REMEMBERED) verdicts.delete(verdicts.keys().next().value as string);
    verdicts.set(text, errors);
  }
  return [...errors];
}

/** Throws a `DefinitionError` listing every error AWS's validator finds. */
export function assertAslValid(asl: AslDefinition, name: string): void {
  const errors = aslValidatorErrors(asl);
  if (errors.length > 0) {
    throw new DefinitionError(
      errors,
      `State machine "${name}" is not valid ASL according to AWS's amazon-states-language-service`,
    );
  }
}

/** The keys and indices from the document's root to `node` (a key counts as its property). */
function pathOf(node: ASTNode): (string | number)[] {
  const path: (string | number)[] = [];
  // The root's parent is `null` at run time (declared `undefined`).
  for (let current: ASTNode | undefined = node; current; current = current.parent ?? undefined) {
    if (current.type === "property") path.unshift(current.keyNode.value);
    else if (current.parent?.type === "array") path.unshift(current.parent.items.indexOf(current));
  }
  return path;
}

/**
 * `State "Order" /ResultPth` for a place inside a state (the innermost one, so a state inside a
 * Parallel branch is named, not the Parallel), else `at /StartAt` or `at the root`.
 */
export function describePlace(path: readonly (string | number)[]): string {
  let stateAt = -1;
  for (let i = 0; i + 1 < path.length; i++) if (path[i] === "States") stateAt = i + 1;
  if (stateAt > 0) {
    const rest = path.slice(stateAt + 1);
    return `State "${String(path[stateAt])}"${rest.length > 0 ? ` ${pointer(rest)}` : ""}`;
  }
  return path.length === 0 ? "at the root" : `at ${pointer(path)}`;
}

/** A JSON pointer (RFC 6901) of a path. */
function pointer(path: readonly (string | number)[]): string {
  return path.map((part) => `/${String(part).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}
