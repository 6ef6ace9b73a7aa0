import assert from "node:assert/strict";
import path from "node:path";
import ts from "typescript";
import * as builder from "../../definitions/asl";
import {
  DefinitionError,
  StateMachineDefinition,
  aslValidatorErrors,
  derivePermissions,
  isUnscopedStatement,
} from "../../definitions/asl";
import type { AslDefinition, PolicyStatement } from "../../definitions/asl";
import { generateBuilderCode } from "../../scripts/importAsl/generate";
import { parameterName } from "../../scripts/importAsl/source";
import type { LoadedCorpusFile } from "./corpus/corpus";
import { loadCorpus } from "./corpus/corpus";
import type { CorpusCheck } from "./corpus/expectedPending";
import { EXPECTED_PENDING } from "./corpus/expectedPending";
import { ENVIRONMENT } from "./corpus/placeholders";

const ROOT = path.resolve(__dirname, "../..");
const corpus = loadCorpus();
const valid = corpus.filter((file) => file.invalid === undefined);

const optionsOf = (file: LoadedCorpusFile) => ({
  environment: ENVIRONMENT,
  statePermissions: file.statePermissions,
});
const build = (file: LoadedCorpusFile) =>
  StateMachineDefinition.fromAsl(file.asl as never, optionsOf(file)) as StateMachineDefinition;

/** Runs one check, or, when EXPECTED_PENDING lists it, insists it still fails. */
function check(file: LoadedCorpusFile, name: CorpusCheck, body: () => void) {
  const pending = EXPECTED_PENDING[file.file]?.checks.includes(name);
  if (!pending) {
    it(`${name}: ${file.file}`, body);
    return;
  }
  it(`${name} (expected pending: ${EXPECTED_PENDING[file.file].reason}): ${file.file}`, () => {
    assert.throws(body, Error, `${file.file} now passes "${name}": remove it from EXPECTED_PENDING`);
  });
}

/** Every Task (nested ones too), with its name. */
function tasksOf(asl: unknown): [string, Record<string, unknown>][] {
  const found: [string, Record<string, unknown>][] = [];
  const walk = (machine: unknown) => {
    const states = (machine as { States?: Record<string, Record<string, unknown>> })?.States ?? {};
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === "Task") found.push([name, state]);
      (state.Branches as unknown[] | undefined)?.forEach(walk);
      walk(state.ItemProcessor);
      walk(state.Iterator);
    }
  };
  walk(asl);
  return found;
}

/** A `*` action or resource, except a statement whose every action IAM grants on `*` alone (the table). */
const isWild = (statement: PolicyStatement) =>
  !isUnscopedStatement(statement) &&
  [...statement.Action, ...statement.Resource].some((part) => part === "*" || /^[\w-]+:\*$/.test(part));
const OWN_ARN = `arn:aws:states:${ENVIRONMENT.region}:${ENVIRONMENT.account}:stateMachine:${ENVIRONMENT.stateMachineName}`;
const ACTIVITY = /^arn:aws:states:[\w-]+:\d{12}:activity:/;

/** Transpiles code written by import-asl and runs it against the builder, as a project file would. */
function runImported(code: string): Record<string, (...args: unknown[]) => StateMachineDefinition> {
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const module = { exports: {} as Record<string, (...args: unknown[]) => StateMachineDefinition> };
  const load = (specifier: string) => {
    if (specifier === "../definitions/asl") return builder;
    throw new Error(`imported code requires ${specifier}`);
  };
  new Function("require", "exports", "module", js.outputText)(load, module.exports, module);
  return module.exports;
}

