import { DenoFileSystem, type FileSystem, joinPath } from "../internal/mod.ts";
import { parseSegmentName } from "./_format.ts";
import { replaySegment, ReplayState, type SegmentInfo } from "./_replay.ts";
import { WalCorruptError } from "./errors.ts";
import type { WalEntry, WalHardState, WalSnapshotMarker } from "./types.ts";
import { Wal, ZERO_CHUNK } from "./wal.ts";

/**
 * Options of {@linkcode openWal}.
 *
 * @example
 * ```ts
 * import { type WalOptions } from "./open_wal.ts";
 * const options: WalOptions = { segmentSize: 4 * 1024 * 1024, preallocate: false };
 * ```
 */
export interface WalOptions {
  /** Where files live; the simulated disk in tests. @default {new DenoFileSystem()} */
  fs?: FileSystem;
  /**
   * Size at which a new segment is started (a multiple of 4096). A single
   * save larger than this still goes into one segment, which then grows.
   * @default {67108864} (64 MiB)
   */
  segmentSize?: number;
  /**
   * Zero-fill each segment to `segmentSize` and fsync it before use, in the
   * background, so appends overwrite allocated blocks and `fdatasync` has
   * no metadata to flush.
   * @default {true}
   */
  preallocate?: boolean;
}

/**
 * What {@linkcode openWal} found on disk.
 *
 * @example
 * ```ts
 * import { openWal, type WalOpenResult } from "./open_wal.ts";
 * const { wal, hardState, entries, snapshot, repaired }: WalOpenResult = await openWal(await Deno.makeTempDir());
 * await wal.close();
 * ```
 */
export interface WalOpenResult {
  /** The WAL, ready for appends. */
  wal: Wal;
  /** The newest hard state (zeros for a new WAL). */
  hardState: WalHardState;
  /** The entries after the newest snapshot marker, in index order. */
  entries: WalEntry[];
  /** The newest snapshot marker, if any. */
  snapshot: WalSnapshotMarker | undefined;
  /** Set when a torn tail was cut off: the segment and the offset it was cut at. */
  repaired: { segment: string; offset: number } | undefined;
}

/**
 * Opens (or creates) the write-ahead log in `dir`: reads every segment,
 * repairs a torn tail in the last one (keeping a `.broken` copy), and
 * replays the records.
 *
 * @param dir The WAL directory, e.g. `<data>/raft/wal`.
 * @param options See {@linkcode WalOptions}.
 * @returns The WAL and the state it holds.
 * @throws {WalCorruptError} if acknowledged data is damaged.
 *
 * @example
 * ```ts
 * import { openWal } from "./open_wal.ts";
 * const dir = await Deno.makeTempDir();
 * const { wal, entries } = await openWal(dir, { preallocate: false });
 * await wal.save({ term: 1, vote: 1, commit: 0 }, [
 *   { term: 1, index: 1, type: 0, data: new Uint8Array([42]) },
 * ]);
 * await wal.close();
 * ```
 */
export async function openWal(
  dir: string,
  options: WalOptions = {},
): Promise<WalOpenResult> {
  const fs = options.fs ?? new DenoFileSystem();
  const segmentSize = options.segmentSize ?? 64 * 1024 * 1024;
  if (!Number.isSafeInteger(segmentSize) || segmentSize % 4096 !== 0) {
    throw new RangeError(`segmentSize must be a multiple of 4096`);
  }
  const preallocate = options.preallocate ?? true;
  await fs.mkdir(dir);
  const names = await fs.readDir(dir);
  let removed = false;
  for (const n of names) {
    // Prepared or half-cut segments: never acknowledged, never named.
    if (n.endsWith(".wal.tmp")) {
      await fs.remove(joinPath(dir, n));
      removed = true;
    }
  }
  if (removed) await fs.syncDir(dir);
  const segments: SegmentInfo[] = [];
  for (const name of names) {
    const p = parseSegmentName(name);
    if (p) segments.push({ ...p, name });
  }
  segments.sort((a, b) => a.seq - b.seq);
  for (let i = 1; i < segments.length; i++) {
    if (segments[i].seq !== segments[i - 1].seq + 1) {
      throw new WalCorruptError({
        segment: segments[i].name,
        offset: 0,
        reason: `segment ${segments[i - 1].seq + 1} is missing before it`,
      });
    }
  }

  const wal = new Wal(fs, dir, segmentSize, preallocate);
  const st = new ReplayState();
  let repaired: WalOpenResult["repaired"];
  if (segments.length === 0) {
    await wal._create();
  } else {
    let scan = { end: 0, firstEnd: 0, torn: false };
    let buf: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < segments.length; i++) {
      buf = await fs.readFile(joinPath(dir, segments[i].name));
      scan = replaySegment(segments[i], buf, st, i === segments.length - 1);
    }
    const last = segments[segments.length - 1];
    if (scan.torn) {
      await repairTail(fs, dir, last.name, buf, scan.end, preallocate);
      repaired = { segment: last.name, offset: scan.end };
    }
    const ents = st.entries;
    if (ents.length > 0 && ents[0].index !== st.snapIndex + 1) {
      throw new WalCorruptError({
        segment: segments[0].name,
        offset: 0,
        reason: `log starts at index ${
          ents[0].index
        } after snapshot ${st.snapIndex}`,
      });
    }
    await wal._resume(segments, scan.end, scan.firstEnd, st);
  }
  return {
    wal,
    hardState: st.hardState,
    entries: st.entries,
    snapshot: st.snapshot,
    repaired,
  };
}

async function repairTail(
  fs: FileSystem,
  dir: string,
  name: string,
  buf: Uint8Array,
  end: number,
  preallocate: boolean,
): Promise<void> {
  const names = new Set(await fs.readDir(dir));
  let copy = `${name}.broken`;
  for (let i = 1; names.has(copy); i++) copy = `${name}.${i}.broken`;
  {
    using f = await fs.open(joinPath(dir, copy), {
      create: true,
      truncate: true,
    });
    await f.writeAt(buf, 0);
    await f.datasync();
  }
  await fs.syncDir(dir);
  using seg = await fs.open(joinPath(dir, name));
  if (preallocate) {
    // Zeros end the log just as the end of the file does, and keep the
    // blocks allocated so later fdatasyncs stay metadata-free.
    const zeros = new Uint8Array(Math.min(ZERO_CHUNK, buf.length - end));
    for (let off = end; off < buf.length; off += zeros.length) {
      await seg.writeAt(
        zeros.subarray(0, Math.min(zeros.length, buf.length - off)),
        off,
      );
    }
  } else {
    await seg.truncate(end);
  }
  await seg.datasync();
}
