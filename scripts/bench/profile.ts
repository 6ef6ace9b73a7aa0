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
  /** Every area summed by who owns the code (OWNERS), all of them, busiest first. */
  readonly owners: readonly Share[];
  /** What the profiled time served (orders, bookings), when known: the owners per unit. */
  readonly units?: { readonly count: number; readonly name: string };
}

/**
 * Who owns each area, so a summary says what could move: our code, or a dependency we do not
 * patch (the ASL engine, the AWS SDK, dynalite), or Node itself. First match wins.
 */
const OWNERS: readonly { readonly owner: string; readonly matches: (area: string) => boolean }[] = [
  {
    owner: "ASL engine (aws-local-stepfunctions, jsonpath-plus)",
    matches: (area) => area === "aws-local-stepfunctions" || area === "jsonpath-plus",
  },
  { owner: "AWS SDK v3", matches: (area) => /^@(aws-sdk|smithy|aws-crypto)\//.test(area) },
  { owner: "dynalite and LevelDB", matches: (area) => /^(dynalite|.*level.*|lazy|big\.js)$/.test(area) },
  { owner: "graphql-js", matches: (area) => area === "graphql" },
  { owner: "garbage collector", matches: (area) => area === "(garbage collector)" },
  {
    owner: "ours (local/, handlers/, definitions/)",
    matches: (area) => /^(local|handlers|definitions|scripts)\//.test(area),
  },
  { owner: "other packages", matches: (area) => !area.startsWith("(") && /^[@\w.-]+$/.test(area) },
];
const NODE_OWNER = "Node (HTTP, streams, timers, native calls)";

/**
 * Summarizes `file`, keeping the `top` busiest functions and areas; `units` (e.g. 20,000 "order")
 * adds each owner's time per unit.
 */
export function summarizeProfile(
  file: string,
  top = 12,
  units?: { count: number; name: string },
): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const areaMs = new Map<string, number>();
  const functionMs = new Map<string, number>();
  const ownerMs = new Map<string, number>();
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
    // Native frames (no URL: writev, runMicrotasks, ...) are Node's, except the collector's.
    const owner =
      frame.url === "" && frame.functionName !== "(garbage collector)"
        ? NODE_OWNER
        : (OWNERS.find((candidate) => candidate.matches(area))?.owner ?? NODE_OWNER);
    ownerMs.set(owner, (ownerMs.get(owner) ?? 0) + ms);
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
    owners: [...ownerMs]
      .sort((a, b) => b[1] - a[1])
      .map(([name, ms]) => ({ name, ms: Math.round(ms), percent: Math.round((1000 * ms) / busyMs) / 10 })),
    ...(units && units.count > 0 ? { units } : {}),
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
  const { units } = summary;
  const perUnit = (ms: number) =>
    units ? `  ${String(Math.round((1000 * ms) / units.count)).padStart(6)} µs/${units.name}` : "";
  return [
    `  CPU profile: ${summary.busyMs} ms busy, ${summary.idleMs} ms idle` +
      (units ? `, ${units.count} ${units.name}s served` : "") +
      ". By owner of the code:",
    ...summary.owners.map(
      (share) =>
        `    ${share.percent.toFixed(1).padStart(5)}%  ${String(share.ms).padStart(6)} ms${perUnit(share.ms)}  ${share.name}`,
    ),
    "  Self time by area:",
    ...rows(summary.areas),
    "  Busiest functions (self time):",
    ...rows(summary.functions),
  ].join("\n");
}
