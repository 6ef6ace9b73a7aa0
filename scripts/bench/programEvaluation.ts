/**
 * Program evaluation: the whole stack under Pulumi mocks (what `npm run plan` does), as whole
 * processes, against the floor of merely importing @pulumi/pulumi and @pulumi/aws, and, when
 * aws-cdk-lib can be installed into the bench's cache, against a CDK synth of the seed's pizza
 * stack. Runs are interleaved so a slow moment of the machine hits every contender.
 */
import type { ProcessRun } from "./processes";
import { runNode } from "./processes";
import type { Spread } from "./stats";
import { ratio, spread } from "./stats";
import { cdkBaselineCommand } from "./cdkBaseline";

/** The target: evaluating the program within 2× the import floor. */
export const PROGRAM_TARGET = { maxRatioToFloor: 2 };

/** Wall time and peak memory of one contender over the runs. */
export interface ProcessFigures {
  readonly command: string;
  readonly wallMs: Spread;
  readonly maxRssMiB: Spread;
}

/** What `measureProgramEvaluation` reports. */
export interface ProgramEvaluationResult {
  readonly plan: ProcessFigures;
  readonly importFloor: ProcessFigures;
  /** Absent when aws-cdk-lib could not be installed (say why in `cdkSkipped`). */
  readonly cdkSynth?: ProcessFigures;
  readonly cdkSkipped?: string;
  readonly planToFloor: { readonly wall: Spread; readonly memory: Spread };
  readonly planToCdk?: { readonly wall: Spread; readonly memory: Spread };
  readonly met: boolean;
}

interface Contender {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly runs: ProcessRun[];
}

export async function measureProgramEvaluation({ runs = 3 } = {}): Promise<ProgramEvaluationResult> {
  const plan: Contender = {
    command: "npm run plan -- --stack dev --json (node -r ./common/register.js scripts/plan.ts)",
    // What package.json's plan script runs, without npm's own start-up.
    args: ["-r", "./common/register.js", "scripts/plan.ts", "--stack", "dev", "--json"],
    runs: [],
  };
  const floor: Contender = {
    command: "node -e \"require('@pulumi/pulumi'); require('@pulumi/aws')\"",
    args: ["-e", "require('@pulumi/pulumi'); require('@pulumi/aws')"],
    runs: [],
  };
  const cdk = await cdkBaselineCommand();
  const cdkContender: Contender | undefined =
    "args" in cdk ? { command: cdk.command, args: cdk.args, env: cdk.env, runs: [] } : undefined;
  const contenders = [floor, plan, ...(cdkContender ? [cdkContender] : [])];
  // One untimed run each fills the file system cache, as a user's second run would find it.
  for (const contender of contenders) await runNode(contender.args, contender.env);
  for (let round = 0; round < runs; round++) {
    for (const contender of round % 2 === 0 ? contenders : [...contenders].reverse()) {
      contender.runs.push(await runNode(contender.args, contender.env));
    }
  }
  const figures = (contender: Contender): ProcessFigures => ({
    command: contender.command,
    wallMs: spread(contender.runs.map((run) => run.wallMs)),
    maxRssMiB: spread(contender.runs.map((run) => run.maxRssMiB)),
  });
  const against = (a: Contender, b: Contender) => ({
    wall: ratio(
      a.runs.map((run) => run.wallMs),
      b.runs.map((run) => run.wallMs),
    ),
    memory: ratio(
      a.runs.map((run) => run.maxRssMiB),
      b.runs.map((run) => run.maxRssMiB),
    ),
  });
  const planToFloor = against(plan, floor);
  return {
    plan: figures(plan),
    importFloor: figures(floor),
    ...(cdkContender
      ? { cdkSynth: figures(cdkContender), planToCdk: against(plan, cdkContender) }
      : { cdkSkipped: (cdk as { skipped: string }).skipped }),
    planToFloor,
    met: planToFloor.wall.median <= PROGRAM_TARGET.maxRatioToFloor,
  };
}
