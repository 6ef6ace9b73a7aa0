/**
 * `npm run bench`: how fast the builder builds and renders the project's definitions, and how many
 * pizza orders the local stack answers. Numbers for comparing changes on one machine, not limits:
 * no test asserts timing.
 */
import "../local/polyfills";
import { aslValidatorErrors } from "../definitions/asl";
import { WORKFLOWS } from "../definitions/examples";
import { startLocalStack } from "../local/stack";
import type { BenchResult } from "./benchmark";
import { bench, formatResults } from "./benchmark";

async function main(): Promise<void> {
  const results: BenchResult[] = [];
  for (const [name, build] of Object.entries(WORKFLOWS)) {
    results.push(
      await bench(`build ${name} (asl-validator verdict remembered)`, build, { iterations: 200, warmup: 5 }),
    );
    const definition = build();
    let variant = 0;
    // A new Comment each time defeats the memo: this is what asl-validator itself costs.
    const fresh = () => aslValidatorErrors({ ...definition.toAsl(), Comment: `variant ${variant++}` });
    results.push(
      await bench(`asl-validator on a new ${name} definition`, fresh, { iterations: 30, warmup: 3 }),
    );
    results.push(await bench(`${name}.toJson()`, () => definition.toJson(), { iterations: 2_000 }));
    results.push(await bench(`${name}.toMermaid()`, () => definition.toMermaid(), { iterations: 2_000 }));
    results.push(await bench(`${name}.permissions()`, () => definition.permissions(), { iterations: 2_000 }));
  }

  const stack = await startLocalStack({ port: 0, inMemory: true });
  try {
    const order = (flavour: string) =>
      fetch(stack.outputs.pizzaApiUrl, { method: "POST", body: JSON.stringify({ flavour }) }).then((r) =>
        r.json(),
      );
    results.push(
      await bench("local: pizza order over HTTP (sequential)", () => order("pepperoni"), {
        iterations: 300,
        warmup: 20,
      }),
    );
    results.push(
      await bench("local: pizza refused (Fail state)", () => order("pineapple"), {
        iterations: 300,
        warmup: 20,
      }),
    );
    const batch = await bench(
      "local: 20 concurrent pizza orders",
      () => Promise.all(Array.from({ length: 20 }, () => order("margherita"))),
      { iterations: 30, warmup: 3 },
    );
    results.push(batch);
    const query = (body: string) =>
      fetch(stack.outputs.bookingGraphqlUrl, {
        method: "POST",
        headers: { "x-api-key": stack.outputs.bookingApiKey },
        body,
      }).then((r) => r.json());
    results.push(
      await bench(
        "local: GraphQL apartments query",
        () => query('{"query":"{ apartments { id status } }"}'),
        { iterations: 300, warmup: 20 },
      ),
    );
    console.log(formatResults(results));
    console.log(
      `\n20 concurrent orders: ${((20 * 1000) / batch.medianMs).toFixed(0)} orders/s at the median.`,
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
