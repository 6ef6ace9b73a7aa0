import { conditionLabel } from "./condition";
import { nestedScopes } from "./graph";
import type { AslDefinition, BranchJson, ConditionJson, StateJson } from "./types";

/**
 * Draws a definition as a Mermaid flowchart, which GitHub renders inside ```mermaid blocks. No npm
 * package turns ASL into Mermaid, so this is ours. Node ids are generated (`s0`, `s1`, ...), because
 * state names may hold spaces, quotes and `?`; labels carry the names. Output is deterministic.
 */
export function aslToMermaid(asl: AslDefinition): string {
  const drawing = new Drawing();
  drawing.line("flowchart TD");
  drawing.line("  start_([start])");
  drawing.line(`  start_ --> ${drawing.id(asl.StartAt)}`);
  drawing.scope(asl, "  ", true);
  drawing.line("  classDef fail fill:#fde2e1,stroke:#c0392b,color:#7b241c");
  drawing.line("  classDef succeed fill:#e3f6e5,stroke:#27ae60,color:#145a32");
  return drawing.text();
}

class Drawing {
  private readonly lines: string[] = [];
  private readonly ids = new Map<string, string>();
  private ended = false;

  line(text: string): void {
    this.lines.push(text);
  }

  text(): string {
    return `${this.lines.join("\n")}\n`;
  }

  /** The node id of a state name (names are unique across the whole definition). */
  id(name: string): string {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = `s${this.ids.size}`;
      this.ids.set(name, id);
    }
    return id;
  }

  /** Draws the states of one scope; only the top level has an `end` node. */
  scope(scope: BranchJson, indent: string, topLevel: boolean): void {
    for (const [name, state] of Object.entries(scope.States as Record<string, StateJson>)) {
      this.node(name, state, indent);
      this.edges(name, state, indent, topLevel);
    }
  }

  private node(name: string, state: StateJson, indent: string): void {
    const id = this.id(name);
    const label = quote(name);
    switch (state.Type) {
      case "Choice":
        this.line(`${indent}${id}{${label}}`);
        return;
      case "Succeed":
        this.line(`${indent}${id}([${label}]):::succeed`);
        return;
      case "Fail":
        this.line(`${indent}${id}([${label}]):::fail`);
        return;
      case "Wait":
        this.line(`${indent}${id}[/${label}/]`);
        return;
      case "Parallel":
      case "Map": {
        // The subgraph is the state: edges come into it and leave it for its Next. Inside, an entry node
        // points at each branch's first state, so where a branch starts is visible.
        const entry = `${id}_start`;
        this.line(`${indent}subgraph ${id} [${label}]`);
        this.line(`${indent}  direction TB`);
        this.line(`${indent}  ${entry}([${state.Type === "Parallel" ? "branches" : "each item"}])`);
        const branches = nestedScopes(state);
        for (const branch of branches) this.scope(branch, `${indent}  `, false);
        // Drawn after the branches' own states, so a branch that starts with a nested Parallel or Map is
        // declared as a subgraph before an edge points at it.
        for (const branch of branches) this.line(`${indent}  ${entry} --> ${this.id(branch.StartAt)}`);
        this.line(`${indent}end`);
        return;
      }
      default:
        this.line(`${indent}${id}[${label}]`);
    }
  }

  private edges(name: string, state: StateJson, indent: string, topLevel: boolean): void {
    const from = this.id(name);
    if ("Next" in state && typeof state.Next === "string")
      this.line(`${indent}${from} --> ${this.id(state.Next)}`);
    if (topLevel && (state.Type === "Succeed" || ("End" in state && state.End === true))) {
      if (!this.ended) {
        this.line(`${indent}end_([end])`);
        this.ended = true;
      }
      this.line(`${indent}${from} --> end_`);
    }
    if (state.Type === "Choice") {
      // A rule's Comment, when it has one, is the author's own short name for the condition; a
      // JSONata rule is labelled with its expression, without the `{% %}` around it.
      for (const rule of state.Choices) {
        const label =
          rule.Comment ??
          ("Condition" in rule && rule.Condition !== undefined
            ? jsonataLabel(rule.Condition)
            : conditionLabel(rule as ConditionJson));
        this.line(`${indent}${from} -->|${quote(label)}| ${this.id(rule.Next)}`);
      }
      if (state.Default !== undefined) this.line(`${indent}${from} -->|otherwise| ${this.id(state.Default)}`);
    }
    if ("Catch" in state && state.Catch) {
      for (const catcher of state.Catch) {
        this.line(`${indent}${from} -.->|${quote(catcher.ErrorEquals.join(", "))}| ${this.id(catcher.Next)}`);
      }
    }
  }
}

/**
 * A Mermaid quoted label: quotes and angle brackets become entity codes, and a `#` that would
 * otherwise start one (`#quot;`) is itself written as an entity, so the name is drawn as written.
 */
function quote(text: string): string {
  const escaped = text
    .replace(/#(?=\w+;)/g, "#35;")
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;");
  return `"${escaped}"`;
}

/** A JSONata condition as a label: `{% $states.input.total > 100 %}` is drawn `$states.input.total > 100`. */
function jsonataLabel(condition: string | boolean): string {
  if (typeof condition === "boolean") return String(condition);
  return condition.replace(/^\{%\s*/, "").replace(/\s*%\}$/, "");
}
