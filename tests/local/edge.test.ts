import assert from "node:assert/strict";
import { SECURITY_HEADERS } from "../../local/edge";
import type { TestStack } from "./harness";
import { startTestStack } from "./harness";

/** POSTs `body` to `url` as curl's `-d` does, and returns the status, headers and parsed body. */
async function post(url: string, body: string, contentType = "application/x-www-form-urlencoded") {
  const response = await fetch(url, { method: "POST", headers: { "content-type": contentType }, body });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: JSON.parse(text) as Record<string, unknown>,
  };
}

describe("local stack: the pizza API in the mapped response mode", function () {
  this.timeout(30_000);
  let stack: TestStack;
  before(async () => (stack = await startTestStack({ pizzaResponses: "mapped" })));
  after(() => stack.stop());

  it("answers a successful order with 200 and the parsed execution output", async () => {
    const { status, body } = await post(stack.outputs.pizzaApiUrl, '{"flavour":"pepperoni"}');
    assert.equal(status, 200);
    assert.deepStrictEqual(body, { containsPineapple: false });
  });

  it("answers a pineapple order with 422 and the error and cause", async () => {
    const { status, body } = await post(stack.outputs.pizzaApiUrl, '{"flavour":" Hawaiian "}');
    assert.equal(status, 422);
    assert.deepStrictEqual(body, { error: "Failed To Make Pizza", cause: "They asked for Pineapple" });
  });

  it("answers an order without a flavour with 422 InvalidOrder and a cause that says what to send", async () => {
    const { status, body } = await post(stack.outputs.pizzaApiUrl, '{"size":"large"}', "application/json");
    assert.equal(status, 422);
    assert.equal(body.error, "InvalidOrder");
    assert.match(String(body.cause), /has no "flavour": send a JSON body like \{"flavour": "pepperoni"\}/);
  });

  it("keeps quotes, apostrophes and non-ASCII text of an order intact through the templates", async () => {
    const { status, body } = await post(stack.outputs.pizzaApiUrl, `{"flavour":"chef's \\"special\\" è"}`);
    assert.equal(status, 200);
    assert.deepStrictEqual(body, { containsPineapple: false });
  });

  it("passes Step Functions' refusal of a body that is not JSON on as 400", async () => {
    const { status, body } = await post(stack.outputs.pizzaApiUrl, '{"flavour": pepperoni}');
    assert.equal(status, 400);
    assert.equal(body.__type, "com.amazonaws.swf.service.v2.model#InvalidExecutionInput");
  });

  it("refuses a content type no template maps with 415, as passthrough NEVER does", async () => {
    const { status, body } = await post(stack.outputs.pizzaApiUrl, "<order/>", "application/xml");
    assert.equal(status, 415);
    assert.deepStrictEqual(body, { message: "Unsupported Media Type" });
  });
});

describe("local stack: the edge (edgeUrl)", function () {
  this.timeout(30_000);
  let stack: TestStack;
  before(async () => (stack = await startTestStack()));
  after(() => stack.stop());

  const assertSecurityHeaders = (headers: Headers) => {
    for (const header of SECURITY_HEADERS)
      assert.equal(headers.get(header.name), header.value, `${header.name} on the response`);
  };

  it("is in the outputs and is the local server, as the router in front of both APIs", () => {
    assert.equal(stack.outputs.edgeUrl, stack.outputs.pizzaApiUrl);
    assert.equal(new URL(stack.outputs.bookingGraphqlUrl).origin, new URL(stack.outputs.edgeUrl).origin);
  });

  for (const path of ["", "pizza"]) {
    it(`orders a pizza at POST /${path}, in the raw mode by default, with the security headers`, async () => {
      const { status, headers, body } = await post(
        `${stack.outputs.edgeUrl}${path}`,
        '{"flavour":"pineapple"}',
      );
      assert.equal(status, 200);
      assert.deepStrictEqual([body.status, body.error], ["FAILED", "Failed To Make Pizza"]);
      assertSecurityHeaders(headers);
    });
  }

  it("serves GraphQL at /graphql with the security headers", async () => {
    const response = await fetch(new URL("graphql", stack.outputs.edgeUrl), {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": stack.outputs.bookingApiKey },
      body: JSON.stringify({ query: "{ apartments { id } }" }),
    });
    assert.equal(response.status, 200);
    assert.ok(((await response.json()) as { data: { apartments: unknown[] } }).data.apartments.length > 0);
    assertSecurityHeaders(response.headers);
  });

  it("answers an unknown path with 404 and the security headers, as CloudFront passes the origin's 404 on", async () => {
    const response = await fetch(new URL("nowhere", stack.outputs.edgeUrl), { method: "POST" });
    assert.equal(response.status, 404);
    assertSecurityHeaders(response.headers);
  });
});
