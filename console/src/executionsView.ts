/**
 * Executions: per state machine, its recent executions with status and duration; one execution
 * shows the definition's flowchart with the path taken (from GetExecutionHistory), the state it
 * failed in with its error and cause, and each state's input and output, from the diagram or from
 * the list of steps (the keyboard way in).
 */
import type MermaidApi from "mermaid";
import type { AslDefinition } from "../../definitions/asl/types";
import { aslToMermaid } from "../../definitions/asl/mermaid";
import type { ConsoleConfig } from "./consoleConfig";
import { indexFlowchart, markPath } from "./diagram";
import { duration, h, notice, prettyJson, replace } from "./dom";
import type { ExecutionPath, StateVisit } from "./executionPath";
import { executionPath } from "./executionPath";
import type { Execution } from "./stepFunctions";
import { StepFunctionsClient, StepFunctionsError } from "./stepFunctions";

const POLL_MS = 2000;

/** Why there is nothing to show when the stack does not allow the console to call Step Functions. */
function unavailable(main: HTMLElement, config: ConsoleConfig): void {
  replace(
    main,
    h("h2", { tabindex: -1 }, "Executions"),
    notice(
      "info",
      config.environment === "local"
        ? "This local stack serves no Step Functions API the console can reach."
        : "This stack does not let the console read executions (config consoleExecutions is off).",
    ),
  );
}

/** The list of recent executions per state machine. */
export function executionsView(main: HTMLElement, config: ConsoleConfig): () => void {
  if (!config.stepFunctionsEndpoint) {
    unavailable(main, config);
    return () => undefined;
  }
  const client = new StepFunctionsClient(config.stepFunctionsEndpoint);
  const sections = config.stateMachines.map((machine) => {
    const body = h("div", {});
    return {
      machine,
      body,
      element: h(
        "section",
        { class: "panel", "aria-labelledby": `machine-${machine.label}` },
        h(
          "h3",
          { id: `machine-${machine.label}` },
          `${machine.label} `,
          h("span", { class: "hint" }, `(${machine.type})`),
        ),
        body,
      ),
    };
  });
  replace(main, h("h2", { tabindex: -1 }, "Executions"), ...sections.map((section) => section.element));

  const refresh = async () => {
    for (const { machine, body } of sections) {
      let executions: Execution[];
      try {
        executions = await client.listExecutions(machine.arn);
      } catch (error) {
        replace(
          body,
          error instanceof StepFunctionsError && error.code === "StateMachineTypeNotSupported"
            ? notice(
                "info",
                "Step Functions keeps no execution history of EXPRESS state machines, so there is nothing to list: the pizza order's result is its whole record (see the Pizza view), and deployed, its CloudWatch Logs.",
              )
            : notice("error", `Could not list executions: ${(error as Error).message}`),
        );
        continue;
      }
      if (executions.length === 0) {
        replace(body, h("p", {}, "No executions yet."));
        continue;
      }
      replace(
        body,
        h(
          "table",
          {},
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col" }, "Execution"),
              h("th", { scope: "col" }, "Status"),
              h("th", { scope: "col" }, "Started"),
              h("th", { scope: "col" }, "Duration"),
            ),
          ),
          h(
            "tbody",
            {},
            ...executions.map((execution) =>
              h(
                "tr",
                {},
                h(
                  "th",
                  { scope: "row" },
                  h(
                    "a",
                    { href: `#/executions/${encodeURIComponent(execution.executionArn)}` },
                    execution.name,
                  ),
                ),
                h("td", {}, h("span", { class: `badge badge-${execution.status}` }, execution.status)),
                h("td", {}, new Date(execution.startDate * 1000).toLocaleString()),
                h(
                  "td",
                  {},
                  duration(((execution.stopDate ?? Date.now() / 1000) - execution.startDate) * 1000),
                  execution.stopDate ? "" : " so far",
                ),
              ),
            ),
          ),
        ),
      );
    }
  };
  void refresh();
  const timer = window.setInterval(() => void refresh(), POLL_MS * 2);
  return () => window.clearInterval(timer);
}

