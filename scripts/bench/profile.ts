/**
 * Reads a V8 `.cpuprofile` (what `node --cpu-prof` writes) into where the time went: self time per
 * function and per area (a package in node_modules, one of our files, Node itself, garbage
 * collection). Printed by the bench when a target is missed, so the figure comes with its reason.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./processes";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A share of the profiled time. */
export interface Share {
  readonly name: string;
  readonly ms: number;
  readonly percent: number;
}

/** The busiest functions and areas of one profile, idle time left out. */
export interface ProfileSummary {
  readonly busyMs: number;
  readonly idleMs: number;
  readonly areas: readonly Share[];
  readonly functions: readonly Share[];
}

/** Summarizes `file`, keeping the `top` busiest functions and areas. */
export function summarizeProfile(file: string, top = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const areaMs = new Map<string, number>();
  const functionMs = new Map<string, number>();
  let idleMs = 0;
  let busyMs = 0;
  profile.samples.forEach((id, i) => {
    // A sample's time is the delta to the next one; V8 writes the delta before each sample.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) return;
    if (frame.functionName === "(idle)") {
      idleMs += ms;
      return;
    }
    busyMs += ms;
    const area = areaOf(frame.url, frame.functionName);
    areaMs.set(area, (areaMs.get(area) ?? 0) + ms);
    const where = frame.url ? ` ${shorten(frame.url)}:${frame.lineNumber + 1}` : "";
    const name = `${frame.functionName || "(anonymous)"}${where}`;
    functionMs.set(name, (functionMs.get(name) ?? 0) + ms);
  });
  const shares = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), percent: Math.round((1000 * ms) / busyMs) / 10 }));
  return {
    busyMs: Math.round(busyMs),
    idleMs: Math.round(idleMs),
    areas: shares(areaMs),
    functions: shares(functionMs),
  };
}

/** `node_modules/graphql/...` → `graphql`; our files by path; Node's own code; V8's pseudo-frames. */
function areaOf(url: string, functionName: string): string {
  if (url === "") return functionName; // (garbage collector), (program), (root)
  if (url.startsWith("node:")) return "node (built-in modules)";
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1];
  return shorten(url);
}

function shorten(url: string): string {
  const file = url.startsWith("file://") ? new URL(url).pathname : url;
  const relative = path.relative(ROOT, file);
  return relative.startsWith("..") ? file : relative.replace(/^.*node_modules\//, "");
}

/** The summary as lines of text for the bench's report. */
export function formatProfile(summary: ProfileSummary): string {
  const rows = (shares: readonly Share[]) =>
    shares.map(
      (share) =>
        `    ${share.percent.toFixed(1).padStart(5)}%  ${String(share.ms).padStart(6)} ms  ${share.name}`,
    );
  return [
    `  CPU profile: ${summary.busyMs} ms busy, ${summary.idleMs} ms idle. Self time by area:`,
    ...rows(summary.areas),
    "  Busiest functions (self time):",
    ...rows(summary.functions),
  ].join("\n");
}
