/**
 * Values inside the engine, their total order, and SQLite's conversions.
 *
 * @module
 */

/**
 * A full-text vector as the FTS module produces it (structurally typed).
 *
 * @example
 * ```ts
 * const v: TsVectorValue = { lexemes: new Map([["cat", [1]]]), length: 1 };
 * ```
 */
export interface TsVectorValue {
  readonly lexemes: ReadonlyMap<string, readonly number[]>;
  readonly length: number;
}

/**
 * A parsed full-text query (only ever an intermediate value).
 *
 * @example
 * ```ts
 * const q: TsQueryValue = { kind: "term" };
 * ```
 */
export interface TsQueryValue {
  readonly kind: string;
}

/**
 * A value inside the engine: INTEGER is bigint (exact), REAL is number,
 * TEXT/DATE/TIMESTAMP are strings, BOOLEAN is boolean, TSVECTOR an object;
 * a TSQUERY exists only while an expression is evaluated.
 *
 * @example
 * ```ts
 * const vs: Value[] = [null, 1n, 1.5, "x", true];
 * ```
 */
export type Value =
  | null
  | bigint
  | number
  | string
  | boolean
  | TsVectorValue
  | TsQueryValue;

/**
 * A stored or intermediate row: values by column position.
 *
 * @example
 * ```ts
 * const r: Row = [1n, "a", null];
 * ```
 */
export type Row = Value[];

const I64_MAX = 9223372036854775807n;
const I64_MIN = -9223372036854775808n;

/**
 * True for a TSVECTOR value.
 *
 * @example
 * ```ts
 * isTsVector("x"); // false
 * ```
 */
export function isTsVector(v: Value): v is TsVectorValue {
  return typeof v === "object" && v !== null && "lexemes" in v;
}

/**
 * True for a TSQUERY value.
 *
 * @example
 * ```ts
 * isTsQuery({ kind: "term" }); // true
 * ```
 */
export function isTsQuery(v: Value): v is TsQueryValue {
  return typeof v === "object" && v !== null && "kind" in v;
}

function typeRank(v: Value): number {
  switch (typeof v) {
    case "bigint":
    case "number":
    case "boolean":
      return 1;
    case "string":
      return 2;
    case "object":
      return v === null ? 0 : 3;
    default:
      return 4;
  }
}

/**
 * Compares two numbers of either kind by value, exactly.
 *
 * @example
 * ```ts
 * compareNumbers(2n, 1.5); // 1
 * ```
 */
