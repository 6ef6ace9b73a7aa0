import assert from "node:assert/strict";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");
const SNIPPET = path.join(ROOT, "tests/asl/__snippet__.ts");

/**
 * Every file but the snippet (the builder, lib.d.ts, @types/node) parsed once for all cases: they
 * do not change during a run, and parsing them was most of each case's time. Each case still gets
 * its own program and type checker.
 */
const parsed = new Map<string, ts.SourceFile | undefined>();

/**
 * Compiles `source` as a file in tests/asl (in memory) and returns the compiler's messages for it,
 * each prefixed with the source text it flags (`End: true`), so tests can tell where an error is.
 */
function compile(source: string): string[] {
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
  host.getSourceFile = (name, language, ...rest) =>
    path.resolve(name) === SNIPPET
      ? ts.createSourceFile(name, source, language)
      : (parsed.get(name) ?? parsed.set(name, getSourceFile(name, language, ...rest)).get(name));
  host.fileExists = (name) => path.resolve(name) === SNIPPET || fileExists(name);
  host.readFile = (name) => (path.resolve(name) === SNIPPET ? source : readFile(name));
  const program = ts.createProgram([SNIPPET], options, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(SNIPPET)).map((diagnostic) => {
    const flagged =
      diagnostic.start === undefined
        ? ""
        : source.slice(diagnostic.start, diagnostic.start + (diagnostic.length ?? 0));
    return `${flagged}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
  });
}

const IMPORTS = `import { StateMachineDefinition } from "../../definitions/asl";\nimport type { TaskStateJson } from "../../definitions/asl";\n`;

describe("ASL builder: compile-time checks", function () {
  // The compiler checks each case with the builder's types: slower than a unit test, not a benchmark.
  this.timeout(60_000);

  it("compiles a definition whose every reference is declared", () => {
    const messages = compile(
      `${IMPORTS}StateMachineDefinition.fromAsl({ StartAt: "Order", States: { Order: { Type: "Pass", Next: "Bake" }, Bake: { Type: "Succeed" } } });\n`,
    );
    assert.deepStrictEqual(messages, []);
  });

  it("refuses to compile a Next to a state that is never declared, naming it", () => {
    const messages = compile(
      `${IMPORTS}StateMachineDefinition.fromAsl({ StartAt: "Order", States: { Order: { Type: "Pass", Next: "Box" } } });\n`,
    );
    assert.ok(
      messages.some((message) => message.includes(`Type '"Box"' is not assignable to type '"Order"'`)),
      messages.join("\n---\n"),
    );
  });

  it("refuses to compile a state with both Next and End", () => {
    const messages = compile(
      `${IMPORTS}export const s: TaskStateJson<"A"> = { Type: "Task", Resource: "arn:aws:lambda:us-east-1:1:function:f", Next: "A", End: true };\n`,
    );
    // TypeScript flags the End property: the union allows `Next` or `End`, so with Next, End cannot be set.
    assert.ok(
      messages.some((message) => message.startsWith("End: ")),
      messages.join("\n---\n"),
    );
  });

  it("flags, with the compiler's own words, a branch target, a misspelled field and a JSONata state's Parameters", () => {
    const messages = compile(
      `${IMPORTS}` +
        `StateMachineDefinition.fromAsl({ StartAt: "Both", States: { Both: { Type: "Parallel", Branches: [{ StartAt: "Left", States: { Left: { Type: "Pass", Next: "Elsewhere" } } }], End: true } } });\n` +
        `StateMachineDefinition.fromAsl({ StartAt: "A", States: { A: { Type: "Pass", ResultPth: "$.x", End: true } } });\n` +
        `StateMachineDefinition.fromAsl({ QueryLanguage: "JSONata", StartAt: "A", States: { A: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: {}, End: true } } });\n`,
    );
    const all = messages.join("\n---\n");
    assert.ok(
      messages.some(
        (m) => m.startsWith("Next: ") && m.includes(`Type '"Elsewhere"' is not assignable to type '"Left"'`),
      ),
      all,
    );
    assert.ok(
      messages.some((m) => m.startsWith("ResultPth: ") && m.includes("is not assignable to type 'never'")),
      all,
    );
    assert.ok(
      messages.some((m) => m.startsWith("A: ") && m.includes(`Property 'QueryLanguage' is missing`)),
      all,
    );
    assert.equal(messages.length, 3, all);
  });
});
