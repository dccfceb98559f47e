/**
 * Column types, their affinity, and conversion of values written to them.
 *
 * @module
 */
import { TypeMismatchError } from "./errors.ts";
import {
  isTsVector,
  parseNumericText,
  type TsVectorValue,
  type Value,
  valueToText,
} from "./value.ts";

/**
 * How a column stores values. `integer`, `real`, `text`, `numeric` and
 * `none` follow SQLite's affinity rules; `boolean`, `date`, `timestamp` and
 * `tsvector` validate and normalise.
 *
 * @example
 * ```ts
 * const t: TypeClass = typeClassOf("VARCHAR(20)"); // "text"
 * ```
 */
export type TypeClass =
  | "integer"
  | "real"
  | "text"
  | "numeric"
  | "none"
  | "boolean"
  | "date"
  | "timestamp"
  | "tsvector";

/**
 * Maps a declared type name (`VARCHAR(20)`, `BIGINT`, ...) to its class,
 * using SQLite's substring rules for the names it does not know.
 *
 * @example
 * ```ts
 * typeClassOf("VARCHAR"); // "text"
 * ```
 */
export function typeClassOf(typeName: string | null | undefined): TypeClass {
  if (!typeName) return "none";
  const t = typeName.toUpperCase();
  if (t === "BOOLEAN" || t === "BOOL") return "boolean";
  if (t === "DATE") return "date";
  if (t === "TIMESTAMP" || t === "DATETIME" || t.startsWith("TIMESTAMP")) {
    return "timestamp";
  }
  if (t === "TSVECTOR") return "tsvector";
  if (t.includes("INT")) return "integer";
  if (t.includes("CHAR") || t.includes("CLOB") || t.includes("TEXT")) {
    return "text";
  }
  if (t.includes("BLOB")) return "none";
  if (t.includes("REAL") || t.includes("FLOA") || t.includes("DOUB")) {
    return "real";
  }
  return "numeric";
}

/**
 * Options of {@linkcode coerceToType}.
 *
 * @example
 * ```ts
 * const o: CoerceOptions = { column: "t.a" };
 * ```
 */
export interface CoerceOptions {
  /** Column name for error messages. */
  column?: string;
  /** Turns text into a TSVECTOR (the FTS module's parser). */
  parseTsvector?: (text: string) => TsVectorValue;
  /** Renders a TSVECTOR as text. */
  formatTsvector?: (v: TsVectorValue) => string;
}

/**
 * Converts a value written to a column of class `type` (affinity). Values
 * SQLite would coerce are coerced; values that cannot be meant for the type
 * raise {@linkcode TypeMismatchError}.
 *
 * @example
 * ```ts
 * coerceToType("12", "integer"); // 12n
 * ```
 */
export function coerceToType(
  v: Value,
  type: TypeClass,
  options: CoerceOptions = {},
): Value {
  if (v === null) return null;
  switch (type) {
    case "none":
      return v;
    case "integer":
    case "numeric":
      return toIntegerAffinity(v, type, options);
    case "real":
      return toRealAffinity(v, options);
    case "text":
      if (typeof v === "string") return v;
      if (isTsVector(v)) return valueToText(v, options.formatTsvector);
      return valueToText(v);
    case "boolean":
      return toBoolean(v, options);
    case "date":
      return toDate(v, options);
    case "timestamp":
      return toTimestamp(v, options);
    case "tsvector":
      if (isTsVector(v)) return v;
      if (typeof v === "string" && options.parseTsvector) {
        try {
          return options.parseTsvector(v);
        } catch (cause) {
          throw mismatch(v, "TSVECTOR", options, cause);
        }
      }
      throw mismatch(v, "TSVECTOR", options);
  }
}

function mismatch(
  v: Value,
  expected: string,
  o: CoerceOptions,
  cause?: unknown,
) {
  return new TypeMismatchError(isTsVector(v) ? "<tsvector>" : v, expected, {
    ...(o.column ? { column: o.column } : {}),
    ...(cause ? { cause } : {}),
  });
}

