/**
 * Errors the SQL engine throws. Callers catch these by class; each carries
 * structured fields so a client can react without parsing the message.
 *
 * @module
 */

/**
 * Options shared by every engine error.
 *
 * @example
 * ```ts
 * const o: SqlErrorOptions = { cause: new Error("inner") };
 * ```
 */
export interface SqlErrorOptions {
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * Base class of every error the engine raises for a bad statement.
 *
 * @example
 * ```ts
 * try { throw new SqlError("boom"); } catch (e) { if (e instanceof SqlError) console.log(e.code); }
 * ```
 */
export class SqlError extends Error {
  /** A stable machine-readable code, e.g. `CONSTRAINT`. */
  readonly code: string;
  constructor(
    message: string,
    options: SqlErrorOptions & { code?: string } = {},
  ) {
    super(
      message,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = "SqlError";
    this.code = options.code ?? "SQL_ERROR";
  }
}

/**
 * A statement named a table (or view) that does not exist.
 *
 * @example
 * ```ts
 * const e = new UnknownTableError("t");
 * console.log(e.table); // "t"
 * ```
 */
export class UnknownTableError extends SqlError {
  /** The table name as written. */
  readonly table: string;
  constructor(table: string, options: SqlErrorOptions = {}) {
    super(`no such table: ${table}`, { ...options, code: "UNKNOWN_TABLE" });
    this.name = "UnknownTableError";
    this.table = table;
  }
}

/**
 * A statement named a column that does not exist (or is ambiguous).
 *
 * @example
 * ```ts
 * const e = new UnknownColumnError("t.x");
 * console.log(e.column); // "t.x"
 * ```
 */
export class UnknownColumnError extends SqlError {
  /** The column reference as written. */
  readonly column: string;
  constructor(
    column: string,
    options: SqlErrorOptions & { ambiguous?: boolean } = {},
  ) {
    super(
      options.ambiguous
        ? `ambiguous column name: ${column}`
        : `no such column: ${column}`,
      { ...options, code: "UNKNOWN_COLUMN" },
    );
    this.name = "UnknownColumnError";
    this.column = column;
  }
}

/**
 * The kinds of constraint {@linkcode ConstraintError} reports.
 *
 * @example
 * ```ts
 * const k: ConstraintKind = "UNIQUE";
 * ```
 */
export type ConstraintKind =
  | "PRIMARY KEY"
  | "UNIQUE"
  | "NOT NULL"
  | "CHECK"
  | "FOREIGN KEY";

/**
 * A write violated a constraint; names the constraint and the value.
 *
 * @example
 * ```ts
 * const e = new ConstraintError("NOT NULL", "t.a", null);
 * console.log(e.kind, e.constraint); // "NOT NULL" "t.a"
 * ```
 */
export class ConstraintError extends SqlError {
  /** Which kind of constraint failed. */
  readonly kind: ConstraintKind;
  /** The constraint's name (declared, or generated like `t.a`). */
  readonly constraint: string;
  /** The offending value (rendered as text for composite keys). */
  readonly value: unknown;
  constructor(
    kind: ConstraintKind,
    constraint: string,
    value: unknown,
    options: SqlErrorOptions = {},
  ) {
    super(
      `${kind} constraint failed: ${constraint} (value: ${renderValue(value)})`,
      { ...options, code: "CONSTRAINT" },
    );
    this.name = "ConstraintError";
    this.kind = kind;
    this.constraint = constraint;
    this.value = value;
  }
}

/**
 * A value cannot be stored in (or converted to) the required type.
 *
 * @example
 * ```ts
 * const e = new TypeMismatchError("abc", "INTEGER", { column: "t.a" });
 * console.log(e.expected); // "INTEGER"
 * ```
 */
export class TypeMismatchError extends SqlError {
  /** The value that did not fit. */
  readonly value: unknown;
  /** The type that was required. */
  readonly expected: string;
  /** The column being written, when there is one. */
  readonly column: string | null;
  constructor(
    value: unknown,
    expected: string,
    options: SqlErrorOptions & { column?: string } = {},
  ) {
    const where = options.column ? ` for column ${options.column}` : "";
    super(
      `type mismatch: cannot use ${renderValue(value)} as ${expected}${where}`,
      {
        ...options,
        code: "TYPE_MISMATCH",
      },
    );
    this.name = "TypeMismatchError";
    this.value = value;
    this.expected = expected;
    this.column = options.column ?? null;
  }
}

/**
 * A statement is valid SQL but not supported, or misused (wrong argument
 * count, aggregate in WHERE, object already exists, ...).
 *
 * @example
 * ```ts
 * const e = new SqlUsageError("table t already exists");
 * console.log(e.code); // "USAGE"
 * ```
 */
export class SqlUsageError extends SqlError {
  constructor(message: string, options: SqlErrorOptions = {}) {
    super(message, { ...options, code: "USAGE" });
    this.name = "SqlUsageError";
  }
}

/**
 * A transaction statement arrived in the wrong state (COMMIT without BEGIN,
 * unknown savepoint, a closed database).
 *
 * @example
 * ```ts
 * const e = new TransactionError("no transaction is active");
 * console.log(e.code); // "TRANSACTION"
 * ```
 */
export class TransactionError extends SqlError {
  constructor(message: string, options: SqlErrorOptions = {}) {
    super(message, { ...options, code: "TRANSACTION" });
    this.name = "TransactionError";
  }
}

/**
 * Snapshot bytes are damaged or of an unknown format.
 *
 * @example
 * ```ts
 * const e = new SnapshotCorruptError("checksum mismatch", { offset: 12 });
 * console.log(e.offset); // 12
 * ```
 */
export class SnapshotCorruptError extends SqlError {
  /** Byte offset where the damage was found, when known. */
  readonly offset: number | null;
  constructor(
    message: string,
    options: SqlErrorOptions & { offset?: number } = {},
  ) {
    super(`Cannot restore snapshot: ${message}`, {
      ...options,
      code: "SNAPSHOT_CORRUPT",
    });
    this.name = "SnapshotCorruptError";
    this.offset = options.offset ?? null;
  }
}

function renderValue(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "string") return `'${v}'`;
  if (
    typeof v === "bigint" || typeof v === "number" || typeof v === "boolean"
  ) {
    return String(v);
  }
  return "<value>";
}