describe("ASL corpus: real definitions written by others (tests/fixtures/asl-corpus)", function () {
  this.timeout(120_000);

  it("holds at least 40 valid definitions, each with provenance and a licence", () => {
    assert.ok(valid.length >= 40, `only ${valid.length} valid definitions`);
    for (const file of corpus) {
      assert.ok((file.repo && file.path && file.commit) || file.url, `${file.file} has no source`);
      assert.ok(file.licence, `${file.file} has no licence`);
    }
    const unknownPending = Object.keys(EXPECTED_PENDING).filter(
      (name) => !corpus.some((file) => file.file === name),
    );
    assert.deepStrictEqual(unknownPending, [], "EXPECTED_PENDING names files that are not in the corpus");
  });

  it("covers JSONata, Distributed Map, Parallel, task tokens, .sync, intrinsics and legacy Map", () => {
    const text = valid.map((file) => JSON.stringify(file.asl));
    const features: Record<string, RegExp> = {
      JSONata: /"QueryLanguage":"JSONata"/,
      "Distributed Map": /"Mode":"DISTRIBUTED"/,
      Parallel: /"Type":"Parallel"/,
      "task tokens": /\.waitForTaskToken"/,
      ".sync": /\.sync(:2)?"/,
      intrinsics:
        /States\.(Format|StringToJson|JsonToString|Array|MathAdd|UUID|Hash|StringSplit|ArrayLength)\(/,
      "legacy Map": /"Iterator":/,
    };
    for (const [feature, pattern] of Object.entries(features)) {
      assert.ok(
        text.filter((definition) => pattern.test(definition)).length >= 2,
        `fewer than two files use ${feature}`,
      );
    }
  });

  for (const file of valid) {
    describe(file.file, () => {
      check(file, "fromAsl", () => {
        const definition = build(file);
        // Round trip: what fromAsl keeps is exactly what was written.
        assert.deepStrictEqual(JSON.parse(definition.toJson()), file.asl);
        // IAM: no * except an action IAM grants on * alone, and every Task's own statements (derived or given) are in the policy.
        const policy = definition.permissions({ stateMachineArn: OWN_ARN });
        assert.deepStrictEqual(policy.filter(isWild), []);
        const granted = new Set(
          policy.flatMap((s) => s.Action.flatMap((a) => s.Resource.map((r) => `${a} ${r}`))),
        );
        for (const [name, state] of tasksOf(file.asl)) {
          const own =
            file.statePermissions?.[name] ??
            derivePermissions({ StartAt: name, States: { [name]: { ...state, End: true } } }, optionsOf(file))
              .statements;
          if (!ACTIVITY.test(String(state.Resource)))
            assert.ok(own.length > 0, `State "${name}" is granted nothing`);
          for (const statement of own) {
            for (const action of statement.Action) {
              for (const resource of statement.Resource)
                assert.ok(granted.has(`${action} ${resource}`), `${name}: ${action} ${resource}`);
            }
          }
        }
        // Mermaid: every top-level state is drawn.
        const mermaid = definition.toMermaid();
        assert.match(mermaid, /^flowchart/);
        for (const name of Object.keys((file.asl as { States: object }).States)) {
          assert.ok(
            mermaid.includes(name.replace(/"/g, "#quot;")) || mermaid.includes(name),
            `Mermaid lacks "${name}"`,
          );
        }
      });

      check(file, "validator", () => {
        assert.deepStrictEqual(aslValidatorErrors(file.asl as unknown as AslDefinition), []);
      });

      check(file, "import", () => {
        const code = generateBuilderCode(file.raw, { name: "imported" });
        const parameters = Object.fromEntries(
          Object.entries(file.values).map(([key, value]) => [parameterName(key), value]),
        );
        const { imported } = runImported(code);
        const definition =
          Object.keys(parameters).length > 0
            ? imported(parameters, optionsOf(file))
            : imported(optionsOf(file));
        assert.deepStrictEqual(definition.toAsl(), file.asl);
      });
    });
  }

  describe("known-invalid real definitions", () => {
    for (const file of corpus.filter((entry) => entry.invalid !== undefined)) {
      check(file, "rejected", () => {
        assert.throws(
          () => build(file),
          (error: unknown) =>
            error instanceof DefinitionError && new RegExp(file.invalid as string).test(error.message),
        );
      });
    }
  });

  it("compiles a typed fromAsl call with each definition's JSON inlined", () => {
    const snippets = new Map<string, string>();
    for (const [index, file] of valid.entries()) {
      const name = path.join(ROOT, `tests/asl/__corpus_${index}__.ts`);
      snippets.set(
        name,
        `import { StateMachineDefinition } from "../../definitions/asl";\nexport const definition = StateMachineDefinition.fromAsl(${JSON.stringify(file.asl, null, 1)});\n`,
      );
    }
    const options: ts.CompilerOptions = {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      types: ["node"],
      skipLibCheck: true,
      noEmit: true,
    };
    const host = ts.createCompilerHost(options);
    const { getSourceFile, fileExists, readFile } = host;
    host.getSourceFile = (name, language, ...rest) => {
      const text = snippets.get(path.resolve(name));
      return text !== undefined
        ? ts.createSourceFile(name, text, language)
        : getSourceFile(name, language, ...rest);
    };
    host.fileExists = (name) => snippets.has(path.resolve(name)) || fileExists(name);
    host.readFile = (name) => snippets.get(path.resolve(name)) ?? readFile(name);
    const program = ts.createProgram([...snippets.keys()], options, host);
    const failing: Record<string, string> = {};
    for (const [index, file] of valid.entries()) {
      const source = program.getSourceFile(path.join(ROOT, `tests/asl/__corpus_${index}__.ts`));
      const diagnostics = ts.getPreEmitDiagnostics(program, source);
      if (diagnostics.length > 0)
        failing[file.file] = ts.flattenDiagnosticMessageText(diagnostics[0].messageText, "\n").slice(0, 300);
    }
    const expected = valid
      .filter((file) => EXPECTED_PENDING[file.file]?.checks.includes("typed"))
      .map((file) => file.file);
    assert.deepStrictEqual(Object.keys(failing).sort(), expected.sort(), JSON.stringify(failing, null, 1));
  });
});
