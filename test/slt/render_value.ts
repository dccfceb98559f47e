/**
 * Renders result values the way sqllogictest's reference driver does.
 *
 * @module
 */
import type { SqlValue } from "../../src/api/database.ts";

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/** A number as C's `(long long)` cast would give it, saturated like SQLite. */
function truncateToInt64(x: number): bigint {
  if (Number.isNaN(x)) return 0n;
  if (x >= 9223372036854775807) return INT64_MAX;
  if (x <= -9223372036854775808) return INT64_MIN;
  return BigInt(Math.trunc(x));
}

/** SQLite's text-to-integer: the leading integer prefix, else 0. */
function textToInt(s: string): bigint {
  const m = /^\s*([+-]?\d+)/.exec(s);
  if (m === null) return 0n;
  const v = BigInt(m[1]!);
  return v > INT64_MAX ? INT64_MAX : v < INT64_MIN ? INT64_MIN : v;
}

/** SQLite's text-to-real: the leading numeric prefix, else 0. */
function textToReal(s: string): number {
  const m = /^\s*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(s);
  return m === null ? 0 : Number(m[1]);
}

/**
 * SQLite's `%.3f`: like C's, except that it prints at most 16 significant
 * digits and pads the rest with zeros (the corpus was made with it).
 */
function fixed3(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  const sign = x < 0 ? "-" : "";
  const abs = Math.abs(x);
  if (abs < 1e13) return sign + abs.toFixed(3);
  const [mant, expText] = abs.toExponential(15).split("e") as [
    string,
    string,
  ];
  const digits = mant.replace(".", "");
  const exp = Number(expText);
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const frac = (digits.slice(exp + 1) + "000").slice(0, 3);
  return `${sign}${intPart}.${frac}`;
}

/**
 * SQLite's text form of a REAL (`%!.15g`): 15 significant digits, a `.0`
 * kept on integral values, C-style exponents.
 *
 * @example
 * ```ts
 * realToText(1); // "1.0"
 * realToText(1e20); // "1.0e+20"
 * ```
 */
export function realToText(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mant, expText] = x.toExponential(14).split("e") as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 15) {
    let m = mant.replace(/0+$/, "");
    if (m.endsWith(".")) m += "0";
    const sign = exp < 0 ? "-" : "+";
    const digits = String(Math.abs(exp)).padStart(2, "0");
    return `${m}e${sign}${digits}`;
  }
  let s = x.toFixed(Math.max(0, 14 - exp));
  if (s.includes(".")) s = s.replace(/0+$/, "");
  if (s.endsWith(".")) s += "0";
  if (!s.includes(".")) s += ".0";
  return s;
}

/**
 * Renders one value for a column of sqllogictest type `type`.
 *
 * - `I`: `%d` of the value as an integer (a real truncates, text gives its
 *   leading integer or 0).
 * - `R`: `%.3f`.
 * - `T` (and anything else): the text; `(empty)` for `""`; characters
 *   outside printable ASCII become `@`.
 * - NULL is `NULL` for every type; booleans are 1 and 0.
 *
 * @param value A value from a result row.
 * @param type One letter of the query's type string.
 * @returns The rendered value.
 *
 * @example
 * ```ts
 * renderValue(2.9, "I"); // "2"
 * renderValue(2n, "R"); // "2.000"
 * renderValue("", "T"); // "(empty)"
 * ```
 */
export function renderValue(value: SqlValue, type: string): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") value = value ? 1n : 0n;
  switch (type) {
    case "I":
      if (typeof value === "bigint") return value.toString();
      if (typeof value === "number") return truncateToInt64(value).toString();
      return textToInt(value).toString();
    case "R":
      if (typeof value === "number") return fixed3(value);
      if (typeof value === "bigint") return fixed3(Number(value));
      return fixed3(textToReal(value));
    default: {
      const text = typeof value === "string"
        ? value
        : typeof value === "bigint"
        ? value.toString()
        : realToText(value);
      if (text === "") return "(empty)";
      return text.replace(/[^\x20-\x7e]/g, "@");
    }
  }
}
