/**
 * Options of {@linkcode SnapshotCorruptError}.
 *
 * @example
 * ```ts
 * import { type SnapshotCorruptErrorOptions } from "./errors.ts";
 * const o: SnapshotCorruptErrorOptions = { file: "a.snap", offset: 0, reason: "bad magic" };
 * ```
 */
export interface SnapshotCorruptErrorOptions extends ErrorOptions {
  /** File name of the snapshot. */
  file: string;
  /** Byte offset where the damage was found. */
  offset: number;
  /** What is wrong, e.g. `"checksum mismatch"`. */
  reason: string;
}

/**
 * A snapshot file fails its checks. {@linkcode SnapStore.loadNewest} renames
 * such a file `.broken` and falls back to an older snapshot;
 * {@linkcode SnapStore.load} and readers throw this error.
 *
 * @example
 * ```ts
 * import { SnapshotCorruptError } from "./errors.ts";
 * const e = new SnapshotCorruptError({ file: "a.snap", offset: 32, reason: "checksum mismatch" });
 * e.message; // 'Cannot read snapshot "a.snap": checksum mismatch at offset 32'
 * ```
 */
export class SnapshotCorruptError extends Error {
  /** Always `"SnapshotCorruptError"`. */
  override readonly name = "SnapshotCorruptError";
  /** File name of the snapshot. */
  readonly file: string;
  /** Byte offset of the damage. */
  readonly offset: number;
  /** What is wrong. */
  readonly reason: string;

  /** Creates the error. */
  constructor(options: SnapshotCorruptErrorOptions) {
    super(
      `Cannot read snapshot "${options.file}": ${options.reason} at offset ${options.offset}`,
      options,
    );
    this.file = options.file;
    this.offset = options.offset;
    this.reason = options.reason;
  }
}

/**
 * No snapshot with the requested name exists.
 *
 * @example
 * ```ts
 * import { SnapshotNotFoundError } from "./errors.ts";
 * new SnapshotNotFoundError("a.snap").file; // "a.snap"
 * ```
 */
export class SnapshotNotFoundError extends Error {
  /** Always `"SnapshotNotFoundError"`. */
  override readonly name = "SnapshotNotFoundError";
  /** The missing file name. */
  readonly file: string;

  /** Creates the error. */
  constructor(file: string, options: ErrorOptions = {}) {
    super(`Snapshot "${file}" not found`, options);
    this.file = file;
  }
}
