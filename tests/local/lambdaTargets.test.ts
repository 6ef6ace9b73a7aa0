import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { functionName, lambdaFinder, parseLambdaOption } from "../../local/lambdaTargets";

describe("Lambda functions for users' state machines", () => {
  it("finds a function by name or ARN, as the Lambda API accepts either", () => {
    assert.equal(functionName("arn:aws:lambda:us-east-1:000000000000:function:greeter"), "greeter");
    assert.equal(functionName("arn:aws:lambda:us-east-1:000000000000:function:greeter:live"), "greeter");
    assert.equal(functionName("greeter"), "greeter");
  });

  it("loads a handler file named on the command line, and says what is wrong with a bad one", async () => {
    const find = lambdaFinder({
      root: process.cwd(),
      handlerFiles: { order: "handlers/orderPizza.ts#handler" },
    });
    const order = find("arn:aws:lambda:us-east-1:000000000000:function:order");
    assert.deepStrictEqual(await order?.("pineapple"), { containsPineapple: true });
    assert.equal(find("unknown"), undefined);
    const broken = lambdaFinder({
      root: process.cwd(),
      handlerFiles: { nope: "handlers/orderPizza.ts#missing" },
    });
    assert.throws(
      () => broken("nope"),
      /Lambda function "nope": .*handlers\/orderPizza\.ts has no exported function "missing"/,
    );
    assert.deepStrictEqual(parseLambdaOption("my-fn=handlers/a.ts#run"), ["my-fn", "handlers/a.ts#run"]);
    assert.throws(
      () => parseLambdaOption("handlers/a.ts"),
      /--lambda takes <function name>=<handler file>\[#export\]/,
    );
  });

  it("calls a Lambda Invoke API endpoint (sam local start-lambda), turning a function error into a named error", async () => {
    // Stands in for `sam local start-lambda`: the Invoke API's path, body and X-Amz-Function-Error header.
    const requests: string[] = [];
    const server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        requests.push(`${request.method} ${request.url} ${body}`);
        if (request.url?.includes("/failing/")) {
          response.writeHead(200, { "X-Amz-Function-Error": "Unhandled" });
          response.end(JSON.stringify({ errorType: "KitchenOnFire", errorMessage: "too hot" }));
        } else response.end(JSON.stringify({ echoed: JSON.parse(body) }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const find = lambdaFinder({ root: process.cwd(), endpoint });
      assert.deepStrictEqual(await find("echo")?.({ a: 1 }), { echoed: { a: 1 } });
      await assert.rejects(Promise.resolve(find("failing")?.({})), {
        name: "KitchenOnFire",
        message: "too hot",
      });
      assert.deepStrictEqual(requests, [
        'POST /2015-03-31/functions/echo/invocations {"a":1}',
        "POST /2015-03-31/functions/failing/invocations {}",
      ]);
    } finally {
      server.close();
    }
  });
});
