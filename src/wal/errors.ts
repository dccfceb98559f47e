/**
 * Options of {@linkcode WalCorruptError}.
 *
 * @example
 * ```ts
 * import { type WalCorruptErrorOptions } from "./errors.ts";
 * const o: WalCorruptErrorOptions = { segment: "a.wal", offset: 16, reason: "CRC mismatch" };
 * ```
 */
export interface WalCorruptErrorOptions extends ErrorOptions {
  /** File name of the segment, e.g. `0000000000000000-0000000000000001.wal`. */
  segment: string;
  /** Byte offset of the bad frame in that segment. */
  offset: number;
  /** What is wrong, e.g. `"CRC mismatch"`. */
  reason: string;
}

/**
 * Acknowledged log data is damaged: a frame before the tail fails its
 * checksum, or the records break the log's invariants. The WAL refuses to
 * open rather than silently drop data; an operator must restore the node
 * (e.g. from a snapshot and the cluster).
 *
 * @example
 * ```ts
 * import { WalCorruptError } from "./errors.ts";
 * const e = new WalCorruptError({ segment: "a.wal", offset: 4096, reason: "CRC mismatch" });
 * e.message; // 'Cannot open segment "a.wal": CRC mismatch at offset 4096'
 * ```
 */
export class WalCorruptError extends Error {
  /** Always `"WalCorruptError"`. */
  override readonly name = "WalCorruptError";
  /** File name of the damaged segment. */
  readonly segment: string;
  /** Byte offset of the damaged frame. */
  readonly offset: number;
  /** What is wrong. */
  readonly reason: string;

  /** Creates the error. */
  constructor(options: WalCorruptErrorOptions) {
    super(
      `Cannot open segment "${options.segment}": ${options.reason} at offset ${options.offset}`,
      options,
    );
    this.segment = options.segment;
    this.offset = options.offset;
    this.reason = options.reason;
  }
}

/**
 * The WAL stopped accepting writes after a write, fsync or file operation
 * failed (fail-stop): after a failed fsync the kernel may have dropped the
 * dirty pages, so retrying could report durable data that is not. Reopen the
 * WAL (which repairs the tail) to go on. `cause` is the first I/O error.
 *
 * @example
 * ```ts
 * import { WalFailedError } from "./errors.ts";
 * const e = new WalFailedError({ cause: new Error("EIO") });
 * e.name; // "WalFailedError"
 * ```
 */
export class WalFailedError extends Error {
  /** Always `"WalFailedError"`. */
  override readonly name = "WalFailedError";

  /** Creates the error. */
  constructor(options: ErrorOptions = {}) {
    super("WAL refuses writes after an I/O error; reopen it", options);
  }
}

/**
 * The WAL was closed; no further calls are accepted.
 *
 * @example
 * ```ts
 * import { WalClosedError } from "./errors.ts";
 * new WalClosedError().message; // "WAL is closed"
 * ```
 */
export class WalClosedError extends Error {
  /** Always `"WalClosedError"`. */
  override readonly name = "WalClosedError";

  /** Creates the error. */
  constructor(options: ErrorOptions = {}) {
    super("WAL is closed", options);
  }
}
