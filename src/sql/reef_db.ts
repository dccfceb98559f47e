/**
 * ReefDB: the deterministic SQL state machine. Every mutation arrives as a
 * {@linkcode CommandBatch} through {@linkcode ReefDB.applyBatch}, which is
 * atomic and idempotent by batch id; reads run directly on the state.
 *
 * @module
 */
import type { SelectStmt, Statement } from "./parse/ast.ts";
import { parse } from "./parse/mod.ts";
import { applyCommand } from "./apply_command.ts";
import { commandFor as writeCommand } from "./_command_for.ts";
import { explainPlan } from "./_explain.ts";
import {
  type CommandBatch,
  type CommandId,
  commandId,
  type ReplicatedCommand,
  splitCommandId,
} from "./commands.ts";
import { SqlUsageError, TransactionError } from "./errors.ts";
import { type BatchOutcome, type CommandResult, errorInfo } from "./outcome.ts";
import { Ctx, makeCtx } from "./run_ctx.ts";
import { Scope } from "./exec/scope.ts";
import { type CompiledQuery, SelectCompiler } from "./exec/select.ts";
import { Catalog } from "./storage/catalog.ts";
import type { Row, Value } from "./value.ts";
import { formatTimestamp } from "./column_type.ts";
import {
  restoreSnapshot,
  type SnapshotData,
  type SnapshotMeta,
  type SnapshotProvider,
  takeSnapshot,
} from "./snapshot.ts";
import { decodeSnapshot, encodeSnapshot } from "./snapshot_codec.ts";

/**
 * Options of {@linkcode ReefDB}.
 *
 * @example
 * ```ts
 * const o: ReefDBOptions = { sessionId: 7n, outcomeWindow: 64 };
 * ```
 */
export interface ReefDBOptions {
  /** This proposer's session id (the high 64 bits of its command ids). @default {1n} */
  sessionId?: bigint;
  /** Outcomes remembered per session for duplicate detection. @default {128} */
  outcomeWindow?: number;
  /** Parsed statements cached by SQL text. @default {1000} */
  statementCacheSize?: number;
}

/**
 * Per-session idempotency record.
 *
 * @example
 * ```ts
 * const r: SessionRecord = { maxSeq: 3n, outcomes: new Map() };
 * ```
 */
export interface SessionRecord {
  maxSeq: bigint;
  /**
   * Recent outcomes by sequence number (as a JS number: a Map with number
   * keys is several times faster than with bigint keys), oldest first.
   */
  outcomes: Map<number, BatchOutcome>;
}

/**
 * Rows of a read.
 *
 * @example
 * ```ts
 * const r: ReadResult = { columns: ["a"], rows: [[1n]] };
 * ```
 */
export interface ReadResult {
  columns: string[];
  rows: Value[][];
}

const EPOCH = "1970-01-01 00:00:00";

/**
 * The replicated SQL state machine.
 *
 * @example
 * ```ts
 * const db = new ReefDB({ sessionId: 1n });
 * const t = db.commandFor(db.prepare("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")[0], []);
 * db.applyBatch({ id: db.nextCommandId(), commands: [t!] });
 * db.query("SELECT count(*) FROM t").rows; // [[0n]]
 * ```
 */
export class ReefDB implements SnapshotProvider {
  catalog: Catalog = new Catalog();
  readonly sessionId: bigint;
  readonly outcomeWindow: number;
  /** Id of the last batch applied (or seen as a duplicate). */
  lastAppliedCommand: CommandId | null = null;
  /** Number of batches applied (including failed ones). */
  get appliedBatches(): bigint {
    return BigInt(this.appliedCount);
  }
  set appliedBatches(n: bigint) {
    this.appliedCount = Number(n);
  }
  /** Batches applied, as a number (a bigint counter allocates per batch). */
  private appliedCount = 0;
  sessions: Map<bigint, SessionRecord> = new Map();
  private seq = 0n;
  private readonly stmtCache = new Map<string, Statement[]>();
  private readonly stmtCacheSize: number;
  private readonly queryCache = new WeakMap<
    SelectStmt,
    { version: number; q: CompiledQuery }
  >();
  private tentativeDepth = 0;

  constructor(options: ReefDBOptions = {}) {
    this.sessionId = options.sessionId ?? 1n;
    this.outcomeWindow = options.outcomeWindow ?? 128;

    this.stmtCacheSize = options.statementCacheSize ?? 1000;
  }

