/**
 * Batch outcomes: what applying a batch produced, in a form that is
 * recorded for idempotency, kept in snapshots, and turned back into the
 * error classes callers catch.
 *
 * @module
 */
import type { CommandId, PlainValue } from "./commands.ts";
import {
  ConstraintError,
  type ConstraintKind,
  SnapshotCorruptError,
  SqlError,
  SqlUsageError,
  TransactionError,
  TypeMismatchError,
  UnknownColumnError,
  UnknownTableError,
} from "./errors.ts";
import { SqlSyntaxError } from "./parse/mod.ts";

/**
 * The result of one command of a batch.
 *
 * @example
 * ```ts
 * const r: CommandResult = { rowsAffected: 1, lastInsertId: 7n };
 * ```
 */
export interface CommandResult {
  rowsAffected: number;
  lastInsertId: bigint | null;
}

/**
 * A recorded error: enough to rebuild the error class.
 *
 * @example
 * ```ts
 * const i: ErrorInfo = { name: "SqlError", message: "boom", code: "SQL_ERROR", command: 0, details: {} };
 * ```
 */
export interface ErrorInfo {
  name: string;
  message: string;
  code: string;
  /** Index of the failing command in its batch. */
  command: number;
  details: Record<string, PlainValue>;
}

/**
 * What applying a batch produced. `duplicate` means the id was applied
 * before but its outcome is no longer remembered.
 *
 * @example
 * ```ts
 * const o: BatchOutcome = { status: "duplicate", id: 1n };
 * ```
 */
export type BatchOutcome =
  | { status: "ok"; id: CommandId; results: CommandResult[] }
  | { status: "error"; id: CommandId; error: ErrorInfo }
  | { status: "duplicate"; id: CommandId };

function plain(v: unknown): PlainValue {
  if (v === null || v === undefined) return null;
  if (
    typeof v === "bigint" || typeof v === "number" || typeof v === "string" ||
    typeof v === "boolean"
  ) return v;
  return String(v);
}

/**
 * Records an error thrown while applying command `index`.
 *
 * @example
 * ```ts
 * errorInfo(new UnknownTableError("t"), 0).name; // "UnknownTableError"
 * ```
 */
export function errorInfo(e: unknown, index: number): ErrorInfo {
  const details: Record<string, PlainValue> = {};
  if (e instanceof ConstraintError) {
    details.kind = e.kind;
    details.constraint = e.constraint;
    details.value = plain(e.value);
  } else if (e instanceof TypeMismatchError) {
    details.value = plain(e.value);
    details.expected = e.expected;
    details.column = e.column;
  } else if (e instanceof UnknownTableError) details.table = e.table;
  else if (e instanceof UnknownColumnError) details.column = e.column;
  if (e instanceof Error) {
    return {
      name: e.name,
      message: e.message,
      code: e instanceof SqlError ? e.code : "INTERNAL",
      command: index,
      details,
    };
  }
  return {
    name: "Error",
    message: String(e),
    code: "INTERNAL",
    command: index,
    details,
  };
}

/**
 * Rebuilds the error an {@linkcode ErrorInfo} describes.
 *
 * @example
 * ```ts
 * const e = errorFromInfo({ name: "UnknownTableError", message: "no such table: t", code: "UNKNOWN_TABLE", command: 0, details: { table: "t" } });
 * e instanceof UnknownTableError; // true
 * ```
 */
export function errorFromInfo(info: ErrorInfo): Error {
  const d = info.details;
  let e: Error;
  switch (info.name) {
    case "ConstraintError":
      e = new ConstraintError(
        d.kind as ConstraintKind,
        String(d.constraint),
        d.value,
      );
      break;
    case "TypeMismatchError":
      e = new TypeMismatchError(
        d.value,
        String(d.expected),
        d.column ? { column: String(d.column) } : {},
      );
      break;
    case "UnknownTableError":
      e = new UnknownTableError(String(d.table));
      break;
    case "UnknownColumnError":
      e = new UnknownColumnError(String(d.column));
      break;
    case "SqlUsageError":
      e = new SqlUsageError(info.message);
      break;
    case "TransactionError":
      e = new TransactionError(info.message);
      break;
    case "SnapshotCorruptError":
      e = new SnapshotCorruptError(info.message);
      break;
    case "SqlSyntaxError":
      e = new SqlSyntaxError(info.message, { line: 0, column: 0, offset: 0 });
      break;
    default:
      e = new SqlError(info.message, { code: info.code });
  }
  e.message = info.message;
  return e;
}
