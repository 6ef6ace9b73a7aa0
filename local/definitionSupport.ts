/**
 * What a definition may use to run locally, checked before anything runs so an unsupported feature
 * fails the start (or CreateStateMachine) naming the state, instead of being silently ignored.
 * A state machine is JSONPath (run by aws-local-stepfunctions) or JSONata (run by our JSONata
 * engine) as a whole: AWS lets a JSONPath machine opt single states into JSONata, which neither
 * engine here can mix, and aws-local-stepfunctions ignores `Assign` (variables).
 */
import type { ScopeNode } from "./aslJson";
import { eachState } from "./aslJson";

/** The query language a machine runs with (AWS's default is JSONPath). */
export function queryLanguage(asl: object): "JSONata" | "JSONPath" {
  return (asl as ScopeNode).QueryLanguage === "JSONata" ? "JSONata" : "JSONPath";
}

/** Sentences naming each state that uses what the local engines cannot run; empty when all is fine. */
export function definitionProblems(asl: object): string[] {
  const language = queryLanguage(asl);
  const problems: string[] = [];
  eachState(asl as ScopeNode, (name, state) => {
    const fields = state;
    const own = fields.QueryLanguage as string | undefined;
    if (language === "JSONPath" && own === "JSONata")
      problems.push(
        `state "${name}" uses JSONata inside a JSONPath state machine; the local stack runs JSONata when the whole machine sets "QueryLanguage": "JSONata"`,
      );
    if (language === "JSONata" && own === "JSONPath")
      problems.push(
        `state "${name}" sets QueryLanguage JSONPath inside a JSONata state machine, which AWS refuses too`,
      );
    if (
      language === "JSONPath" &&
      own !== "JSONata" &&
      (fields.Assign !== undefined || hasCatcherAssign(fields))
    )
      problems.push(
        `state "${name}" assigns variables (Assign), which the local JSONPath engine does not evaluate; write the machine in JSONata`,
      );
    if (state.Type === "Map") {
      const map = fields as {
        ItemReader?: unknown;
        ResultWriter?: unknown;
        ItemProcessor?: { ProcessorConfig?: { Mode?: string } };
      };
      if (
        map.ItemReader !== undefined ||
        map.ResultWriter !== undefined ||
        map.ItemProcessor?.ProcessorConfig?.Mode === "DISTRIBUTED"
      )
        problems.push(`state "${name}" is a Distributed Map, which the local engines do not run`);
    }
  });
  return problems;
}

function hasCatcherAssign(state: Record<string, unknown>): boolean {
  const catchers = state.Catch as { Assign?: unknown }[] | undefined;
  const choices = state.Choices as { Assign?: unknown }[] | undefined;
  return [...(catchers ?? []), ...(choices ?? [])].some((entry) => entry.Assign !== undefined);
}
