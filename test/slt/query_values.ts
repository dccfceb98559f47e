/**
 * Turns a query result into sqllogictest's flat list of values, sorted and
 * hashed as the format says.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { SqlValue } from "../../src/api/database.ts";
import type { SltSortMode } from "./parse_slt.ts";
import { renderValue } from "./render_value.ts";

/** Byte-wise comparison of ASCII strings, like C's `strcmp`. */
function strcmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Renders rows column by column and orders them as `sort` asks.
 *
 * @param rows Result rows.
 * @param options The query's column types and sort mode.
 * @returns One string per value, row after row.
 *
 * @example
 * ```ts
 * queryValues([[2n], [1n]], { types: "I", sort: "rowsort" }); // ["1", "2"]
 * ```
 */
export function queryValues(
  rows: readonly (readonly SqlValue[])[],
  options: { types: string; sort: SltSortMode },
): string[] {
  const { types, sort } = options;
  const rendered = rows.map((row) =>
    row.map((v, i) => renderValue(v, types[i] ?? "T"))
  );
  if (sort === "rowsort") {
    rendered.sort((a, b) => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const c = strcmp(a[i]!, b[i]!);
        if (c !== 0) return c;
      }
      return a.length - b.length;
    });
  }
  const values = rendered.flat();
  if (sort === "valuesort") values.sort(strcmp);
  return values;
}

/**
 * The md5 of the values, each followed by a newline, in lowercase hex.
 *
 * @example
 * ```ts
 * md5OfValues(["1"]); // "b026324c6904b2a9cb4b88d6d61c81d1"
 * ```
 */
export function md5OfValues(values: readonly string[]): string {
  const hash = createHash("md5");
  for (const v of values) hash.update(v + "\n");
  return hash.digest("hex");
}

/**
 * The one-line summary the format uses for results above the hash
 * threshold.
 *
 * @example
 * ```ts
 * hashLine(["1"]); // "1 values hashing to b026324c6904b2a9cb4b88d6d61c81d1"
 * ```
 */
export function hashLine(values: readonly string[]): string {
  return `${values.length} values hashing to ${md5OfValues(values)}`;
}

const HASH_LINE = /^(\d+) values hashing to ([0-9a-f]{32})$/;

/**
 * Tells whether the values match an expected block, which may be the
 * values one per line, the rows one per line (values separated by a space,
 * as some generators write them), or a `N values hashing to H` line.
 *
 * @param got Values from {@linkcode queryValues}.
 * @param expected Lines after `----`.
 * @param columns Values per row, for the row-per-line form.
 * @returns True when they match.
 *
 * @example
 * ```ts
 * matchesExpected(["1", "2"], ["1", "2"], 1); // true
 * ```
 */
export function matchesExpected(
  got: readonly string[],
  expected: readonly string[],
  columns: number,
): boolean {
  if (expected.length === 1) {
    const m = HASH_LINE.exec(expected[0]!);
    if (m !== null) {
      return Number(m[1]) === got.length && md5OfValues(got) === m[2];
    }
  }
  if (sameLines(got, expected)) return true;
  if (columns > 1 && expected.length * columns === got.length) {
    const rows: string[] = [];
    for (let i = 0; i < got.length; i += columns) {
      rows.push(got.slice(i, i + columns).join(" "));
    }
    return sameLines(rows, expected);
  }
  return false;
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v.trimEnd() === b[i]);
}
