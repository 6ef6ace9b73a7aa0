import { parseIntrinsic } from "./intrinsicParser";
import { assertPath } from "./jsonpath";

/** A path argument of an intrinsic function, made with `Intrinsic.path("$.x")`; checked when made. */
export class JsonPathRef {
  constructor(readonly path: string) {
    assertPath(path, "path", "Intrinsic.path");
  }
  /** The path as it appears in the call. */
  toString(): string {
    return this.path;
  }
}

/** An intrinsic argument: a literal, a path, or another intrinsic call. Plain strings are literals. */
export type IntrinsicArg = string | number | boolean | null | JsonPathRef | Intrinsic;

/** Hash algorithms `States.Hash` accepts. */
export type HashAlgorithm = "MD5" | "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512";
const HASH_ALGORITHMS: readonly HashAlgorithm[] = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

/** A `States.Format` template: its `{}` placeholders stay as they are, everything else is escaped. */
export class Template {
  constructor(readonly text: string) {}
  toString(): string {
    // A `{` or `}` that is not part of a `{}` placeholder is a literal brace, so it is escaped too.
    return `'${this.text.replace(/\{\}|[\\'{}]/g, (match) => (match === "{}" ? match : `\\${match}`))}'`;
  }
}

/**
 * A JSONPath intrinsic function call, rendered as the string a `"key.$"` field takes, e.g.
 * `States.Format('Hello {}', $.name)`. Literal strings are quoted and escaped as ASL requires
 * (`'`, `{`, `}` and `\` get a backslash), so nobody writes that escaping by hand.
 */
export class Intrinsic {
  private constructor(
    /** The function name without `States.` (`Format`, `Hash`, ...). */
    readonly fn: string,
    /** The arguments: literals, paths (`JsonPathRef`), nested calls, a Format template. */
    readonly args: readonly (IntrinsicArg | Template)[],
  ) {
    for (const arg of args) {
      if (typeof arg === "number" && !Number.isFinite(arg)) {
        throw new Error(`Intrinsic.${lowerFirst(fn)}: ${arg} is not a finite number`);
      }
    }
  }

  /** A path argument (plain strings are literals), checked as a JSONPath. */
  static path(path: string): JsonPathRef {
    return new JsonPathRef(path);
  }

