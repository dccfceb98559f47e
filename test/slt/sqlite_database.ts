/**
 * A {@linkcode Database} over `node:sqlite`, the reference engine the
 * corpus was generated with. The runner is checked against it, so a
 * failure on ReefDB is the engine's, not the runner's.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import type {
  BatchStatement,
  Database,
  QueryResult,
  SqlParams,
} from "../../src/api/database.ts";

type SqliteParam = null | number | bigint | string;

function toSqlite(params: SqlParams | undefined): SqliteParam[] {
  return (params ?? []).map((p) => typeof p === "boolean" ? (p ? 1n : 0n) : p);
}

/**
 * Opens an in-memory `node:sqlite` database behind the `Database`
 * interface: INTEGER values come back as bigint, REAL as number.
 *
 * @returns A database handle; close it.
 *
 * @example
 * ```ts
 * await using db = await openSqliteDatabase();
 * const { rows } = await db.query("SELECT 1");
 * // rows: [[1n]]
 * ```
 */
export function openSqliteDatabase(): Promise<Database> {
  const db = new DatabaseSync(":memory:");
  let open = true;
  const run = (sql: string, params?: SqlParams): QueryResult => {
    if (!open) throw new TypeError("The database is closed");
    const stmt = db.prepare(sql);
    stmt.setReadBigInts(true);
    const columns = stmt.columns().map((c) => c.name);
    if (columns.length > 0) {
      // Present at run time, missing from the bundled node types.
      (stmt as unknown as { setReturnArrays(on: boolean): void })
        .setReturnArrays(true);
      const rows = stmt.all(...toSqlite(params)) as unknown as QueryResult[
        "rows"
      ];
      return { columns, rows, rowsAffected: 0, lastInsertId: null };
    }
    const r = stmt.run(...toSqlite(params));
    return {
      columns: [],
      rows: [],
      rowsAffected: Number(r.changes),
      lastInsertId: BigInt(r.lastInsertRowid),
    };
  };
  const handle: Database = {
    exec: (sql, params) => Promise.resolve().then(() => run(sql, params)),
    query: (sql, params) => Promise.resolve().then(() => run(sql, params)),
    batch: (statements: readonly BatchStatement[]) =>
      Promise.resolve().then(() => statements.map((s) => run(s.sql, s.params))),
    close: () => {
      if (open) {
        open = false;
        db.close();
      }
      return Promise.resolve();
    },
    [Symbol.asyncDispose]: () => handle.close(),
  };
  return Promise.resolve(handle);
}
