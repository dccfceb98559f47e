/**
 * The embedded {@linkcode Database}: statements from one handle run in
 * order; autocommit writes become one batch each; a transaction applies
 * its statements tentatively (reads see them) and COMMIT proposes them as
 * one batch.
 *
 * @module
 */
import type {
  BatchOptions,
  BatchStatement,
  Database,
  QueryResult,
  SqlParams,
  SqlValue,
} from "../api/database.ts";
import type { Statement } from "../sql/parse/ast.ts";
import type { ReplicatedCommand } from "../sql/commands.ts";
import { SqlUsageError, TransactionError } from "../sql/errors.ts";
import { errorFromInfo } from "../sql/outcome.ts";
import type { ReefDB } from "../sql/reef_db.ts";
import { formatTimestamp } from "../sql/column_type.ts";
import { isTsQuery, isTsVector, type Value } from "../sql/value.ts";
import {
  formatTsquery,
  formatTsvector,
  type TsQuery,
  type TsVector,
} from "../sql/fts/mod.ts";
import type { Proposer } from "./proposer.ts";
import { writeLockOf } from "./write_lock.ts";

interface Tx {
  release: () => void;
  /** Started by a SAVEPOINT (not BEGIN): releasing it commits. */
  implicit?: boolean;
  commands: ReplicatedCommand[];
  savepoints: { name: string; mark: number; commands: number }[];
  now: string;
  seed: bigint;
}

function toApi(v: Value): SqlValue {
  if (v !== null && typeof v === "object") {
    if (isTsVector(v)) return formatTsvector(v as TsVector);
    if (isTsQuery(v)) return formatTsquery(v as TsQuery);
  }
  return v as SqlValue;
}

function toParam(v: SqlValue): Value {
  // A plain JS integer binds as INTEGER (the API's documented rule).
  if (typeof v === "number" && Number.isInteger(v) && Number.isSafeInteger(v)) {
    return BigInt(v);
  }
  return v;
}

function randomSeed(): bigint {
  const a = new BigUint64Array(1);
  crypto.getRandomValues(a);
  return a[0];
}

/**
 * A {@linkcode Database} over a local {@linkcode ReefDB}.
 *
 * @example
 * ```ts
 * import { ReefDB } from "../sql/reef_db.ts";
 * import { LocalProposer } from "./proposer.ts";
 * const engine = new ReefDB();
 * await using db = new EmbeddedDatabase(engine, new LocalProposer(engine));
 * await db.exec("CREATE TABLE t (a INT)");
 * ```
 */
export class EmbeddedDatabase implements Database {
  readonly engine: ReefDB;
  readonly proposer: Proposer;
  private tx: Tx | null = null;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(engine: ReefDB, proposer: Proposer) {
    this.engine = engine;
    this.proposer = proposer;
  }

