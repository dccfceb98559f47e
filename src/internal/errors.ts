/**
 * Options of {@linkcode FsError}.
 *
 * @example
 * ```ts
 * import { type FsErrorOptions } from "./errors.ts";
 * const options: FsErrorOptions = { op: "write", path: "/d/a" };
 * ```
 */
export interface FsErrorOptions extends ErrorOptions {
  /** The failing operation, e.g. `"write"` or `"datasync"`. */
  op: string;
  /** The path involved. */
  path: string;
}

/**
 * An I/O error raised by the simulated file system, with an errno-style
 * `code` (`ENOENT`, `EEXIST`, `EIO`, `ENOSPC`, `EBADF`, `EISDIR`, `ENOTDIR`).
 *
 * @example
 * ```ts
 * import { FsError } from "./errors.ts";
 * const e = new FsError("EIO", { op: "datasync", path: "/d/a.wal" });
 * e.message; // 'EIO: datasync "/d/a.wal"'
 * ```
 */
export class FsError extends Error {
  /** Always `"FsError"`. */
  override readonly name = "FsError";
  /** errno-style code. */
  readonly code: string;
  /** The failing operation. */
  readonly op: string;
  /** The path involved. */
  readonly path: string;

  /** Creates the error. */
  constructor(code: string, options: FsErrorOptions) {
    super(`${code}: ${options.op} "${options.path}"`, options);
    this.code = code;
    this.op = options.op;
    this.path = options.path;
  }
}
