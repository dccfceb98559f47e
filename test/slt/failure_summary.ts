/**
 * Groups failures into categories for a summary (`--summary`): the same
 * engine error with different names and numbers is one category.
 *
 * @module
 */

/** A failure as the runner records it. */
export interface FailureRecord {
  readonly file: string;
  readonly line: number;
  readonly sql: string;
  readonly got: string;
}

/** One category: how many failures, and the first one as an example. */
export interface FailureCategory {
  readonly category: string;
  count: number;
  readonly example: FailureRecord;
}

/**
 * The category of one failure: its error with names and numbers blanked,
 * or "wrong result" / "wrong number of columns" / "statement succeeded".
 *
 * @example
 * ```ts
 * categorize('error: UnknownColumnError: no such column "x" at 3');
 * // 'error: UnknownColumnError: no such column "…" at N'
 * ```
 */
export function categorize(got: string): string {
  if (got.startsWith("error: ")) {
    const first = got.split("\n")[0]!;
    return first
      .replace(/"[^"]*"/g, '"…"')
      .replace(/'[^']*'/g, "'…'")
      .replace(/\b\d+(\.\d+)?\b/g, "N")
      .slice(0, 160);
  }
  if (/^\d+ columns/.test(got)) return "wrong number of columns";
  if (got === "ok") return "statement succeeded, an error was expected";
  if (got.startsWith("stopped")) return "file stopped by --file-timeout";
  return "wrong result";
}

/**
 * Groups failures by {@linkcode categorize}, largest group first.
 *
 * @example
 * ```ts
 * summarizeFailures([{ file: "a", line: 1, sql: "SELECT 1", got: "2" }]);
 * // [{ category: "wrong result", count: 1, example: ... }]
 * ```
 */
export function summarizeFailures(
  failures: Iterable<FailureRecord>,
): FailureCategory[] {
  const groups = new Map<string, FailureCategory>();
  for (const f of failures) {
    const category = categorize(f.got);
    const g = groups.get(category);
    if (g === undefined) {
      groups.set(category, { category, count: 1, example: f });
    } else g.count++;
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}
