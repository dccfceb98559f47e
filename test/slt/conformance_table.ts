/**
 * The CONFORMANCE.md table the runner writes.
 *
 * @module
 */
import type { KnownFailures } from "./known_failures.ts";
import type { SltReport } from "./run_slt.ts";

/** Counts of one line of output. */
export interface SltCounts {
  passed: number;
  failed: number;
  skipped: number;
}

/**
 * The `N passed, N failed, N skipped` text of one line of output.
 *
 * @example
 * ```ts
 * countsLine({ passed: 3, failed: 1, skipped: 0 }); // "3 passed, 1 failed, 0 skipped"
 * ```
 */
export function countsLine(c: SltCounts): string {
  return `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;
}

/**
 * Adds up several reports.
 *
 * @example
 * ```ts
 * totalOf([]); // { passed: 0, failed: 0, skipped: 0, seconds: 0 }
 * ```
 */
export function totalOf(
  reports: readonly Pick<SltReport, keyof SltCounts | "seconds">[],
): SltCounts & { seconds: number } {
  const t = { passed: 0, failed: 0, skipped: 0, seconds: 0 };
  for (const r of reports) {
    t.passed += r.passed;
    t.failed += r.failed;
    t.skipped += r.skipped;
    t.seconds += r.seconds;
  }
  return t;
}

function rate(c: SltCounts): string {
  const run = c.passed + c.failed;
  // Rounded down, so a file with a failure never shows 100.00%.
  return run === 0
    ? "-"
    : `${(Math.floor(10000 * c.passed / run) / 100).toFixed(2)}%`;
}

/**
 * Renders CONFORMANCE.md: one row per file and a total row.
 *
 * @param reports One report per file, in the order to show.
 * @param options The command that produced it and the engine's name.
 * @returns Markdown text.
 *
 * @example
 * ```ts
 * const md = conformanceMarkdown([], { command: "deno task slt", date: "2026-01-01" });
 * md.includes("| total |"); // true
 * ```
 */
export function conformanceMarkdown(
  reports: readonly SltReport[],
  options: {
    command: string;
    date: string;
    revision?: string | null;
    known?: KnownFailures;
  },
): string {
  const knownLines: string[] = [];
  for (const [file, lines] of options.known ?? []) {
    for (const [line, reason] of lines) {
      knownLines.push(`- ${file}:${line}: ${reason}`);
    }
  }
  const rows = reports.map((r) =>
    `| ${r.file} | ${r.passed} | ${r.failed} | ${r.skipped} | ${
      r.seconds.toFixed(1)
    } | ${rate(r)} |`
  );
  const t = totalOf(reports);
  return [
    "# SQL conformance",
    "",
    "ReefDB against the shared sqllogictest corpus",
    "(`../shared/conformance/sqllogictest`), run as the engine `sqlite` for",
    "`skipif`/`onlyif`. Statements and queries are counted together; a",
    "statement the engine does not support counts as failed. This file is",
    "written by the runner; do not edit it by hand.",
    "",
    `Produced on ${options.date}${
      options.revision ? ` at ${options.revision}` : ""
    } by \`${options.command}\`.`,
    "",
    "| file | passed | failed | skipped | seconds | pass rate |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...rows,
    `| total | ${t.passed} | ${t.failed} | ${t.skipped} | ${
      t.seconds.toFixed(1)
    } | ${rate(t)} |`,
    "",
    ...(knownLines.length === 0 ? [] : [
      "## Known failures",
      "",
      "Counted as failed above; listed in `test/slt/known_failures.json`.",
      "",
      ...knownLines,
      "",
    ]),
  ].join("\n");
}
