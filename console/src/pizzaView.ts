/**
 * Pizza: an order form that posts `{"flavour": ...}` to the pizza API and shows its answer as it
 * came, with a one-line summary: from the raw StartSyncExecution result (HTTP 200 whatever the
 * execution's status), or, when the stack's `pizzaResponses` is `mapped`, from the HTTP status the
 * API mapped the outcome to (200 output, 422 refused, 504 timed out, 500 other failures).
 */
import type { ConsoleConfig } from "./consoleConfig";
import { h, notice, prettyJson, replace } from "./dom";

interface PizzaAnswer {
  readonly status?: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly message?: string;
}

/** The Pizza view. */
export function pizzaView(main: HTMLElement, config: ConsoleConfig): () => void {
  const mapped = config.pizzaResponses === "mapped";
  const flavour = h("input", {
    id: "flavour",
    name: "flavour",
    required: true,
    autocomplete: "off",
    value: "pepperoni",
  });
  const result = h("section", { "aria-labelledby": "result-heading", class: "panel", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "panel" },
    h("label", { for: "flavour" }, "Flavour"),
    flavour,
    h("button", { type: "submit", class: "primary" }, "Order"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void order(flavour.value);
  });

  const order = async (value: string) => {
    const url = config.pizzaApiUrl;
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
    let body: PizzaAnswer = {};
    try {
      body = JSON.parse(text) as PizzaAnswer;
    } catch {
      // Shown as it came, below.
    }
    replace(
      result,
      h("h3", { id: "result-heading" }, "Result"),
      mapped ? mappedSummary(status, body) : rawSummary(status, body),
      h("p", { class: "hint" }, `HTTP ${status} from ${url}`),
      h("h4", {}, mapped ? "Mapped response" : "Raw response"),
      h("pre", { tabindex: 0, "data-testid": "pizza-raw" }, prettyJson(text)),
      !mapped && body.output !== undefined && h("h4", {}, "Output"),
      !mapped && body.output !== undefined && h("pre", { tabindex: 0 }, prettyJson(body.output)),
    );
  };

  replace(
    main,
    h("h2", { tabindex: -1 }, "Order a pizza"),
    h(
      "p",
      { class: "hint" },
      "The kitchen refuses pineapple. ",
      mapped
        ? "This stack maps each outcome to an HTTP status (pizzaResponses: mapped)."
        : "The answer is the workflow's raw result, HTTP 200 whatever happened (pizzaResponses: raw).",
    ),
    form,
    result,
  );
  return () => undefined;
}

function rawSummary(status: number, body: PizzaAnswer) {
  const label = (text: string) => h("strong", { "data-testid": "pizza-status" }, text);
  if (body.status === "SUCCEEDED") return notice("success", label("SUCCEEDED"), ": the pizza is on its way.");
  if (body.status === "FAILED" || body.status === "TIMED_OUT")
    return notice(
      "error",
      label(body.status),
      `: ${body.error ?? "no error"}: ${body.cause ?? "no cause given"}`,
    );
  if (body.status) return notice("info", label(body.status));
  return notice("error", label(`HTTP ${status}`), `: ${body.message ?? "the pizza API refused the order"}`);
}

const MAPPED_MEANING: Readonly<Record<number, string>> = {
  200: "the pizza is on its way",
  400: "Step Functions refused the request",
  415: "the API does not take this content type",
  422: "the order was refused",
  500: "the kitchen failed",
  504: "the order timed out",
};

function mappedSummary(status: number, body: PizzaAnswer) {
  const label = h("strong", { "data-testid": "pizza-status" }, `HTTP ${status}`);
  const meaning = MAPPED_MEANING[status] ?? "unexpected answer";
  if (status === 200) return notice("success", label, `: ${meaning}.`);
  const detail = body.error
    ? ` (${body.error}${body.cause ? `: ${body.cause}` : ""})`
    : body.message
      ? ` (${body.message})`
      : "";
  return notice("error", label, `: ${meaning}${detail}.`);
}