  /**
   * `States.Format(template, ...args)`: one argument per `{}` in the template. The template may also be
   * a path (`Intrinsic.path("$.template")`), read at run time; AWS allows a path for any argument
   * (https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html).
   */
  static format(template: string | JsonPathRef, ...args: IntrinsicArg[]): Intrinsic {
    if (template instanceof JsonPathRef) return new Intrinsic("Format", [template, ...args]);
    const placeholders = template.split("{}").length - 1;
    if (placeholders !== args.length) {
      throw new Error(
        `Intrinsic.format: the template has ${placeholders} "{}" but ${args.length} argument(s) were given`,
      );
    }
    return new Intrinsic("Format", [new Template(template), ...args]);
  }
  /** `States.StringToJson(json)`: parses a JSON string. */
  static stringToJson(json: IntrinsicArg): Intrinsic {
    return new Intrinsic("StringToJson", [json]);
  }
  /** `States.JsonToString(value)`: serializes a value to a JSON string. */
  static jsonToString(value: IntrinsicArg): Intrinsic {
    return new Intrinsic("JsonToString", [value]);
  }
  /** `States.Array(...items)`: an array of its arguments. */
  static array(...items: IntrinsicArg[]): Intrinsic {
    return new Intrinsic("Array", items);
  }
  /** `States.ArrayPartition(array, size)`: chunks of `size` items. */
  static arrayPartition(array: IntrinsicArg, size: IntrinsicArg): Intrinsic {
    positiveInteger("arrayPartition", "size", size);
    return new Intrinsic("ArrayPartition", [array, size]);
  }
  /** `States.ArrayContains(array, value)`: whether the array holds the value. */
  static arrayContains(array: IntrinsicArg, value: IntrinsicArg): Intrinsic {
    return new Intrinsic("ArrayContains", [array, value]);
  }
  /** `States.ArrayRange(start, end, step)`: numbers from start to end (inclusive), at most 1000. */
  static arrayRange(start: IntrinsicArg, end: IntrinsicArg, step: IntrinsicArg): Intrinsic {
    if (step === 0) throw new Error("Intrinsic.arrayRange: step must not be 0");
    if (typeof start === "number" && typeof end === "number" && typeof step === "number") {
      const count = Math.floor((end - start) / step) + 1;
      if (count > 1000) throw new Error(`Intrinsic.arrayRange: ${count} items, more than the 1000 allowed`);
    }
    return new Intrinsic("ArrayRange", [start, end, step]);
  }
  /** `States.ArrayGetItem(array, index)`: the item at a zero-based index. */
  static arrayGetItem(array: IntrinsicArg, index: IntrinsicArg): Intrinsic {
    if (typeof index === "number" && (!Number.isInteger(index) || index < 0)) {
      throw new Error(`Intrinsic.arrayGetItem: index ${index} is not a whole number >= 0`);
    }
    return new Intrinsic("ArrayGetItem", [array, index]);
  }
  /** `States.ArrayLength(array)`. */
  static arrayLength(array: IntrinsicArg): Intrinsic {
    return new Intrinsic("ArrayLength", [array]);
  }
  /** `States.ArrayUnique(array)`: the array without duplicates. */
  static arrayUnique(array: IntrinsicArg): Intrinsic {
    return new Intrinsic("ArrayUnique", [array]);
  }
  /** `States.Base64Encode(data)`. */
  static base64Encode(data: IntrinsicArg): Intrinsic {
    return new Intrinsic("Base64Encode", [data]);
  }
  /** `States.Base64Decode(data)`. */
  static base64Decode(data: IntrinsicArg): Intrinsic {
    return new Intrinsic("Base64Decode", [data]);
  }
  /** `States.Hash(data, 'algorithm')`; the algorithm may be a path read at run time. */
  static hash(data: IntrinsicArg, algorithm: HashAlgorithm | JsonPathRef): Intrinsic {
    if (!(algorithm instanceof JsonPathRef) && !HASH_ALGORITHMS.includes(algorithm)) {
      throw new Error(`Intrinsic.hash: unknown algorithm "${algorithm}" (use ${HASH_ALGORITHMS.join(", ")})`);
    }
    return new Intrinsic("Hash", [data, algorithm]);
  }
  /** `States.JsonMerge(a, b, false)`: a shallow merge (`b` wins), the only mode Step Functions supports. */
  static jsonMerge(a: IntrinsicArg, b: IntrinsicArg): Intrinsic {
    return new Intrinsic("JsonMerge", [a, b, false]);
  }
  /** `States.MathRandom(start, end)`: a random integer, start inclusive, end exclusive. */
  static mathRandom(start: IntrinsicArg, end: IntrinsicArg): Intrinsic {
    if (typeof start === "number" && typeof end === "number" && start >= end) {
      throw new Error(`Intrinsic.mathRandom: start ${start} must be less than end ${end}`);
    }
    return new Intrinsic("MathRandom", [start, end]);
  }
  /** `States.MathAdd(a, b)`: the sum of two integers. */
  static mathAdd(a: IntrinsicArg, b: IntrinsicArg): Intrinsic {
    return new Intrinsic("MathAdd", [a, b]);
  }
  /** `States.StringSplit(value, separators)`: splits on any of the separator characters. */
  static stringSplit(value: IntrinsicArg, separators: IntrinsicArg): Intrinsic {
    return new Intrinsic("StringSplit", [value, separators]);
  }
  /** `States.UUID()`: a random v4 UUID. */
  static uuid(): Intrinsic {
    return new Intrinsic("UUID", []);
  }

  /**
   * Reads a rendered call back (`States.Format('a \\{b\\} {}', $.x)`), undoing the escaping, so
   * `Intrinsic.parse(text).toString() === text` for any call this class renders. Throws, saying
   * where, for text that is not an intrinsic call.
   */
  static parse(text: string): Intrinsic {
    return parseIntrinsic<Intrinsic>(text, {
      call: (fn, args) => new Intrinsic(fn, args),
      path: (path) => new JsonPathRef(path),
      template: (template) => new Template(template),
    });
  }

  /** The call as the value of a `"key.$"` field. */
  toString(): string {
    return `States.${this.fn}(${this.args.map(renderArg).join(", ")})`;
  }
}

function renderArg(arg: IntrinsicArg | Template): string {
  if (arg instanceof Intrinsic || arg instanceof JsonPathRef || arg instanceof Template) {
    return arg.toString();
  }
  if (typeof arg === "string") return `'${arg.replace(/[\\'{}]/g, (char) => `\\${char}`)}'`;
  return String(arg);
}

function positiveInteger(fn: string, name: string, value: IntrinsicArg): void {
  if (typeof value === "number" && (!Number.isInteger(value) || value <= 0)) {
    throw new Error(`Intrinsic.${fn}: ${name} ${value} is not a whole number > 0`);
  }
}

/** `MathAdd` → `mathAdd`: the name of the factory, for error messages. */
function lowerFirst(text: string): string {
  return `${text[0].toLowerCase()}${text.slice(1)}`;
}
