/**
 * Runs one sqllogictest script against a {@linkcode Database}.
 *
 * @module
 */
import type { Database } from "../../src/api/database.ts";
import { scriptStatements } from "../../src/cli/split_statements.ts";
import { parseSlt, shouldRun, type SltQuery } from "./parse_slt.ts";
import { hashLine, matchesExpected, queryValues } from "./query_values.ts";

/** One record that did not give what the script expects. */
export interface SltFailure {
  /** 1-based line of the record in the script. */
  readonly line: number;
  readonly kind: "statement" | "query";
  readonly sql: string;
  /** What the script expects, as text (values one per line). */
  readonly expected: string;
  /** What the engine gave, as text, or `error: <message>`. */
  readonly got: string;
  /** The engine's error, when it threw. */
  readonly error?: unknown;
}

/** Totals of one script. */
export interface SltReport {
  readonly file: string;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
  /** The first `maxFailures` failures, in file order. */
  readonly failures: SltFailure[];
  /** The slowest records (at most `keepSlowest`), slowest first. */
  readonly slowest: SltTiming[];
}

/** How long one record took. */
export interface SltTiming {
  readonly line: number;
  readonly sql: string;
  readonly ms: number;
}

/** Options of {@linkcode runSlt}. */
export interface RunSltOptions {
  /** Opens a fresh, empty database for the script. */
  open: () => Promise<Database>;
  /**
   * Name of the script in the report and in errors.
   * @default {"<script>"}
   */
  file?: string;
  /**
   * The engine name `skipif`/`onlyif` are matched against.
   * @default {"sqlite"}
   */
  engine?: string;
  /**
   * How many failures to keep in the report.
   * @default {5}
   */
  maxFailures?: number;
  /**
   * Stop after this many executed records (statements and queries), to
   * run a slice of a large file.
   * @default {Infinity}
   */
  maxRecords?: number;
  /**
   * How many of the slowest records to keep in the report.
   * @default {3}
   */
  keepSlowest?: number;
  /** Called for every failure, kept or not (for summaries). */
  onFailure?: (failure: SltFailure) => void;
  /** Called after each counted record, with the report so far. */
  onProgress?: (report: SltReport) => void;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * Runs a whole script on a fresh database and counts what passed.
 *
 * A statement or query the engine rejects counts as failed (never as
 * skipped); records guarded away from `engine` count as skipped.
 *
 * @param text The script.
 * @param options The database factory and report options.
 * @returns Passed, failed and skipped counts, time, and the first failures.
 * @throws {SltParseError} When the script is not in the format.
 *
 * @example
 * ```ts ignore
 * import { open } from "../../mod.ts";
 * const report = await runSlt("query I nosort\nSELECT 1\n----\n1\n", { open });
 * report.passed; // 1
 * ```
 */
export async function runSlt(
  text: string,
  options: RunSltOptions,
): Promise<SltReport> {
  const file = options.file ?? "<script>";
  const engine = options.engine ?? "sqlite";
  const maxFailures = options.maxFailures ?? 5;
  const maxRecords = options.maxRecords ?? Infinity;
  const records = parseSlt(text, { file });
  const report: SltReport = {
    file,
    passed: 0,
    failed: 0,
    skipped: 0,
    seconds: 0,
    failures: [],
    slowest: [],
  };
  const keepSlowest = options.keepSlowest ?? 3;
  const timed = (line: number, sql: string, ms: number) => {
    const slow = report.slowest;
    if (keepSlowest === 0) return;
    if (slow.length < keepSlowest || ms > slow[slow.length - 1]!.ms) {
      slow.push({ line, sql, ms });
      slow.sort((a, b) => b.ms - a.ms);
      if (slow.length > keepSlowest) slow.pop();
    }
  };
  const started = performance.now();
  const labels = new Map<string, string>();
  let hashThreshold = 0;
  let executed = 0;

  const fail = (failure: SltFailure) => {
    report.failed++;
    if (report.failures.length < maxFailures) report.failures.push(failure);
    options.onFailure?.(failure);
  };

  await using db = await options.open();
  for (const record of records) {
    if (executed >= maxRecords) break;
    const runs = shouldRun(record.conditions, engine);
    if (record.kind === "halt") {
      if (runs) break;
      continue;
    }
    if (record.kind === "hash-threshold") {
      if (runs) hashThreshold = record.value;
      continue;
    }
    if (!runs) {
      report.skipped++;
      options.onProgress?.(report);
      continue;
    }
    executed++;
    const recordStarted = performance.now();
    if (record.kind === "statement") {
      let error: unknown = null;
      try {
        // A record may hold several statements (the C runner uses
        // sqlite3_exec); Database.exec takes one at a time.
        const parts = scriptStatements(record.sql);
        for (const sql of parts.length > 0 ? parts : [record.sql]) {
          await db.exec(sql);
        }
      } catch (err) {
        error = err;
      }
      const ok = record.expectError ? error !== null : error === null;
      if (ok) {
        report.passed++;
      } else {
        fail({
          line: record.line,
          kind: "statement",
          sql: record.sql,
          expected: record.expectError ? "an error" : "ok",
          got: error === null ? "ok" : `error: ${errorText(error)}`,
          ...(error === null ? {} : { error }),
        });
      }
      timed(record.line, record.sql, performance.now() - recordStarted);
      options.onProgress?.(report);
      continue;
    }
    const outcome = await runQuery(db, record, { hashThreshold, labels });
    timed(record.line, record.sql, performance.now() - recordStarted);
    if (outcome === null) report.passed++;
    else fail(outcome);
    options.onProgress?.(report);
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/**
 * Counts the records {@linkcode runSlt} would run and skip, without
 * running them (to charge a file that timed out for what it did not run).
 *
 * @example
 * ```ts
 * countSlt("statement ok\nSELECT 1\n\nskipif sqlite\nstatement ok\nSELECT 2\n");
 * // { runnable: 1, skipped: 1 }
 * ```
 */
export function countSlt(
  text: string,
  options: Pick<RunSltOptions, "file" | "engine" | "maxRecords"> = {},
): { runnable: number; skipped: number } {
  const engine = options.engine ?? "sqlite";
  const maxRecords = options.maxRecords ?? Infinity;
  const counts = { runnable: 0, skipped: 0 };
  for (const record of parseSlt(text, { file: options.file ?? "<script>" })) {
    if (counts.runnable >= maxRecords) break;
    const runs = shouldRun(record.conditions, engine);
    if (record.kind === "halt") {
      if (runs) break;
    } else if (record.kind !== "hash-threshold") {
      if (runs) counts.runnable++;
      else counts.skipped++;
    }
  }
  return counts;
}

/**
 * Whether `sql` compiles: `EXPLAIN` plans the statement, so every syntax,
 * name and function error surfaces, without running it.
 */
async function compiles(db: Database, sql: string): Promise<boolean> {
  try {
    await db.query(`EXPLAIN ${sql}`);
    return true;
  } catch {
    return false;
  }
}

async function runQuery(
  db: Database,
  record: SltQuery,
  state: { hashThreshold: number; labels: Map<string, string> },
): Promise<SltFailure | null> {
  const base = { line: record.line, kind: "query" as const, sql: record.sql };
  const expectedText = record.expected === null
    ? `same result as label ${record.label}`
    : record.expected.join("\n");
  let values: string[];
  try {
    const result = await db.query(record.sql);
    if (result.columns.length !== record.types.length) {
      return {
        ...base,
        expected: `${record.types.length} columns\n${expectedText}`,
        got: `${result.columns.length} columns (${result.columns.join(", ")})`,
      };
    }
    values = queryValues(result.rows, record);
  } catch (err) {
    if (!(await compiles(db, record.sql))) {
      return {
        ...base,
        expected: expectedText,
        got: `error: ${errorText(err)}`,
        error: err,
      };
    }
    // The reference harness (sqllogictest's slt_sqlite.c) steps a prepared
    // query `while (sqlite3_step(stmt) == SQLITE_ROW)`: an error raised while
    // running ends the result silently, keeping the rows stepped so far.
    // Our engine returns whole results, so a query that compiles but fails
    // while running yields no rows, as it does there for an aggregate.
    values = [];
  }
  const digest = hashLine(values);
  const shown = state.hashThreshold > 0 && values.length > state.hashThreshold
    ? digest
    : values.join("\n");
  let ok: boolean;
  if (record.expected === null) {
    const seen = record.label === null
      ? undefined
      : state.labels.get(record.label);
    ok = seen === digest;
  } else {
    ok = matchesExpected(values, record.expected, record.types.length);
  }
  if (ok && record.label !== null && !state.labels.has(record.label)) {
    state.labels.set(record.label, digest);
  }
  return ok ? null : { ...base, expected: expectedText, got: shown };
}