function toIntegerAffinity(v: Value, type: TypeClass, o: CoerceOptions): Value {
  switch (typeof v) {
    case "bigint":
      return v;
    case "number":
      if (Number.isInteger(v) && Math.abs(v) <= 9007199254740991) {
        return BigInt(v);
      }
      return v;
    case "boolean":
      return v ? 1n : 0n;
    case "string": {
      const n = parseNumericText(v);
      if (n === null) {
        if (type === "numeric") return v;
        throw mismatch(v, "INTEGER", o);
      }
      if (
        typeof n === "number" && Number.isInteger(n) &&
        Math.abs(n) <= 9007199254740991
      ) {
        return BigInt(n);
      }
      return n;
    }
    default:
      throw mismatch(v, "INTEGER", o);
  }
}

function toRealAffinity(v: Value, o: CoerceOptions): Value {
  switch (typeof v) {
    case "bigint":
      return Number(v);
    case "number":
      return v;
    case "boolean":
      return v ? 1 : 0;
    case "string": {
      const n = parseNumericText(v);
      if (n === null) throw mismatch(v, "REAL", o);
      return Number(n);
    }
    default:
      throw mismatch(v, "REAL", o);
  }
}

function toBoolean(v: Value, o: CoerceOptions): Value {
  switch (typeof v) {
    case "boolean":
      return v;
    case "bigint":
      return v !== 0n;
    case "number":
      return v !== 0;
    case "string": {
      const s = v.trim().toLowerCase();
      if (
        s === "true" || s === "t" || s === "yes" || s === "y" || s === "on" ||
        s === "1"
      ) {
        return true;
      }
      if (
        s === "false" || s === "f" || s === "no" || s === "n" || s === "off" ||
        s === "0"
      ) {
        return false;
      }
      throw mismatch(v, "BOOLEAN", o);
    }
    default:
      throw mismatch(v, "BOOLEAN", o);
  }
}

const DATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const TS_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(Z|[+-]00(?::?00)?)?$/;

function pad(n: number, w: number): string {
  return String(n).padStart(w, "0");
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [
    31,
    y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return d <= days[m - 1];
}

/**
 * Parses a DATE or TIMESTAMP literal; null when it is not one.
 *
 * @example
 * ```ts
 * parseTimestamp("2024-01-02T03:04:05Z"); // "2024-01-02 03:04:05"
 * ```
 */
export function parseTimestamp(
  s: string,
): { date: string; timestamp: string } | null {
  const m = TS_RE.exec(s.trim());
  if (!m) return null;
  const y = +m[1], mo = +m[2], d = +m[3];
  if (!validDate(y, mo, d)) return null;
  const h = m[4] === undefined ? 0 : +m[4];
  const mi = m[5] === undefined ? 0 : +m[5];
  const se = m[6] === undefined ? 0 : +m[6];
  if (h > 23 || mi > 59 || se > 59) return null;
  const date = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
  let frac = m[7] ?? "";
  if (frac) frac = frac.replace(/0+$/, "").slice(0, 4);
  if (frac === ".") frac = "";
  return {
    date,
    timestamp: `${date} ${pad(h, 2)}:${pad(mi, 2)}:${pad(se, 2)}${frac}`,
  };
}

function toDate(v: Value, o: CoerceOptions): Value {
  if (typeof v === "string") {
    if (DATE_RE.test(v.trim()) || TS_RE.test(v.trim())) {
      const p = parseTimestamp(v);
      if (p) return p.date;
    }
  }
  throw mismatch(v, "DATE", o);
}

function toTimestamp(v: Value, o: CoerceOptions): Value {
  if (typeof v === "string") {
    const p = parseTimestamp(v);
    if (p) return p.timestamp;
  }
  throw mismatch(v, "TIMESTAMP", o);
}

/**
 * Formats a millisecond epoch time as a TIMESTAMP string (UTC).
 *
 * @example
 * ```ts
 * formatTimestamp(0); // "1970-01-01 00:00:00"
 * ```
 */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  const base =
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${
      pad(d.getUTCDate(), 2)
    } ` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${
      pad(d.getUTCSeconds(), 2)
    }`;
  const msPart = d.getUTCMilliseconds();
  return msPart ? `${base}.${pad(msPart, 3).replace(/0+$/, "")}` : base;
}