/** One execution: its diagram, path, failure and each state's data. */
export function executionDetailView(executionArn: string) {
  return (main: HTMLElement, config: ConsoleConfig): (() => void) => {
    if (!config.stepFunctionsEndpoint) {
      unavailable(main, config);
      return () => undefined;
    }
    const client = new StepFunctionsClient(config.stepFunctionsEndpoint);
    const header = h("div", {});
    const failure = h("div", {});
    const diagram = h("figure", { class: "diagram", "aria-labelledby": "diagram-caption" });
    const steps = h("tbody", {});
    const data = h(
      "section",
      { class: "panel", "aria-labelledby": "state-heading", "aria-live": "polite" },
      h("h3", { id: "state-heading" }, "State data"),
      h(
        "p",
        { class: "hint" },
        "Choose a state in the diagram or in the list of steps to see its input and output.",
      ),
    );
    replace(
      main,
      h("h2", { tabindex: -1 }, "Execution"),
      h("p", {}, h("a", { href: "#/executions" }, "← All executions")),
      header,
      failure,
      h("div", { class: "execution-layout" }, h("section", { class: "panel" }, diagram), data),
      h(
        "section",
        { class: "panel", "aria-labelledby": "steps-heading" },
        h("h3", { id: "steps-heading" }, "Steps taken"),
        h(
          "table",
          {},
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col" }, "State"),
              h("th", { scope: "col" }, "Result"),
              h("th", { scope: "col" }, "Duration"),
            ),
          ),
          steps,
        ),
      ),
    );

    let path: ExecutionPath = { visits: [] };
    let drawn = "";
    let selected: string | undefined;
    let stopped = false;
    const select = (name: string) => {
      selected = name;
      const visits = path.visits.filter((visit) => visit.name === name);
      replace(
        data,
        h("h3", { id: "state-heading" }, `State data: ${name}`),
        visits.length === 0 ? h("p", {}, "The execution has not entered this state.") : null,
        ...visits.flatMap((visit, index) => [
          visits.length > 1 ? h("h4", {}, `Visit ${index + 1}`) : null,
          visit.error
            ? notice(
                visit.status === "failed" ? "error" : "info",
                `${visit.status === "failed" ? "Failed" : "Caught"}: ${visit.error}${visit.cause ? `: ${visit.cause}` : ""}`,
              )
            : null,
          h("h4", {}, "Input"),
          h(
            "pre",
            { tabindex: 0, "data-testid": "state-input" },
            visit.input === undefined ? "(not recorded)" : prettyJson(visit.input),
          ),
          h("h4", {}, "Output"),
          h(
            "pre",
            { tabindex: 0, "data-testid": "state-output" },
            visit.output === undefined
              ? visit.status === "open"
                ? "(still running)"
                : "(none)"
              : prettyJson(visit.output),
          ),
        ]),
      );
    };

    const refresh = async () => {
      let execution: Execution;
      let definition: AslDefinition;
      let events;
      try {
        execution = await client.describeExecution(executionArn);
        const machine = await client.describeStateMachine(execution.stateMachineArn);
        definition = JSON.parse(machine.definition) as AslDefinition;
        events = await client.executionHistory(executionArn);
      } catch (error) {
        replace(
          header,
          notice("error", `Could not read execution ${executionArn}: ${(error as Error).message}`),
        );
        return;
      }
      path = executionPath(events);
      const machineLabel =
        config.stateMachines.find((machine) => machine.arn === execution.stateMachineArn)?.label ??
        execution.stateMachineArn;
      replace(
        header,
        h(
          "dl",
          { class: "facts" },
          h("dt", {}, "Name"),
          h("dd", {}, execution.name),
          h("dt", {}, "State machine"),
          h("dd", {}, machineLabel),
          h("dt", {}, "Status"),
          h(
            "dd",
            {},
            h(
              "span",
              { class: `badge badge-${execution.status}`, "data-testid": "execution-status" },
              execution.status,
            ),
          ),
          h("dt", {}, "Duration"),
          h("dd", {}, duration(((execution.stopDate ?? Date.now() / 1000) - execution.startDate) * 1000)),
        ),
      );
      replace(
        failure,
        path.failure &&
          notice(
            "error",
            `Failed${path.failure.state ? ` in "${path.failure.state}"` : ""}: `,
            h("strong", {}, path.failure.error ?? "no error name"),
            path.failure.cause ? `: ${path.failure.cause}` : "",
          ),
      );
      replace(steps, ...path.visits.map((visit) => stepRow(visit, select)));
      const plain = aslToMermaid(definition);
      const text = markPath(plain, path);
      if (text !== drawn) {
        drawn = text;
        await drawDiagram(diagram, plain, text, path, select);
      }
      if (selected) select(selected);
      if (execution.status === "RUNNING" && !stopped) window.setTimeout(() => void refresh(), POLL_MS);
    };
    void refresh();
    return () => {
      stopped = true;
    };
  };
}

