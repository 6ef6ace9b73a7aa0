import assert from "node:assert/strict";
import {
  PIZZA_INTEGRATION_RESPONSES,
  PIZZA_RESULT_TEMPLATE,
  pizzaRequestTemplate,
} from "../../definitions/pizzaApiMapping";
import { escapeJavaScript, renderTemplate } from "../../local/apiGatewayTemplates";

/** A StartSyncExecution result, as Step Functions answers it (the fields the template reads). */
const result = (fields: Record<string, unknown>) =>
  JSON.stringify({ executionArn: "arn:aws:states:us-east-1:123456789012:express:pizza:x:y", ...fields });

describe("the pizza API's mapping templates (mapped response mode)", () => {
  it("puts the raw body, escaped, into a StartSyncExecution call of the state machine", () => {
    const body = `{"flavour":"chef's \\"special\\" / è"}`;
    const call = JSON.parse(
      renderTemplate(pizzaRequestTemplate("arn:aws:states:::stateMachine:pizza"), body).body,
    );
    assert.deepStrictEqual(call, { stateMachineArn: "arn:aws:states:::stateMachine:pizza", input: body });
  });

  it("answers SUCCEEDED with the output itself and no status override (the response's 200)", () => {
    const rendered = renderTemplate(
      PIZZA_RESULT_TEMPLATE,
      result({ status: "SUCCEEDED", output: '{"a":1}' }),
    );
    assert.deepStrictEqual(rendered, { body: '{"a":1}' });
  });

  const cases: [string, Record<string, unknown>, number, Record<string, string>][] = [
    [
      "a refused order",
      { status: "FAILED", error: "Failed To Make Pizza", cause: "They asked for Pineapple" },
      422,
      { error: "Failed To Make Pizza", cause: "They asked for Pineapple" },
    ],
    [
      "an invalid order",
      { status: "FAILED", error: "InvalidOrder", cause: 'no "flavour"' },
      422,
      { error: "InvalidOrder", cause: 'no "flavour"' },
    ],
    [
      "a kitchen failure",
      { status: "FAILED", error: "KitchenUnavailable", cause: "it's closed" },
      500,
      { error: "KitchenUnavailable", cause: "it's closed" },
    ],
    ["a failure without error or cause", { status: "FAILED" }, 500, { error: "", cause: "" }],
    [
      "a timeout",
      { status: "TIMED_OUT" },
      504,
      { error: "States.Timeout", cause: "The order did not finish within 25 seconds" },
    ],
  ];
  for (const [what, execution, status, body] of cases) {
    it(`answers ${what} with ${status} and {error, cause}`, () => {
      const rendered = renderTemplate(PIZZA_RESULT_TEMPLATE, result(execution));
      assert.equal(rendered.statusOverride, status);
      assert.deepStrictEqual(JSON.parse(rendered.body), body);
    });
  }

  it("selects Step Functions' 4xx and 5xx answers by status and passes their body on", () => {
    const patterns = PIZZA_INTEGRATION_RESPONSES.map((response) => [
      response.selectionPattern,
      response.statusCode,
    ]);
    assert.deepStrictEqual(patterns, [
      [undefined, "200"],
      ["4\\d{2}", "400"],
      ["5\\d{2}", "500"],
    ]);
    const error = '{"__type":"com.amazonaws.swf.service.v2.model#InvalidExecutionInput","message":"bad"}';
    assert.deepStrictEqual(
      JSON.parse(renderTemplate(PIZZA_INTEGRATION_RESPONSES[1].template, error).body),
      JSON.parse(error),
    );
  });

  it("escapes as Apache Commons' escapeJavaScript does (what $util.escapeJavaScript is)", () => {
    assert.equal(escapeJavaScript(`a'b"c\\d/e\nf\tg`), `a\\'b\\"c\\\\d\\/e\\nf\\tg`);
    assert.equal(escapeJavaScript("é😀\u0001"), "\\u00E9\\uD83D\\uDE00\\u0001");
  });
});