  /** True while BEGIN .. COMMIT/ROLLBACK is open. */
  get inTransaction(): boolean {
    return this.tx !== null;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.closed) throw new TransactionError("database is closed");
      return fn();
    });
    this.queue = run.catch(() => {});
    return run;
  }

  exec(sql: string, params: SqlParams = []): Promise<QueryResult> {
    return this.serial(() => this.execNow(sql, params));
  }

  query(sql: string, params: SqlParams = []): Promise<QueryResult> {
    return this.serial(async () => {
      const stmts = this.engine.prepare(sql);
      if (stmts.length !== 1) {
        throw new SqlUsageError("query() takes exactly one statement");
      }
      return await this.runStatement(stmts[0], params.map(toParam));
    });
  }

  batch(
    statements: readonly BatchStatement[],
    options: BatchOptions = {},
  ): Promise<QueryResult[]> {
    return this.serial(async () => {
      const transaction = options.transaction ?? true;
      const own = transaction && !this.tx;
      if (own) await this.begin();
      const out: QueryResult[] = [];
      try {
        for (const s of statements) {
          out.push(await this.execNow(s.sql, s.params ?? []));
        }
        if (own) await this.commit();
      } catch (e) {
        if (own && this.tx) this.rollback();
        throw e;
      }
      return out;
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.serial(() => {
      if (this.tx) this.rollback();
      this.closed = true;
      return Promise.resolve();
    });
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  private async execNow(sql: string, params: SqlParams): Promise<QueryResult> {
    const stmts = this.engine.prepare(sql);
    const bound = params.map(toParam);
    let last: QueryResult = {
      columns: [],
      rows: [],
      rowsAffected: 0,
      lastInsertId: null,
    };
    for (const s of stmts) last = await this.runStatement(s, bound);
    return last;
  }

  private async runStatement(
    stmt: Statement,
    params: Value[],
  ): Promise<QueryResult> {
    switch (stmt.kind) {
      case "select":
      case "explain": {
        const r = this.engine.read(
          stmt,
          params,
          this.tx ? { now: this.tx.now } : {},
        );
        return {
          columns: r.columns,
          rows: r.rows.map((row) => row.map(toApi)),
          rowsAffected: 0,
          lastInsertId: null,
        };
      }
      case "begin":
        await this.begin();
        return empty();
      case "commit":
        await this.commit();
        return empty();
      case "rollback":
        if (stmt.savepoint !== undefined) this.rollbackTo(stmt.savepoint);
        else this.rollback();
        return empty();
      case "savepoint":
        if (!this.tx) {
          // SQLite: a SAVEPOINT outside a transaction starts one, which
          // releasing that savepoint commits.
          await this.begin();
          this.tx!.implicit = true;
        }
        this.tx!.savepoints.push({
          name: stmt.name.toLowerCase(),
          mark: this.engine.undoMark(),
          commands: this.tx!.commands.length,
        });
        return empty();
      case "release": {
        const tx = this.requireTx();
        const i = this.findSavepoint(stmt.name);
        tx.savepoints.length = i;
        if (i === 0 && tx.implicit) await this.commit();
        return empty();
      }
    }
    const cmd = this.engine.commandFor(stmt, params);
    if (!cmd) throw new SqlUsageError(`unsupported statement: ${stmt.kind}`);
    if (this.tx) {
      const r = this.engine.applyTentative(cmd, {
        now: this.tx.now,
        seed: this.tx.seed + BigInt(this.tx.commands.length),
      });
      this.tx.commands.push(cmd);
      return {
        columns: [],
        rows: [],
        rowsAffected: r.rowsAffected,
        lastInsertId: r.lastInsertId,
      };
    }
    const release = await writeLockOf(this.engine).acquire();
    let outcome;
    try {
      outcome = await this.proposer.propose({
        id: this.engine.nextCommandId(),
        commands: [cmd],
        now: formatTimestamp(Date.now()),
        seed: randomSeed(),
      });
    } finally {
      release();
    }
    if (outcome.status === "error") throw errorFromInfo(outcome.error);
    if (outcome.status === "duplicate") {
      throw new TransactionError("batch was already applied");
    }
    const r = outcome.results[0];
    return {
      columns: [],
      rows: [],
      rowsAffected: r.rowsAffected,
      lastInsertId: r.lastInsertId,
    };
  }

  private requireTx(): Tx {
    if (!this.tx) throw new TransactionError("no transaction is active");
    return this.tx;
  }

  private findSavepoint(name: string): number {
    const tx = this.requireTx();
    const l = name.toLowerCase();
    for (let i = tx.savepoints.length - 1; i >= 0; i--) {
      if (tx.savepoints[i].name === l) return i;
    }
    throw new TransactionError(`no such savepoint: ${name}`);
  }

  private async begin(): Promise<void> {
    if (this.tx) {
      throw new TransactionError(
        "cannot start a transaction within a transaction",
      );
    }
    // Other handles on this engine wait here until COMMIT/ROLLBACK.
    const release = await writeLockOf(this.engine).acquire();
    try {
      this.engine.beginTentative();
    } catch (e) {
      release();
      throw e;
    }
    this.tx = {
      release,
      commands: [],
      savepoints: [],
      now: formatTimestamp(Date.now()),
      seed: randomSeed(),
    };
  }

  private rollback(): void {
    const tx = this.requireTx();
    this.engine.endTentative();
    this.tx = null;
    tx.release();
  }

  private rollbackTo(name: string): void {
    const tx = this.requireTx();
    const i = this.findSavepoint(name);
    const sp = tx.savepoints[i];
    this.engine.rollbackTentative(sp.mark);
    tx.commands.length = sp.commands;
    tx.savepoints.length = i + 1;
  }

  private async commit(): Promise<void> {
    const tx = this.requireTx();
    // Replicas only ever see whole batches: undo the tentative changes and
    // propose them as one.
    this.engine.endTentative();
    this.tx = null;
    try {
      if (tx.commands.length === 0) return;
      const outcome = await this.proposer.propose({
        id: this.engine.nextCommandId(),
        commands: tx.commands,
        now: tx.now,
        seed: tx.seed,
      });
      if (outcome.status === "error") throw errorFromInfo(outcome.error);
    } finally {
      tx.release();
    }
  }
}

function empty(): QueryResult {
  return { columns: [], rows: [], rowsAffected: 0, lastInsertId: null };
}
