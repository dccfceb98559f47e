/**
 * Renders query results for the shell: aligned tables, CSV and JSON.
 *
 * @module
 */
import type { QueryResult, SqlValue } from "../api/database.ts";

/** The output modes of the shell's `.mode`. */
export type OutputMode = "table" | "csv" | "json";

/** The output modes, for validation and help text. */
export const OUTPUT_MODES: readonly OutputMode[] = ["table", "csv", "json"];

/**
 * The text of a value in a table cell: NULL as `NULL`, a REAL that is a
 * whole number keeps a `.0` so it reads apart from an INTEGER.
 *
 * @example
 * ```ts
 * cellText(null); // "NULL"
 * cellText(2); // "2.0"
 * cellText(12n); // "12"
 * ```
 */
export function cellText(value: SqlValue): string {
  if (value === null) return "NULL";
  if (typeof value === "number") {
    return Number.isInteger(value) && Math.abs(value) < 1e21
      ? value.toFixed(1)
      : String(value);
  }
  return String(value);
}

function isNumeric(value: SqlValue): boolean {
  return typeof value === "bigint" || typeof value === "number";
}

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200f\ufe0f]/u;

/**
 * Columns a string takes in a terminal: East Asian wide characters and
 * emoji take two, combining marks none, everything else one.
 *
 * @example
 * ```ts
 * displayWidth("abc"); // 3
 * displayWidth("表"); // 2
 * ```
 */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    if (ZERO_WIDTH.test(ch)) continue;
    w += WIDE.test(ch) ? 2 : 1;
  }
  return w;
}

const width = displayWidth;

function pad(s: string, to: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, to - width(s)));
  return right ? fill + s : s + fill;
}

/**
 * The `(N rows)` footer.
 *
 * @example
 * ```ts
 * rowCountLine(1); // "(1 row)"
 * ```
 */
export function rowCountLine(n: number): string {
  return `(${n} ${n === 1 ? "row" : "rows"})`;
}

/**
 * An aligned table in the style of psql: a header, a rule, one line per
 * row (more for values with line breaks), numbers right-aligned, then
 * `(N rows)`.
 *
 * @param result A row-returning result.
 * @returns The table, lines joined with `\n`, with a trailing newline.
 *
 * @example
 * ```ts
 * formatTable({ columns: ["id", "name"], rows: [[1n, "reef"]], rowsAffected: 0, lastInsertId: null });
 * // " id | name\n----+------\n  1 | reef\n(1 row)\n"
 * ```
 */
export function formatTable(
  result: Pick<QueryResult, "columns" | "rows">,
): string {
  const { rows } = result;
  // A column named after a multi-line expression gets one header line.
  const columns = result.columns.map((c) => c.replace(/\s+/g, " "));
  const cells = rows.map((row) =>
    columns.map((_, i) => cellText(row[i] ?? null).split("\n"))
  );
  const widths = columns.map((c, i) =>
    Math.max(
      width(c),
      ...cells.map((r) => Math.max(...r[i]!.map(width))),
    )
  );
  const line = (parts: string[]) => (" " + parts.join(" | ")).trimEnd();
  const out: string[] = [];
  // Headers are centred, as psql does.
  out.push(line(columns.map((c, i) => {
    const extra = widths[i]! - width(c);
    const left = Math.floor(extra / 2);
    return " ".repeat(left) + c + " ".repeat(extra - left);
  })));
  out.push(widths.map((w) => "-".repeat(w + 2)).join("+"));
  rows.forEach((row, r) => {
    const height = Math.max(1, ...cells[r]!.map((c) => c.length));
    for (let k = 0; k < height; k++) {
      out.push(line(columns.map((_, i) => {
        const text = cells[r]![i]![k] ?? "";
        return pad(text, widths[i]!, isNumeric(row[i] ?? null));
      })));
    }
  });
  out.push(rowCountLine(rows.length));
  return out.join("\n") + "\n";
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * CSV with a header line (RFC 4180 quoting); NULL is an empty field.
 *
 * @example
 * ```ts
 * formatCsv({ columns: ["a", "b"], rows: [[1n, "x,y"]] }); // 'a,b\n1,"x,y"\n'
 * ```
 */
export function formatCsv(
  result: Pick<QueryResult, "columns" | "rows">,
): string {
  const lines = [result.columns.map(csvField).join(",")];
  for (const row of result.rows) {
    lines.push(
      result.columns.map((_, i) => {
        const v = row[i] ?? null;
        return v === null ? "" : csvField(cellText(v));
      }).join(","),
    );
  }
  return lines.join("\n") + "\n";
}

function jsonValue(v: SqlValue): unknown {
  // JSON has no bigint; integers beyond 2^53 would lose digits as numbers.
  if (typeof v === "bigint") {
    return v >= BigInt(Number.MIN_SAFE_INTEGER) &&
        v <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(v)
      : v.toString();
  }
  return v;
}

/**
 * A JSON array of objects keyed by column name, one row per line.
 * Integers beyond 2^53 become strings so no digit is lost.
 *
 * @example
 * ```ts
 * formatJson({ columns: ["a"], rows: [[1n]] }); // '[{"a":1}]\n'
 * ```
 */
export function formatJson(
  result: Pick<QueryResult, "columns" | "rows">,
): string {
  if (result.rows.length === 0) return "[]\n";
  const lines = result.rows.map((row) => {
    const obj: Record<string, unknown> = {};
    result.columns.forEach((c, i) => (obj[c] = jsonValue(row[i] ?? null)));
    return JSON.stringify(obj);
  });
  return `[${lines.join(",\n")}]\n`;
}

/**
 * Renders a row-returning result in `mode`.
 *
 * @example
 * ```ts
 * formatResult({ columns: ["a"], rows: [] }, "csv"); // "a\n"
 * ```
 */
export function formatResult(
  result: Pick<QueryResult, "columns" | "rows">,
  mode: OutputMode,
): string {
  switch (mode) {
    case "table":
      return formatTable(result);
    case "csv":
      return formatCsv(result);
    case "json":
      return formatJson(result);
  }
}
