/**
 * Replicated commands: logical, statement-level mutations with every
 * non-deterministic input resolved by the proposer (parameters bound to
 * literals, "now" and the random seed fixed in the batch). Applying the
 * same batches in the same order gives the same state on every replica.
 *
 * @module
 */
import { decode, encode } from "@msgpack/msgpack";
import type {
  AlterTableStmt,
  CreateIndexStmt,
  CreateTableStmt,
  CreateViewStmt,
  DeleteStmt,
  InsertStmt,
  Statement,
  UpdateStmt,
} from "./parse/ast.ts";
import { SqlUsageError } from "./errors.ts";
import type { Value } from "./value.ts";

/**
 * A command id: a u128 as a bigint, `(sessionId << 64n) | seq`.
 *
 * @example
 * ```ts
 * const id: CommandId = (7n << 64n) | 1n;
 * ```
 */
export type CommandId = bigint;

/**
 * Builds a command id from a session id and a sequence number.
 *
 * @example
 * ```ts
 * commandId(1n, 2n); // 18446744073709551618n
 * ```
 */
export function commandId(session: bigint, seq: bigint): CommandId {
  return (BigInt.asUintN(64, session) << 64n) | BigInt.asUintN(64, seq);
}

/**
 * Splits a command id into its session and sequence.
 *
 * @example
 * ```ts
 * splitCommandId((1n << 64n) | 5n); // { session: 1n, seq: 5n }
 * ```
 */
export function splitCommandId(
  id: CommandId,
): { session: bigint; seq: bigint } {
  return { session: id >> 64n, seq: BigInt.asUintN(64, id) };
}

/**
 * A plain value that can travel in a command (no TSVECTOR objects).
 *
 * @example
 * ```ts
 * const v: PlainValue = 42n;
 * ```
 */
export type PlainValue = null | bigint | number | string | boolean;

/**
 * One logical mutation. DDL carries the statement tree; DML carries its
 * target and the expressions to evaluate at apply time (WHERE and SET are
 * evaluated on the replica's current state, so there are no lost updates).
 *
 * @example
 * ```ts
 * const c: ReplicatedCommand = { op: "dropTable", name: "t", ifExists: true };
 * ```
 */
export type ReplicatedCommand =
  | { op: "createTable"; stmt: CreateTableStmt }
  | { op: "dropTable"; name: string; ifExists: boolean }
  | { op: "alterTable"; stmt: AlterTableStmt }
  | { op: "createIndex"; stmt: CreateIndexStmt }
  | { op: "dropIndex"; name: string; ifExists: boolean }
  | { op: "createView"; stmt: CreateViewStmt }
  | { op: "dropView"; name: string; ifExists: boolean }
  /** Rows of literal values (the fast path). */
  | {
    op: "insertRows";
    table: string;
    columns: string[] | null;
    rows: PlainValue[][];
    or?: string;
  }
  | { op: "insert"; stmt: InsertStmt }
  | { op: "update"; stmt: UpdateStmt }
  | { op: "delete"; stmt: DeleteStmt };

/**
 * One client request: applied atomically, identified for idempotency.
 * `now` (a TIMESTAMP string) and `seed` make `now()` and `random()`
 * deterministic on every replica.
 *
 * @example
 * ```ts
 * const b: CommandBatch = { id: commandId(1n, 1n), commands: [], now: "2024-01-01 00:00:00", seed: 7n };
 * ```
 */
export interface CommandBatch {
  id: CommandId;
  commands: ReplicatedCommand[];
  now?: string;
  seed?: bigint;
}

/**
 * Encodes a batch for the Raft log (msgpack, bigints as int64/uint64; the
 * u128 id as two u64).
 *
 * @example
 * ```ts
 * const bytes = encodeBatch({ id: 1n, commands: [] });
 * decodeBatch(bytes).id; // 1n
 * ```
 */
export function encodeBatch(batch: CommandBatch): Uint8Array {
  const { session, seq } = splitCommandId(batch.id);
  return encode([
    session,
    seq,
    batch.now ?? null,
    batch.seed ?? null,
    batch.commands,
  ], {
    useBigInt64: true,
    // Every JS number (REAL) travels as a float so it never comes back as
    // a bigint; INTEGER values are bigints and travel as int64.
    forceIntegerToFloat: true,
    ignoreUndefined: true,
  });
}

/**
 * Decodes {@linkcode encodeBatch} output.
 *
 * @example
 * ```ts
 * decodeBatch(encodeBatch({ id: 5n, commands: [] })).commands; // []
 * ```
 */
export function decodeBatch(bytes: Uint8Array): CommandBatch {
  const v = decode(bytes, { useBigInt64: true }) as unknown[];
  if (!Array.isArray(v) || v.length !== 5) {
    throw new SqlUsageError("malformed command batch");
  }
  const [session, seq, now, seed, commands] = v as [
    bigint | number,
    bigint | number,
    string | null,
    bigint | number | null,
    ReplicatedCommand[],
  ];
  const batch: CommandBatch = {
    id: commandId(BigInt(session), BigInt(seq)),
    commands,
  };
  if (now !== null) batch.now = now;
  if (seed !== null) batch.seed = BigInt(seed);
  return batch;
}

/**
 * Copies a statement tree with parameters replaced by literal values and
 * positions/source text dropped (they do not travel).
 *
 * @example
 * ```ts
 * // bindStatement(parseOne("DELETE FROM t WHERE a = ?"), [1n])
 * ```
 */
export function bindStatement<T extends Statement>(
  stmt: T,
  params: readonly Value[],
): T {
  // deno-lint-ignore no-explicit-any
  const rec = (x: any): any => {
    if (Array.isArray(x)) return x.map(rec);
    if (x === null || typeof x !== "object") return x;
    if (x.kind === "param" && typeof x.index === "number") {
      const i = x.index - 1;
      if (i >= params.length) {
        throw new SqlUsageError(`missing value for parameter ?${i + 1}`);
      }
      const v = params[i];
      if (v !== null && typeof v === "object") {
        throw new SqlUsageError("parameters must be plain values");
      }
      return { kind: "literal", value: v };
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x)) {
      if (k === "pos" || k === "text" || k === "selectText") continue;
      const v = x[k];
      if (v === undefined) continue;
      out[k] = rec(v);
    }
    return out;
  };
  return rec(stmt);
}