  /** A fresh, monotonic command id of this instance's session. */
  nextCommandId(): CommandId {
    // After a restore the state may hold later batches of this session
    // than this object proposed: never hand out an id at or below them.
    const applied = this.sessions.get(this.sessionId)?.maxSeq ?? 0n;
    if (applied > this.seq) this.seq = applied;
    return commandId(this.sessionId, ++this.seq);
  }

  /** Applies one command as its own batch. */
  apply(id: CommandId, cmd: ReplicatedCommand): BatchOutcome {
    return this.applyBatch({ id, commands: [cmd] });
  }

  /**
   * Applies a batch atomically: all commands or none. A batch id seen
   * before returns its recorded outcome (or `duplicate`) and changes nothing.
   */
  applyBatch(batch: CommandBatch): BatchOutcome {
    if (this.tentativeDepth > 0) {
      throw new TransactionError(
        "cannot apply a batch while a local transaction is open",
      );
    }
    const { session, seq } = splitCommandId(batch.id);
    const rec = this.sessionRecord(session);
    if (rec && seq <= rec.maxSeq) {
      return rec.outcomes.get(Number(seq)) ??
        { status: "duplicate", id: batch.id };
    }
    const catalog = this.catalog;
    const ctx = makeCtx(catalog, [], {
      now: batch.now ?? EPOCH,
      seed: batch.seed ?? 0n,
    });
    catalog.undo = [];
    let outcome: BatchOutcome;
    let index = 0;
    try {
      const results: CommandResult[] = [];
      for (; index < batch.commands.length; index++) {
        ctx.clearCache();
        // One random stream per command, so a transaction's tentative run
        // and its committed batch draw the same numbers.
        ctx.reseed(batch.seed ?? 0n, index);
        results.push(applyCommand(batch.commands[index], catalog, ctx));
      }
      outcome = { status: "ok", id: batch.id, results };
    } catch (e) {
      catalog.rollbackTo(0);
      outcome = { status: "error", id: batch.id, error: errorInfo(e, index) };
    }
    catalog.undo = [];
    this.record(session, seq, outcome);
    this.lastAppliedCommand = batch.id;
    this.appliedCount++;
    return outcome;
  }

  private lastSession: {
    map: Map<bigint, SessionRecord>;
    id: bigint;
    rec: SessionRecord;
  } | null = null;

  /** The record of `session` (the last one used is cached: bigint Map keys are slow). */
  private sessionRecord(session: bigint): SessionRecord | undefined {
    const last = this.lastSession;
    if (last && last.id === session && last.map === this.sessions) {
      return last.rec;
    }
    const rec = this.sessions.get(session);
    if (rec) this.lastSession = { map: this.sessions, id: session, rec };
    return rec;
  }

  private record(session: bigint, seq: bigint, outcome: BatchOutcome): void {
    let rec = this.sessionRecord(session);
    if (!rec) {
      rec = { maxSeq: 0n, outcomes: new Map() };
      this.sessions.set(session, rec);
    }
    rec.maxSeq = seq;
    const outcomes = rec.outcomes;
    const n = Number(seq);
    outcomes.set(n, outcome);
    if (outcomes.size > this.outcomeWindow) {
      // Sequences usually advance by one: drop the one that fell out of
      // the window directly; otherwise the oldest remembered.
      if (!outcomes.delete(n - this.outcomeWindow)) {
        outcomes.delete(outcomes.keys().next().value!);
      }
    }
  }

  // -- Local transactions: tentative changes with undo marks ---------------

  /** Starts tentative mode (a local transaction); returns the undo mark 0. */
  beginTentative(): number {
    if (this.tentativeDepth > 0) {
      throw new TransactionError(
        "cannot start a transaction within a transaction",
      );
    }
    this.tentativeDepth = 1;
    this.catalog.undo = [];
    return 0;
  }

  /** Current undo mark (for savepoints). */
  undoMark(): number {
    return this.catalog.undo.length;
  }

  /**
   * Applies a command tentatively: on error its own changes are undone and
   * the error is rethrown; earlier tentative changes stay.
   */
  applyTentative(
    cmd: ReplicatedCommand,
    env: { now: string; seed: bigint; ctx?: Ctx },
  ): CommandResult {
    if (this.tentativeDepth === 0) {
      throw new TransactionError("no transaction is active");
    }
    const mark = this.catalog.undo.length;
    const ctx = env.ctx ?? makeCtx(this.catalog, [], env);
    try {
      ctx.clearCache();
      return applyCommand(cmd, this.catalog, ctx);
    } catch (e) {
      this.catalog.rollbackTo(mark);
      throw e;
    }
  }

