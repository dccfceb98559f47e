/**
 * The interface every ReefDB handle offers, whether it is an embedded
 * database from `open()` or (later) a network client from `connect()`.
 *
 * This module imports nothing of ours so both sides can depend on it.
 *
 * @module
 */

/**
 * A value as it crosses the API boundary.
 *
 * - `bigint` for INTEGER columns: integers beyond 2^53 stay exact.
 * - `number` for FLOAT / REAL / DOUBLE.
 * - `string` for TEXT, VARCHAR, DATE (`YYYY-MM-DD`), TIMESTAMP
 *   (`YYYY-MM-DD HH:MM:SS[.fff]`) and TSVECTOR (its text form).
 * - `boolean` for BOOLEAN.
 * - `null` for NULL.
 */
export type SqlValue = null | bigint | number | string | boolean;

/** A parameter a caller may bind: plain JS numbers that are integers bind as INTEGER. */
export type SqlParam = SqlValue;

/** Positional (`?`, `$1`) parameters. */
export type SqlParams = readonly SqlParam[];

/**
 * The result of one statement.
 *
 * @example
 * ```ts
 * const r: QueryResult = { columns: ["id"], rows: [[1n]], rowsAffected: 0, lastInsertId: null };
 * ```
 */
export interface QueryResult {
  /** Column names of a row-returning statement; empty otherwise. */
  columns: string[];
  /** Rows as arrays, in `columns` order. */
  rows: SqlValue[][];
  /** Rows inserted, updated or deleted by a write; 0 for a read. */
  rowsAffected: number;
  /** Row id of the last row inserted by this statement, or null. */
  lastInsertId: bigint | null;
}

/** One statement of a batch. */
export interface BatchStatement {
  sql: string;
  params?: SqlParams;
}

/** Options of {@linkcode Database.batch}. */
export interface BatchOptions {
  /**
   * Run every statement in one transaction: all of them apply or none.
   * @default {true}
   */
  transaction?: boolean;
}

/**
 * A ReefDB database handle.
 *
 * @example
 * ```ts
 * import { open } from "../../mod.ts";
 * await using db = await open();
 * await db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
 * await db.exec("INSERT INTO t (name) VALUES (?)", ["reef"]);
 * const { rows } = await db.query("SELECT id, name FROM t");
 * ```
 */
export interface Database extends AsyncDisposable {
  /** Runs one statement (DDL, DML, transaction control, or a query). */
  exec(sql: string, params?: SqlParams): Promise<QueryResult>;
  /** Runs one row-returning statement. */
  query(sql: string, params?: SqlParams): Promise<QueryResult>;
  /** Runs several statements, by default in one transaction. */
  batch(
    statements: readonly BatchStatement[],
    options?: BatchOptions,
  ): Promise<QueryResult[]>;
  /** Releases the handle; further calls reject. */
  close(): Promise<void>;
}

/**
 * Turns a result's rows into objects keyed by column name.
 *
 * @example
 * ```ts
 * const objs = rowsToObjects({ columns: ["a"], rows: [[1n]], rowsAffected: 0, lastInsertId: null });
 * // [{ a: 1n }]
 * ```
 */
export function rowsToObjects(
  result: Pick<QueryResult, "columns" | "rows">,
): Record<string, SqlValue>[] {
  return result.rows.map((row) => {
    const obj: Record<string, SqlValue> = {};
    result.columns.forEach((c, i) => (obj[c] = row[i] ?? null));
    return obj;
  });
}
