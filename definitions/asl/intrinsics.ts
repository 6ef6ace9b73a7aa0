import { assertPath } from "./jsonpath";

/** A path argument of an intrinsic function, made with `Intrinsic.path("$.x")`. */
export class JsonPathRef {
  constructor(readonly path: string) {
    assertPath(path, "path", "Intrinsic.path");
  }
  toString(): string {
    return this.path;
  }
}

/** An intrinsic argument: a literal, a path, or another intrinsic call. Plain strings are literals. */
export type IntrinsicArg = string | number | boolean | null | JsonPathRef | Intrinsic;

/** A States.Format template: its `{}` placeholders stay unescaped; quotes and backslashes are escaped. */
class Template {
  constructor(readonly text: string) {}
  toString(): string {
    return `'${this.text.replace(/[\\']/g, (char) => `\\${char}`)}'`;
  }
}

/** Hash algorithms `States.Hash` accepts. */
export type HashAlgorithm = "MD5" | "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512";

/**
 * A JSONPath intrinsic function call, rendered as the string a `"key.$"` field takes, e.g.
 * `States.Format('Hello {}', $.name)`. Literal strings are quoted and escaped as ASL requires,
 * so a user never writes that escaping by hand.
 */
export class Intrinsic {
  private constructor(
    private readonly fn: string,
    private readonly args: readonly (IntrinsicArg | Template)[],
  ) {}

  /** A path argument (plain strings are literals). */
  static path(path: string): JsonPathRef {
    return new JsonPathRef(path);
  }

  /** `States.Format(template, ...)`: one argument per `{}` in the template. */
  static format(template: string, ...args: IntrinsicArg[]): Intrinsic {
    const placeholders = template.split("{}").length - 1;
    if (placeholders !== args.length) {
      throw new Error(
        `Intrinsic.format: the template has ${placeholders} "{}" but ${args.length} argument(s) were given`,
      );
    }
    return new Intrinsic("Format", [new Template(template), ...args]);
  }
  static stringToJson = (json: IntrinsicArg) => new Intrinsic("StringToJson", [json]);
  static jsonToString = (value: IntrinsicArg) => new Intrinsic("JsonToString", [value]);
  static array = (...items: IntrinsicArg[]) => new Intrinsic("Array", items);
  static arrayPartition = (array: IntrinsicArg, size: IntrinsicArg) =>
    new Intrinsic("ArrayPartition", [array, size]);
  static arrayContains = (array: IntrinsicArg, value: IntrinsicArg) =>
    new Intrinsic("ArrayContains", [array, value]);
  static arrayRange = (start: IntrinsicArg, end: IntrinsicArg, step: IntrinsicArg) =>
    new Intrinsic("ArrayRange", [start, end, step]);
  static arrayGetItem = (array: IntrinsicArg, index: IntrinsicArg) =>
    new Intrinsic("ArrayGetItem", [array, index]);
  static arrayLength = (array: IntrinsicArg) => new Intrinsic("ArrayLength", [array]);
  static arrayUnique = (array: IntrinsicArg) => new Intrinsic("ArrayUnique", [array]);
  static base64Encode = (data: IntrinsicArg) => new Intrinsic("Base64Encode", [data]);
  static base64Decode = (data: IntrinsicArg) => new Intrinsic("Base64Decode", [data]);
  static hash(data: IntrinsicArg, algorithm: HashAlgorithm): Intrinsic {
    if (!["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"].includes(algorithm)) {
      throw new Error(
        `Intrinsic.hash: unknown algorithm "${algorithm}" (use MD5, SHA-1, SHA-256, SHA-384 or SHA-512)`,
      );
    }
    return new Intrinsic("Hash", [data, algorithm]);
  }
  /** `States.JsonMerge(a, b, false)`: a shallow merge, the only mode Step Functions supports. */
  static jsonMerge = (a: IntrinsicArg, b: IntrinsicArg) => new Intrinsic("JsonMerge", [a, b, false]);
  static mathRandom = (start: IntrinsicArg, end: IntrinsicArg) => new Intrinsic("MathRandom", [start, end]);
  static mathAdd = (a: IntrinsicArg, b: IntrinsicArg) => new Intrinsic("MathAdd", [a, b]);
  static stringSplit = (value: IntrinsicArg, separator: IntrinsicArg) =>
    new Intrinsic("StringSplit", [value, separator]);
  static uuid = () => new Intrinsic("UUID", []);

  toString(): string {
    return `States.${this.fn}(${this.args.map(renderArg).join(", ")})`;
  }
}

function renderArg(arg: IntrinsicArg | Template): string {
  if (arg instanceof Intrinsic || arg instanceof JsonPathRef || arg instanceof Template)
    return arg.toString();
  if (typeof arg === "string") return `'${arg.replace(/[\\'{}]/g, (char) => `\\${char}`)}'`;
  return String(arg);
}
