/**
 * The builder's own cost: building and rendering each project definition (graph checks and
 * validation included), against the floor of serializing the same ASL with JSON.stringify.
 */
import { performance } from "node:perf_hooks";
import { WORKFLOWS } from "../../definitions/examples";
import type { Spread } from "./stats";
import { ratio, spread } from "./stats";

/** One definition's figures, in microseconds per build-and-render. */
export interface BuilderFigures {
  readonly workflow: string;
  readonly buildAndRenderUs: Spread;
  readonly stringifyUs: Spread;
  readonly ratio: Spread;
}

/** Average microseconds per call of `operation` over `iterations` calls. */
function timeEach(operation: () => unknown, iterations: number): number {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) operation();
  return ((performance.now() - start) * 1000) / iterations;
}

export function measureBuilder({ runs = 5, iterations = 200 } = {}): BuilderFigures[] {
  return Object.entries(WORKFLOWS).map(([workflow, build]) => {
    const asl = build().toAsl();
    const buildAndRender = () => build().toJson();
    const stringify = () => JSON.stringify(asl, null, 2);
    timeEach(buildAndRender, iterations); // warm-up
    const built: number[] = [];
    const floor: number[] = [];
    for (let run = 0; run < runs; run++) {
      built.push(timeEach(buildAndRender, iterations));
      floor.push(timeEach(stringify, iterations));
    }
    return {
      workflow,
      buildAndRenderUs: spread(built),
      stringifyUs: spread(floor),
      ratio: ratio(built, floor),
    };
  });
}