function stepRow(visit: StateVisit, select: (name: string) => void): HTMLTableRowElement {
  const result =
    visit.status === "failed"
      ? "failed"
      : visit.status === "open"
        ? "running"
        : visit.error
          ? "error caught"
          : "done";
  return h(
    "tr",
    { "data-state": visit.name, "data-visit": visit.status },
    h(
      "th",
      { scope: "row" },
      h("button", { type: "button", class: "link", onclick: () => select(visit.name) }, visit.name),
    ),
    h("td", {}, result),
    h("td", {}, visit.exitedAt !== undefined ? duration((visit.exitedAt - visit.enteredAt) * 1000) : ""),
  );
}

type Mermaid = typeof MermaidApi;
let mermaidLoading: Promise<Mermaid> | undefined;

/** Mermaid is the second bundle (`mermaid.js`), fetched the first time a diagram is drawn. */
function loadMermaid(): Promise<Mermaid> {
  // A URL built at run time, so esbuild leaves this import for the browser instead of bundling it.
  const url = new URL("./mermaid.js", document.baseURI).href;
  mermaidLoading ??= (import(url) as Promise<{ default: Mermaid }>).then(({ default: mermaid }) => {
    // `strict`: labels are sanitized and click directives ignored; clicks are wired below instead.
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "default" });
    return mermaid;
  });
  return mermaidLoading;
}

let renders = 0;

/** Draws `text` (the marked flowchart); node names are read from `plain`, whose labels are the names. */
async function drawDiagram(
  figure: HTMLElement,
  plain: string,
  text: string,
  path: ExecutionPath,
  select: (name: string) => void,
): Promise<void> {
  let svg: string;
  try {
    const mermaid = await loadMermaid();
    svg = (await mermaid.render(`execution-diagram-${++renders}`, text)).svg;
  } catch (error) {
    replace(
      figure,
      notice("error", `Could not draw the diagram: ${(error as Error).message}`),
      h("pre", {}, text),
    );
    return;
  }
  // Mermaid's output, sanitized by Mermaid itself (securityLevel strict).
  figure.innerHTML = svg;
  figure.append(
    h(
      "figcaption",
      { id: "diagram-caption" },
      "The definition, with the path taken in blue, the current state in amber and a failed state in red.",
    ),
  );
  const index = indexFlowchart(plain);
  const nameOf = new Map([...index.nodeOf].map(([name, node]) => [node, name]));
  const statusOf = new Map(path.visits.map((visit) => [visit.name, visit.status]));
  // Mermaid gives each node's group the id `<diagram id>-flowchart-<node id>-<counter>`.
  for (const element of figure.querySelectorAll("g.node")) {
    const node = /-flowchart-(.+)-\d+$/.exec(element.id)?.[1];
    const name = node === undefined ? undefined : nameOf.get(node);
    if (name === undefined) continue;
    const status = statusOf.get(name);
    element.setAttribute("tabindex", "0");
    element.setAttribute("role", "button");
    element.setAttribute("data-state", name);
    element.setAttribute("data-visit", status ?? "not-entered");
    element.setAttribute(
      "aria-label",
      `${name}: ${status === "failed" ? "failed" : status === "open" ? "running" : status ? "entered" : "not entered"}`,
    );
    element.addEventListener("click", () => select(name));
    element.addEventListener("keydown", (event) => {
      const key = (event as KeyboardEvent).key;
      if (key === "Enter" || key === " ") {
        event.preventDefault();
        select(name);
      }
    });
  }
}
