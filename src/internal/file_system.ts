/**
 * The small file-system surface the WAL and snapshot code use, so a
 * simulated disk that loses unsynced data, tears writes and injects errors
 * can stand in for the real one.
 *
 * Paths are plain strings joined with `/`. All offsets and sizes are byte
 * counts that fit in a safe integer.
 *
 * @module
 */

/**
 * Options of {@linkcode FileSystem.open}.
 *
 * @example
 * ```ts
 * import { type OpenOptions } from "./file_system.ts";
 * const options: OpenOptions = { create: true, truncate: true };
 * ```
 */
export interface OpenOptions {
  /**
   * Create the file if it does not exist.
   * @default {false}
   */
  create?: boolean;
  /**
   * Fail if the file already exists (with `create`).
   * @default {false}
   */
  createNew?: boolean;
  /**
   * Truncate the file to zero bytes on open.
   * @default {false}
   */
  truncate?: boolean;
}

/**
 * An open file. Reads and writes take explicit positions (pread/pwrite
 * style) so no hidden cursor is shared between callers.
 *
 * @example
 * ```ts
 * import { DenoFileSystem } from "./deno_file_system.ts";
 * const dir = await Deno.makeTempDir();
 * const fs = new DenoFileSystem();
 * using f = await fs.open(`${dir}/a`, { create: true });
 * await f.writeAt(new Uint8Array([1, 2]), 0);
 * await f.datasync();
 * ```
 */
export interface FsFile extends Disposable {
  /** Reads up to `buf.length` bytes at `position`; returns bytes read (0 at end). */
  readAt(buf: Uint8Array, position: number): Promise<number>;
  /** Writes all of `data` at `position`, growing the file if needed. */
  writeAt(data: Uint8Array, position: number): Promise<void>;
  /** Writes all of `data` at the current end of the file. */
  append(data: Uint8Array): Promise<void>;
  /** The current size in bytes. */
  size(): Promise<number>;
  /** Cuts or extends (with zeros) the file to `length` bytes. */
  truncate(length: number): Promise<void>;
  /** Makes written data (and the size) durable: fdatasync. */
  datasync(): Promise<void>;
  /** Releases the handle. Unsynced data is not made durable by closing. */
  close(): void;
}

/**
 * File-system operations. Directory entries (create, rename, remove) are
 * durable only after {@linkcode FileSystem.syncDir} on their directory.
 *
 * @example
 * ```ts
 * import type { FileSystem } from "./file_system.ts";
 * async function exists(fs: FileSystem, dir: string, name: string) {
 *   return (await fs.readDir(dir)).includes(name);
 * }
 * ```
 */
export interface FileSystem {
  /** Opens a file for reading and writing. Throws `Deno.errors.NotFound`-like errors with `code: "ENOENT"`. */
  open(path: string, options?: OpenOptions): Promise<FsFile>;
  /** Reads a whole file. */
  readFile(path: string): Promise<Uint8Array>;
  /** Renames atomically, replacing `to` if it exists. */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file (not a directory). */
  remove(path: string): Promise<void>;
  /** Names (not paths) of the entries of a directory, sorted. */
  readDir(path: string): Promise<string[]>;
  /** Creates a directory and its parents; no error if it exists. */
  mkdir(path: string): Promise<void>;
  /** fsyncs a directory so entries created, renamed or removed in it are durable. */
  syncDir(path: string): Promise<void>;
}

/**
 * Whether an error thrown by a {@linkcode FileSystem} means "no such file".
 *
 * @example
 * ```ts
 * import { isNotFound } from "./file_system.ts";
 * isNotFound(new Deno.errors.NotFound("x")); // true
 * ```
 */
export function isNotFound(err: unknown): boolean {
  return err instanceof Deno.errors.NotFound ||
    (err instanceof Error && (err as { code?: unknown }).code === "ENOENT");
}

/**
 * Joins path parts with `/`.
 *
 * @example
 * ```ts
 * import { joinPath } from "./file_system.ts";
 * joinPath("/data", "raft", "wal"); // "/data/raft/wal"
 * ```
 */
export function joinPath(...parts: string[]): string {
  return parts.join("/").replace(/\/+/g, "/");
}

/**
 * The parent directory of a path.
 *
 * @example
 * ```ts
 * import { dirName } from "./file_system.ts";
 * dirName("/data/raft/wal/a.wal"); // "/data/raft/wal"
 * ```
 */
export function dirName(path: string): string {
  const i = path.lastIndexOf("/");
  if (i < 0) return ".";
  if (i === 0) return "/";
  return path.slice(0, i);
}
