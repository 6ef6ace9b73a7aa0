/**
 * Marks an execution's path on the definition's Mermaid flowchart (drawn by the project's own
 * `aslToMermaid`, the same text `npm run render -- <workflow> --format mermaid` prints). That drawing
 * names nodes `s0`, `s1`, ... with the state name as a quoted label, so the node of each state is
 * read back from the text; links are numbered in the order they are written, which is how Mermaid's
 * `linkStyle` counts them (https://mermaid.js.org/syntax/flowchart.html#styling-links).
 */
import type { ExecutionPath } from "./executionPath";

/** What the drawing holds: node id per state name, and each link's ends in order. */
export interface FlowchartIndex {
  readonly nodeOf: ReadonlyMap<string, string>;
  readonly links: readonly { readonly from: string; readonly to: string }[];
}

const NODE = /^\s*(s\d+)(?:\{|\(\[|\[\/|\[)"(.*)"(?:\}|\]\)|\/\]|\])(?::::\w+)?$/;
const SUBGRAPH = /^\s*subgraph (s\d+) \["(.*)"\]$/;
const LINK = /^\s*(\S+) (?:-->|-\.->)(?:\|.*\|)? (\S+)$/;

/** Reads node ids and links from `aslToMermaid` text. */
export function indexFlowchart(mermaid: string): FlowchartIndex {
  const nodeOf = new Map<string, string>();
  const links: { from: string; to: string }[] = [];
  for (const line of mermaid.split("\n")) {
    const node = NODE.exec(line) ?? SUBGRAPH.exec(line);
    if (node) {
      nodeOf.set(unquote(node[2] as string), node[1] as string);
      continue;
    }
    const link = LINK.exec(line);
    if (link) links.push({ from: link[1] as string, to: link[2] as string });
  }
  return { nodeOf, links };
}

/** Colours with at least 4.5:1 contrast for their text (WCAG AA). */
const STYLES = [
  "  classDef visited fill:#dbeafe,stroke:#1d4ed8,stroke-width:3px,color:#0b1f4d",
  "  classDef current fill:#fef3c7,stroke:#b45309,stroke-width:3px,color:#451a03",
  "  classDef failed fill:#fee2e2,stroke:#b91c1c,stroke-width:4px,color:#7f1d1d",
];

/**
 * The flowchart with the path marked: visited states (`visited`), the state it is in (`current`),
 * the state it failed in (`failed`, with the error under its name), and the links it took.
 */
export function markPath(mermaid: string, path: ExecutionPath): string {
  const index = indexFlowchart(mermaid);
  const classes = new Map<string, string>();
  for (const visit of path.visits) {
    const node = index.nodeOf.get(visit.name);
    if (node)
      classes.set(
        node,
        visit.status === "failed" ? "failed" : visit.status === "open" ? "current" : "visited",
      );
  }
  const sequence = ["start_", ...path.visits.map((visit) => index.nodeOf.get(visit.name) ?? "?")];
  const last = path.visits[path.visits.length - 1];
  if (last && last.status === "exited" && !path.failure) sequence.push("end_");
  const taken = new Set<number>();
  for (let i = 1; i < sequence.length; i++) {
    const at = index.links.findIndex((link) => link.from === sequence[i - 1] && link.to === sequence[i]);
    if (at >= 0) taken.add(at);
  }

  const failedNode = path.failure?.state ? index.nodeOf.get(path.failure.state) : undefined;
  const lines = mermaid
    .trimEnd()
    .split("\n")
    .map((line) => {
      const node = NODE.exec(line);
      if (!node || node[1] !== failedNode || !path.failure?.error) return line;
      // The error goes under the name, inside the same quoted label.
      const label = `"${node[2]}"`;
      return line.replace(label, `"${node[2]}<br/>✖ ${quote(path.failure.error)}"`);
    });
  lines.push(...STYLES);
  for (const kind of ["visited", "current", "failed"]) {
    const nodes = [...classes].filter(([, name]) => name === kind).map(([node]) => node);
    if (nodes.length > 0) lines.push(`  class ${nodes.join(",")} ${kind}`);
  }
  if (taken.size > 0)
    lines.push(`  linkStyle ${[...taken].sort((a, b) => a - b).join(",")} stroke:#1d4ed8,stroke-width:4px`);
  return `${lines.join("\n")}\n`;
}

/** Mermaid's entity codes back to characters (the inverse of aslToMermaid's quoting). */
function unquote(label: string): string {
  return label
    .replace(/#quot;/g, '"')
    .replace(/#lt;/g, "<")
    .replace(/#gt;/g, ">")
    .replace(/#35;/g, "#");
}

function quote(text: string): string {
  return text.replace(/#/g, "#35;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}
