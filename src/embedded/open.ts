/**
 * `open()`: an embedded ReefDB database.
 *
 * @module
 */
import type { Database } from "../api/database.ts";
import { ReefDB } from "../sql/reef_db.ts";
import { EmbeddedDatabase } from "./embedded_database.ts";
import { LocalProposer, type Proposer } from "./proposer.ts";

/**
 * Options of {@linkcode open}.
 *
 * @example
 * ```ts
 * const o: OpenOptions = {}; // in-memory
 * ```
 */
export interface OpenOptions {
  /** Durable storage directory (a later issue); must be absent for now. */
  path?: string;
  /** Use this engine instead of a fresh in-memory one. */
  engine?: ReefDB;
  /** Apply batches through this proposer. @default {LocalProposer} */
  proposer?: Proposer;
}

/**
 * Opens a database. Without a path it lives in memory.
 *
 * @example
 * ```ts
 * await using db = await open();
 * await db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
 * await db.exec("INSERT INTO t (v) VALUES (?)", ["hello"]);
 * const { rows } = await db.query("SELECT v FROM t");
 * ```
 */
export function open(
  options: OpenOptions = {},
): Promise<Database & EmbeddedDatabase> {
  if (options.path !== undefined) {
    return Promise.reject(
      new TypeError(
        "open({ path }) is not supported yet: omit path for an in-memory database",
      ),
    );
  }
  const engine = options.engine ?? new ReefDB();
  const proposer = options.proposer ?? new LocalProposer(engine);
  return Promise.resolve(new EmbeddedDatabase(engine, proposer));
}
