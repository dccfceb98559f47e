import {
  ByteWriter,
  crc32,
  DenoFileSystem,
  type FileSystem,
  type FsFile,
  isNotFound,
  joinPath,
} from "../internal/mod.ts";
import { encodeHeader, MAX_CHUNK, parseSnapName, snapName } from "./_format.ts";
import { SnapshotCorruptError, SnapshotNotFoundError } from "./errors.ts";
import { SnapshotReader } from "./snapshot_reader.ts";

/**
 * Options of {@linkcode openSnapStore}.
 *
 * @example
 * ```ts
 * import { type SnapStoreOptions } from "./snap_store.ts";
 * const options: SnapStoreOptions = { keep: 2 };
 * ```
 */
export interface SnapStoreOptions {
  /** Where files live; the simulated disk in tests. @default {new DenoFileSystem()} */
  fs?: FileSystem;
  /** How many snapshots to keep; older ones are deleted after a save. @default {3} */
  keep?: number;
}

/**
 * What a snapshot is of.
 *
 * @example
 * ```ts
 * import { type SnapshotMeta } from "./snap_store.ts";
 * const meta: SnapshotMeta = { term: 3, index: 120, meta: new Uint8Array([1]) };
 * ```
 */
export interface SnapshotMeta {
  /** Term of the last entry the snapshot covers. */
  term: bigint | number;
  /** Index of the last entry the snapshot covers. */
  index: bigint | number;
  /** Opaque bytes stored in the header, e.g. the encoded membership. @default {empty} */
  meta?: Uint8Array;
}

/**
 * A snapshot file on disk.
 *
 * @example
 * ```ts
 * import { type SnapshotInfo } from "./snap_store.ts";
 * const info: SnapshotInfo = { name: "0000000000000003-0000000000000078.snap", term: 3, index: 120 };
 * ```
 */
export interface SnapshotInfo {
  /** File name. */
  name: string;
  /** Raft term. */
  term: number;
  /** Raft log index. */
  index: number;
}

const BUFFER = 1 << 20;

function safe(v: bigint | number, what: string): number {
  const n = typeof v === "bigint" ? Number(v) : v;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`Invalid ${what}: ${v}`);
  }
  return n;
}

/**
 * Opens the snapshot directory (e.g. `<data>/raft/snap`), creating it if
 * needed and deleting temp files of interrupted saves.
 *
 * @example
 * ```ts
 * import { openSnapStore } from "./snap_store.ts";
 * const dir = await Deno.makeTempDir();
 * const snaps = await openSnapStore(dir);
 * await snaps.save({ term: 1, index: 10 }, [new Uint8Array([1, 2, 3])]);
 * await using reader = await snaps.loadNewest();
 * for await (const chunk of reader!.chunks()) console.log(chunk.length);
 * ```
 */
export async function openSnapStore(
  dir: string,
  options: SnapStoreOptions = {},
): Promise<SnapStore> {
  const fs = options.fs ?? new DenoFileSystem();
  const keep = options.keep ?? 3;
  if (!Number.isInteger(keep) || keep < 1) {
    throw new RangeError(`keep must be at least 1, got ${keep}`);
  }
  await fs.mkdir(dir);
  let removed = false;
  for (const name of await fs.readDir(dir)) {
    if (name.endsWith(".snap.tmp")) {
      await fs.remove(joinPath(dir, name));
      removed = true;
    }
  }
  if (removed) await fs.syncDir(dir);
  return new SnapStore(fs, dir, keep);
}

/**
 * Snapshot files named `%016x-%016x.snap` (term, index). Each is written as
 * a temp file, fsynced, renamed and its directory fsynced; it carries a
 * CRC-32 over the whole file, and is written and read as a stream of
 * chunks so a large snapshot never sits in memory twice.
 *
 * File layout (little-endian): `"REEFSNAP"`, u32 version (1), u32 meta
 * length M, u64 term, u64 index, M meta bytes; then chunks as u32 length
 * (> 0) and data; then u32 0, u64 total data bytes, u32 CRC of every byte
 * before it.
 *
 * @example
 * ```ts
 * import { openSnapStore } from "./snap_store.ts";
 * const snaps = await openSnapStore(await Deno.makeTempDir(), { keep: 2 });
 * const info = await snaps.save({ term: 2, index: 7 }, (async function* () {
 *   yield new TextEncoder().encode("state");
 * })());
 * info.name; // "0000000000000002-0000000000000007.snap"
 * ```
 */
export class SnapStore {
  readonly #fs: FileSystem;
  readonly #dir: string;
  readonly #keep: number;