  /** Undoes tentative changes back to `mark`. */
  rollbackTentative(mark: number): void {
    this.catalog.rollbackTo(mark);
  }

  /** Undoes every tentative change and leaves tentative mode. */
  endTentative(): void {
    this.catalog.rollbackTo(0);
    this.catalog.undo = [];
    this.tentativeDepth = 0;
  }

  /** True while a local transaction is open. */
  get inTentative(): boolean {
    return this.tentativeDepth > 0;
  }

  // -- Statements ----------------------------------------------------------

  /** Parses SQL text (cached by text, least recently used dropped). */
  prepare(sql: string): Statement[] {
    const hit = this.stmtCache.get(sql);
    if (hit) {
      this.stmtCache.delete(sql);
      this.stmtCache.set(sql, hit);
      return hit;
    }
    const stmts = parse(sql);
    this.stmtCache.set(sql, stmts);
    if (this.stmtCache.size > this.stmtCacheSize) {
      this.stmtCache.delete(this.stmtCache.keys().next().value!);
    }
    return stmts;
  }

  /**
   * The replicated command for a write statement with its parameters bound,
   * or null for statements that are not writes (reads, transaction control).
   */
  commandFor(
    stmt: Statement,
    params: readonly Value[],
  ): ReplicatedCommand | null {
    return writeCommand(stmt, params);
  }

  /** Compiles a SELECT (cached per statement object and schema version). */
  compileSelect(stmt: SelectStmt): CompiledQuery {
    const hit = this.queryCache.get(stmt);
    if (hit && hit.version === this.catalog.schemaVersion) return hit.q;
    const q = new SelectCompiler(this.catalog).compile(stmt, new Scope(null));
    this.queryCache.set(stmt, { version: this.catalog.schemaVersion, q });
    return q;
  }

  /** Runs a read statement (SELECT or EXPLAIN) directly on the state. */
  read(
    stmt: Statement,
    params: readonly Value[] = [],
    options: { now?: string } = {},
  ): ReadResult {
    const fixedNow = options.now;
    const ctx = new Ctx(this.catalog, params, {
      now: fixedNow === undefined
        ? () => formatTimestamp(Date.now())
        : () => fixedNow,
      seed: () => BigInt(Math.floor(Math.random() * 2 ** 52)),
    });
    if (stmt.kind === "explain") return explainPlan(this.catalog, stmt);
    if (stmt.kind !== "select") {
      throw new SqlUsageError(`not a query: ${stmt.kind}`);
    }
    const q = this.compileSelect(stmt);
    const rows: Value[][] = [];
    // Compiled queries emit fresh arrays, so rows are kept as they are.
    q.run(ctx, (r: Row) => void rows.push(r));
    return { columns: q.columns, rows };
  }

  /** Parses and runs one query. */
  query(sql: string, params: readonly Value[] = []): ReadResult {
    const stmts = this.prepare(sql);
    if (stmts.length !== 1) {
      throw new SqlUsageError("query() takes exactly one statement");
    }
    return this.read(stmts[0], params);
  }

  // -- Snapshots -------------------------------------------------------------

  /** A consistent point-in-time view of the state (cheap: copy-on-write). */
  snapshot(): { meta: SnapshotMeta; data: SnapshotData } {
    if (this.tentativeDepth > 0) {
      throw new TransactionError(
        "cannot snapshot while a local transaction is open",
      );
    }
    return takeSnapshot(this);
  }

  /** Replaces the whole state with a snapshot's. */
  restore(meta: SnapshotMeta, data: SnapshotData): void {
    if (this.tentativeDepth > 0) {
      throw new TransactionError(
        "cannot restore while a local transaction is open",
      );
    }
    restoreSnapshot(this, meta, data);
    this.stmtCache.clear();
  }

  /** The snapshot as a stream of checksummed binary chunks. */
  snapshotChunks(
    options: { rowsPerChunk?: number } = {},
  ): Iterable<Uint8Array> {
    const { meta, data } = this.snapshot();
    return encodeSnapshot(meta, data, options);
  }

  /** Restores from {@linkcode snapshotChunks} output (sync or async chunks). */
  async restoreFromChunks(
    chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  ): Promise<SnapshotMeta> {
    const { meta, data } = await decodeSnapshot(chunks);
    this.restore(meta, data);
    return meta;
  }
}
