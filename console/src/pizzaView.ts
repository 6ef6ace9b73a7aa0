/**
 * Pizza: an order form that posts `{"flavour": ...}` to the pizza API and shows the raw
 * StartSyncExecution result (HTTP 200 whatever the execution's status), a one-line summary of it,
 * and, when the stack serves the mapped mode, the mapped answer too.
 */
import type { ConsoleConfig } from "./consoleConfig";
import { h, notice, prettyJson, replace } from "./dom";

interface SyncResult {
  readonly status?: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly executionArn?: string;
  readonly message?: string;
}

/** The Pizza view. */
export function pizzaView(main: HTMLElement, config: ConsoleConfig): () => void {
  const flavour = h("input", {
    id: "flavour",
    name: "flavour",
    required: true,
    autocomplete: "off",
    value: "pepperoni",
  });
  const mapped = h("input", { id: "mapped", name: "mapped", type: "checkbox" });
  const result = h("section", { "aria-labelledby": "result-heading", class: "panel", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "panel" },
    h("label", { for: "flavour" }, "Flavour"),
    flavour,
    config.pizzaMappedUrl &&
      h("div", { class: "checkbox" }, mapped, h("label", { for: "mapped" }, "Ask for the mapped status")),
    h("button", { type: "submit", class: "primary" }, "Order"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void order(
      flavour.value,
      config.pizzaMappedUrl && mapped.checked ? config.pizzaMappedUrl : config.pizzaApiUrl,
    );
  });

  const order = async (value: string, url: string) => {
    replace(result, h("h3", { id: "result-heading" }, "Result"), notice("info", `Ordering ${value}…`));
    let status: number;
    let text: string;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ flavour: value }),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      replace(
        result,
        h("h3", { id: "result-heading" }, "Result"),
        notice("error", `Could not reach the pizza API at ${url}: ${(error as Error).message}`),
      );
      return;
    }
    let body: SyncResult = {};
    try {
      body = JSON.parse(text) as SyncResult;
    } catch {
      // Shown raw below.
    }
    replace(
      result,
      h("h3", { id: "result-heading" }, "Result"),
      summary(status, body),
      h("p", { class: "hint" }, `HTTP ${status} from ${url}`),
      h("h4", {}, "Raw response"),
      h("pre", { tabindex: 0, "data-testid": "pizza-raw" }, prettyJson(text)),
      body.output !== undefined && h("h4", {}, "Output"),
      body.output !== undefined && h("pre", { tabindex: 0 }, prettyJson(body.output)),
    );
  };

  replace(
    main,
    h("h2", { tabindex: -1 }, "Order a pizza"),
    h("p", { class: "hint" }, "The kitchen refuses pineapple. The answer is the workflow's raw result."),
    form,
    result,
  );
  return () => undefined;
}

function summary(status: number, body: SyncResult) {
  if (body.status === "SUCCEEDED")
    return notice(
      "success",
      h("strong", { "data-testid": "pizza-status" }, "SUCCEEDED"),
      ": the pizza is on its way.",
    );
  if (body.status === "FAILED" || body.status === "TIMED_OUT")
    return notice(
      "error",
      h("strong", { "data-testid": "pizza-status" }, body.status),
      `: ${body.error ?? "no error"}: ${body.cause ?? "no cause given"}`,
    );
  if (body.status) return notice("info", h("strong", { "data-testid": "pizza-status" }, body.status));
  return notice(status < 400 ? "info" : "error", body.message ?? `The pizza API answered HTTP ${status}.`);
}