  /** @internal Use {@linkcode openSnapStore}. */
  constructor(fs: FileSystem, dir: string, keep: number) {
    this.#fs = fs;
    this.#dir = dir;
    this.#keep = keep;
  }

  /** Snapshots on disk, newest (highest index, then term) first. */
  async list(): Promise<SnapshotInfo[]> {
    const out: SnapshotInfo[] = [];
    for (const name of await this.#fs.readDir(this.#dir)) {
      const p = parseSnapName(name);
      if (p) out.push({ name, ...p });
    }
    return out.sort((a, b) => b.index - a.index || b.term - a.term);
  }

  /**
   * Writes a snapshot from a stream of chunks; resolves once it is durable
   * under its final name. Then deletes all but the newest `keep`.
   *
   * @param meta Term, index and optional opaque metadata.
   * @param chunks The snapshot data; chunks are written as they come.
   * @returns The new file.
   */
  async save(
    meta: SnapshotMeta,
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  ): Promise<SnapshotInfo> {
    const term = safe(meta.term, "snapshot term");
    const index = safe(meta.index, "snapshot index");
    const name = snapName(term, index);
    const tmp = joinPath(this.#dir, `${name}.tmp`);
    const file = await this.#fs.open(tmp, { create: true, truncate: true });
    try {
      const header = encodeHeader({
        term,
        index,
        meta: meta.meta ?? new Uint8Array(),
      });
      let crc = crc32(header);
      let pos = header.length;
      await file.writeAt(header, 0);
      const buf = new ByteWriter({ initialCapacity: BUFFER + 64 });
      let total = 0;
      const flush = async () => {
        if (buf.length === 0) return;
        const bytes = buf.bytes();
        crc = crc32(bytes, crc);
        await file.writeAt(bytes, pos);
        pos += bytes.length;
        buf.reset();
      };
      for await (const chunk of chunks) {
        if (chunk.length === 0) continue;
        if (chunk.length > MAX_CHUNK) {
          throw new RangeError(`Snapshot chunk too large: ${chunk.length}`);
        }
        total += chunk.length;
        buf.u32(chunk.length);
        if (chunk.length >= BUFFER) {
          await flush();
          crc = crc32(chunk, crc);
          await file.writeAt(chunk, pos);
          pos += chunk.length;
        } else {
          buf.raw(chunk);
          if (buf.length >= BUFFER) await flush();
        }
      }
      buf.u32(0).u64(total);
      await flush();
      const trailer = new ByteWriter().u32(crc).bytes();
      await file.writeAt(trailer, pos);
      await file.datasync();
    } catch (err) {
      file.close();
      await this.#fs.remove(tmp).catch(() => {});
      throw err;
    }
    file.close();
    await this.#fs.rename(tmp, joinPath(this.#dir, name));
    await this.#fs.syncDir(this.#dir);
    await this.#prune();
    return { name, term, index };
  }

  async #prune(): Promise<void> {
    const all = await this.list();
    const old = all.slice(this.#keep);
    for (const s of old) await this.#fs.remove(joinPath(this.#dir, s.name));
    if (old.length > 0) await this.#fs.syncDir(this.#dir);
  }

  /**
   * Opens one snapshot after checking its whole-file CRC.
   *
   * @throws {SnapshotNotFoundError} if there is no such file.
   * @throws {SnapshotCorruptError} if it fails its checks.
   */
  async load(name: string): Promise<SnapshotReader> {
    let file: FsFile;
    try {
      file = await this.#fs.open(joinPath(this.#dir, name));
    } catch (err) {
      if (isNotFound(err)) {
        throw new SnapshotNotFoundError(name, { cause: err });
      }
      throw err;
    }
    try {
      const reader = await SnapshotReader._open(file, name);
      await reader.verify();
      return reader;
    } catch (err) {
      file.close();
      throw err;
    }
  }

  /**
   * Opens the newest snapshot that passes its checks. A corrupt one is
   * renamed `<name>.broken` (and the directory fsynced) and the next older
   * one is tried.
   *
   * @returns A reader, or `undefined` if no valid snapshot exists.
   */
  async loadNewest(): Promise<SnapshotReader | undefined> {
    for (const s of await this.list()) {
      try {
        return await this.load(s.name);
      } catch (err) {
        if (!(err instanceof SnapshotCorruptError)) throw err;
        await this.#fs.rename(
          joinPath(this.#dir, s.name),
          joinPath(this.#dir, `${s.name}.broken`),
        );
        await this.#fs.syncDir(this.#dir);
      }
    }
    return undefined;
  }
}