export function compareNumbers(a: bigint | number, b: bigint | number): number {
  if (typeof a === "bigint") {
    if (typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
    return -compareNumberBigint(b, a);
  }
  if (typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  return compareNumberBigint(a, b);
}

function compareNumberBigint(a: number, b: bigint): number {
  if (Number.isNaN(a)) return -1;
  if (a === Infinity) return 1;
  if (a === -Infinity) return -1;
  const fa = Math.floor(a);
  const ba = BigInt(fa);
  if (ba < b) return -1;
  if (ba > b) return 1;
  return a > fa ? 1 : 0;
}

/**
 * The engine's total order: NULL < numbers (booleans as 0/1) < text <
 * tsvector. Used for ORDER BY, indexes, DISTINCT and MIN/MAX.
 *
 * @example
 * ```ts
 * compareValues(null, 1n); // -1
 * compareValues(1n, 1.0); // 0
 * ```
 */
export function compareValues(a: Value, b: Value): number {
  const ra = typeRank(a), rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0:
      return 0;
    case 1: {
      const na = typeof a === "boolean" ? (a ? 1n : 0n) : a as bigint | number;
      const nb = typeof b === "boolean" ? (b ? 1n : 0n) : b as bigint | number;
      return compareNumbers(na, nb);
    }
    case 2:
      return (a as string) < (b as string)
        ? -1
        : (a as string) > (b as string)
        ? 1
        : 0;
    default: {
      const ka = objectKey(a), kb = objectKey(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    }
  }
}

function objectKey(v: Value): string {
  return isTsVector(v) ? tsvectorKey(v) : JSON.stringify(v);
}

function tsvectorKey(v: TsVectorValue): string {
  return [...v.lexemes.keys()].sort().map((k) =>
    `${k}:${v.lexemes.get(k)!.join(",")}`
  )
    .join(" ");
}

/**
 * A string that is equal for values that compare equal; for hash joins,
 * DISTINCT, GROUP BY and set operations.
 *
 * @example
 * ```ts
 * keyOf(1n) === keyOf(1.0); // true
 * ```
 */
export function keyOf(v: Value): string {
  switch (typeof v) {
    case "bigint":
      return "n" + v;
    case "number":
      if (Number.isInteger(v) && Math.abs(v) < 9.2e18) return "n" + BigInt(v);
      return "f" + v;
    case "boolean":
      return v ? "n1" : "n0";
    case "string":
      return "s" + v;
    default:
      return v === null ? "N" : "v" + objectKey(v);
  }
}

/**
 * Renders a REAL the way SQLite does: 15 significant digits when they
 * read back as the same number, else 17; fixed notation for decimal
 * exponents from -4 to 16, otherwise `d.ddde+XX`; always a decimal point.
 *
 * @example
 * ```ts
 * formatReal(1); // "1.0"
 * formatReal(2 / 3); // "0.66666666666666663"
 * formatReal(1e20); // "1.0e+20"
 * ```
 */
export function formatReal(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  if (x === 0) return "0.0"; // SQLite prints -0.0 as 0.0 too
  let e = x.toExponential(14);
  if (Number(e) !== x) e = x.toExponential(16);
  const neg = e.startsWith("-");
  const at = e.indexOf("e");
  const digits = e.slice(neg ? 1 : 0, at).replace(".", "").replace(/0+$/, "") ||
    "0";
  const exp = Number(e.slice(at + 1));
  const sign = neg ? "-" : "";
  if (exp < -4 || exp >= 17) {
    const frac = digits.length > 1 ? digits.slice(1) : "0";
    const ee = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : `${Math.abs(exp)}`;
    return `${sign}${digits[0]}.${frac}e${exp < 0 ? "-" : "+"}${ee}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const frac = digits.slice(exp + 1) || "0";
  return `${sign}${intPart}.${frac}`;
}

/**
 * Converts a value to TEXT as SQLite's `CAST(x AS TEXT)` would.
 *
 * @example
 * ```ts
 * valueToText(2.5); // "2.5"
 * ```
 */
export function valueToText(
  v: Value,
  formatVector?: (v: TsVectorValue) => string,
): string | null {
  switch (typeof v) {
    case "string":
      return v;
    case "bigint":
      return v.toString();
    case "number":
      return formatReal(v);
    case "boolean":
      return v ? "1" : "0";
    default:
      if (v === null) return null;
      if (!isTsVector(v)) return JSON.stringify(v);
      return formatVector ? formatVector(v) : tsvectorKey(v);
  }
}

const NUMERIC_FULL = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const INTEGER_FULL = /^\s*[+-]?\d+\s*$/;
const NUMERIC_PREFIX = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;

/**
 * Parses text that is entirely a number; null when it is not one.
 * Integers within 64 bits stay bigint.
 *
 * @example
 * ```ts
 * parseNumericText(" 12 "); // 12n
 * ```
 */
export function parseNumericText(s: string): bigint | number | null {
  if (INTEGER_FULL.test(s)) {
    const b = BigInt(s.trim());
    if (b >= I64_MIN && b <= I64_MAX) return b;
    return Number(b);
  }
  if (NUMERIC_FULL.test(s)) return Number(s.trim());
  return null;
}

/**
 * Converts a value to a number for arithmetic as SQLite does: text uses its
 * longest numeric prefix (or 0), booleans are 0/1, NULL stays null.
 *
 * @example
 * ```ts
 * toNumeric("12abc"); // 12n
 * ```
 */
export function toNumeric(v: Value): bigint | number | null {
  switch (typeof v) {
    case "bigint":
    case "number":
      return v;
    case "boolean":
      return v ? 1n : 0n;
    case "string": {
      const full = parseNumericText(v);
      if (full !== null) return full;
      const m = NUMERIC_PREFIX.exec(v);
      if (!m) return 0n;
      const p = parseNumericText(m[0]);
      return p ?? 0n;
    }
    default:
      return v === null ? null : 0n;
  }
}

/**
 * Wraps an exact integer result into 64 bits the SQLite way: on overflow
 * the result becomes REAL.
 *
 * @example
 * ```ts
 * fitInteger(2n ** 64n); // 18446744073709552000
 * ```
 */
export function fitInteger(b: bigint): bigint | number {
  if (b > I64_MAX || b < I64_MIN) return Number(b);
  return b;
}

/**
 * Converts a number to a 64-bit integer as `CAST(x AS INTEGER)` does
 * (truncating toward zero, saturating).
 *
 * @example
 * ```ts
 * realToInteger(-2.7); // -2n
 * ```
 */
export function realToInteger(x: number): bigint {
  if (Number.isNaN(x)) return 0n;
  if (x >= 9223372036854775807) return I64_MAX;
  if (x <= -9223372036854775808) return I64_MIN;
  return BigInt(Math.trunc(x));
}

/**
 * SQL truth of a value: NULL is unknown (null), numbers are true when
 * non-zero, text by its numeric prefix.
 *
 * @example
 * ```ts
 * truthOf(0n); // false
 * ```
 */
export function truthOf(v: Value): boolean | null {
  switch (typeof v) {
    case "boolean":
      return v;
    case "bigint":
      return v !== 0n;
    case "number":
      return v !== 0;
    case "string": {
      const n = toNumeric(v);
      return n !== null && n != 0;
    }
    default:
      return v === null ? null : true;
  }
}

/**
 * The lower and upper bounds of a 64-bit signed integer.
 *
 * @example
 * ```ts
 * INT64.max; // 9223372036854775807n
 * ```
 */
export const INT64 = { min: I64_MIN, max: I64_MAX } as const;
