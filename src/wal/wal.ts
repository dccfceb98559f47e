import {
  ByteWriter,
  type FileSystem,
  type FsFile,
  joinPath,
} from "../internal/mod.ts";
import {
  beginFrame,
  finishFrame,
  putEntry,
  putHardState,
  putSegmentHeader,
  putSnapshot,
  segmentName,
  stampFrame,
  toSafe,
} from "./_format.ts";
import type { ReplayState, SegmentInfo } from "./_replay.ts";
import { WalClosedError, WalFailedError } from "./errors.ts";
import type {
  WalEntryInput,
  WalHardStateInput,
  WalSnapshotMarkerInput,
} from "./types.ts";

interface Prepared {
  file: FsFile;
  path: string;
}

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** Bytes of zeros written per call when filling a segment. */
export const ZERO_CHUNK = 1 << 20;
/** Bytes of zeros between fdatasyncs when filling a segment. */
const ZERO_SYNC_EVERY = 4 << 20;
const frameView = (b: Uint8Array) =>
  new DataView(b.buffer, b.byteOffset, b.byteLength);
const hex16 = (n: number) => n.toString(16).padStart(16, "0");

/**
 * A segmented, append-only write-ahead log of opaque entries, hard states
 * and snapshot markers (see proto/WAL.md). Get one from
 * {@linkcode openWal}.
 *
 * Saves are group-committed: each `save()` is encoded at once; whatever
 * accumulated while the previous fsync ran goes out as one frame with one
 * write and one `fdatasync`. After any I/O error the WAL fails stop.
 *
 * @example
 * ```ts
 * import { openWal } from "./open_wal.ts";
 * const dir = await Deno.makeTempDir();
 * await using opened = await openWal(dir, { preallocate: false }).then((r) => r.wal);
 * await opened.saveSnapshot({ index: 10, term: 2 });
 * await opened.save(undefined, [{ term: 2, index: 11, type: 0, data: new Uint8Array() }]);
 * ```
 */
export class Wal implements AsyncDisposable {
  readonly #fs: FileSystem;
  readonly #dir: string;
  readonly #segmentSize: number;
  readonly #preallocate: boolean;
  #segments: SegmentInfo[] = [];
  #active: FsFile | undefined;
  #offset = 0;
  #firstEnd = 0;

  // Accepted state: what save() calls so far (flushed or not) add up to.
  #lastIndex = 0;
  #snapIndex = 0;
  // State as of the last flushed frame, copied into each new segment's
  // first frame so older segments can be deleted.
  #durableHs: WalHardStateInput | undefined;
  #durableSnap: WalSnapshotMarkerInput | undefined;
  #durableLastIndex = 0;

  #pending = new ByteWriter({ initialCapacity: 1 << 16 });
  #spare = new ByteWriter({ initialCapacity: 1 << 16 });
  #waiters: Waiter[] = [];
  #pendingHs: WalHardStateInput | undefined;
  #pendingSnap: WalSnapshotMarkerInput | undefined;
  #flushing: Promise<void> | undefined;

  #prepared: Promise<Prepared> | undefined;
  #failed: unknown;
  #closed = false;

  /** @internal Use {@linkcode openWal}. */
  constructor(
    fs: FileSystem,
    dir: string,
    segmentSize: number,
    preallocate: boolean,
  ) {
    this.#fs = fs;
    this.#dir = dir;
    this.#segmentSize = segmentSize;
    this.#preallocate = preallocate;
  }

  /** Index of the last entry accepted (or of the newest snapshot marker). */
  get lastIndex(): number {
    return this.#lastIndex;
  }

  /** File names of the live segments, oldest first. */
  get segments(): string[] {
    return this.#segments.map((s) => s.name);
  }

  /** @internal Starts a new WAL with its first segment. */
  async _create(): Promise<void> {
    await this.#install(await this.#prepare(0), 0, 1, undefined);
  }

  /** @internal Continues an existing WAL after replay. */
  async _resume(
    segments: SegmentInfo[],
    end: number,
    firstEnd: number,
    st: ReplayState,
  ): Promise<void> {
    const last = segments[segments.length - 1];
    this.#segments = segments;
    this.#active = await this.#fs.open(joinPath(this.#dir, last.name));
    // What replay read may still sit unsynced in the page cache (a write
    // whose fsync failed before a restart). Make it durable before anyone
    // acts on it; older segments were synced before the cut.
    try {
      await this.#active.datasync();
      await this.#fs.syncDir(this.#dir);
    } catch (err) {
      this.#active.close();
      throw err;
    }
    this.#offset = end;
    this.#firstEnd = firstEnd;
    this.#lastIndex = this.#durableLastIndex = st.lastIndex;
    this.#snapIndex = st.snapIndex;
    this.#durableHs = st.hardState;
    this.#durableSnap = st.snapshot;
    this.#startPrepare(last.seq + 1);
  }

  #check(): void {
    if (this.#closed) throw new WalClosedError();
    if (this.#failed !== undefined) {
      throw new WalFailedError({ cause: this.#failed });
    }
  }

  /**
   * Appends a hard state and entries; resolves once they are durable.
   *
   * Entries must be contiguous. The first may repeat an index up to the
   * last one (a conflicting suffix from a new leader): on replay the later
   * entry wins and everything after it is dropped. It may not be at or
   * below the newest snapshot marker.
   *
   * @param hardState The new hard state, or `undefined` if unchanged.
   * @param entries Entries to append, in index order.
   * @throws {RangeError} for an index out of sequence or a bad value.
   * @throws {WalFailedError} after an I/O error (now or earlier).
   */
  save(
    hardState: WalHardStateInput | undefined | null,
    entries: readonly WalEntryInput[] = [],
  ): Promise<void> {
    try {
      this.#check();
      if (!hardState && entries.length === 0) return Promise.resolve();
      if (hardState) {
        toSafe(hardState.term, "hard state term");
        toSafe(hardState.vote, "hard state vote");
        toSafe(hardState.commit, "hard state commit");
      }
      const w = this.#pending;
      const fresh = w.length === 0;
      if (fresh) beginFrame(w);
      const mark = w.length;
      let prev = -1;
      try {
        if (hardState) putHardState(w, hardState);
        // Check and encode in one pass; a bad entry rolls the frame back.
        for (const e of entries) {
          const index = toSafe(e.index, "entry index");
          const term = toSafe(e.term, "entry term");
          if (!Number.isInteger(e.type) || e.type < 0 || e.type > 255) {
            throw new RangeError(`Invalid entry type: ${e.type}`);
          }
          if (!(e.data instanceof Uint8Array)) {
            throw new TypeError("Entry data must be a Uint8Array");
          }
          if (prev < 0) {
            if (index <= this.#snapIndex || index > this.#lastIndex + 1) {
              throw new RangeError(
                `Cannot append entry ${index}: last index is ${this.#lastIndex}, snapshot ${this.#snapIndex}`,
              );
            }
          } else if (index !== prev + 1) {
            throw new RangeError(
              `Entries are not contiguous: ${index} after ${prev}`,
            );
          }
          putEntry(w, term, index, e.type, e.data);
          prev = index;
        }
      } catch (err) {
        w.truncate(fresh ? 0 : mark);
        throw err;
      }
      if (hardState) this.#pendingHs = hardState;
      if (prev >= 0) this.#lastIndex = prev;
      return this.#enqueue();
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /**
   * Records that a snapshot up to `marker.index` is durable; resolves once
   * the marker is. Write the snapshot file first. Markers never go back.
   *
   * @throws {RangeError} if the marker is older than the newest one.
   */
  saveSnapshot(marker: WalSnapshotMarkerInput): Promise<void> {
    try {
      this.#check();
      const index = toSafe(marker.index, "snapshot index");
      toSafe(marker.term, "snapshot term");
      if (index < this.#snapIndex) {
        throw new RangeError(
          `Snapshot ${index} is older than snapshot ${this.#snapIndex}`,
        );
      }
      const w = this.#pending;
      if (w.length === 0) beginFrame(w);
      putSnapshot(w, marker);
      this.#pendingSnap = marker;
      this.#snapIndex = index;
      if (index > this.#lastIndex) this.#lastIndex = index;
      return this.#enqueue();
    } catch (err) {
      return Promise.reject(err);
    }
  }

  #enqueue(): Promise<void> {
    const { promise, resolve, reject } = Promise.withResolvers<void>();
    this.#waiters.push({ resolve, reject });
    if (this.#flushing === undefined) this.#flushing = this.#flushLoop();
    return promise;
  }

  async #flushLoop(): Promise<void> {
    try {
      while (this.#pending.length > 0) {
        const w = this.#pending;
        const waiters = this.#waiters;
        const hs = this.#pendingHs;
        const snap = this.#pendingSnap;
        const lastIndex = this.#lastIndex;
        this.#pending = this.#spare;
        this.#waiters = [];
        this.#pendingHs = this.#pendingSnap = undefined;
        finishFrame(w, 0);
        try {
          await this.#writeFrame(w.bytes());
        } catch (err) {
          this.#failed = err;
          const e = new WalFailedError({ cause: err });
          for (const x of [...waiters, ...this.#waiters]) x.reject(e);
          this.#waiters = [];
          this.#pending.reset();
          return;
        }
        if (hs) this.#durableHs = hs;
        if (snap) this.#durableSnap = snap;
        this.#durableLastIndex = lastIndex;
        this.#spare = w.reset();
        for (const x of waiters) x.resolve();
      }
    } finally {
      this.#flushing = undefined;
    }
  }

  async #writeFrame(frame: Uint8Array): Promise<void> {
    if (
      this.#offset + frame.length > this.#segmentSize &&
      this.#offset > this.#firstEnd
    ) {
      const seq = this.#segments[this.#segments.length - 1].seq + 1;
      const prepared = await this.#takePrepared(seq);
      await this.#install(prepared, seq, this.#durableLastIndex + 1, frame);
      return;
    }
    const f = this.#active!;
    stampFrame(frame, frameView(frame), 0, this.#offset);
    await f.writeAt(frame, this.#offset);
    await f.datasync();
    this.#offset += frame.length;
  }

  /**
   * Makes a prepared file the active segment: writes its first frame
   * (segment header and the current state) and `frame`, fsyncs, and only
   * then gives it its name, so a named segment always has a durable header.
   */
  async #install(
    prepared: Prepared,
    seq: number,
    firstIndex: number,
    frame: Uint8Array | undefined,
  ): Promise<void> {
    const w = new ByteWriter({ initialCapacity: 128 + (frame?.length ?? 0) });
    beginFrame(w);
    putSegmentHeader(w, seq, firstIndex);
    if (this.#durableHs) putHardState(w, this.#durableHs);
    if (this.#durableSnap) putSnapshot(w, this.#durableSnap);
    finishFrame(w, 0);
    stampFrame(w.bytes(), w.view, 0, 0);
    const firstEnd = w.length;
    if (frame) {
      stampFrame(frame, frameView(frame), 0, firstEnd);
      w.raw(frame);
    }
    await prepared.file.writeAt(w.bytes(), 0);
    await prepared.file.datasync();
    const name = segmentName(seq, firstIndex);
    await this.#fs.rename(prepared.path, joinPath(this.#dir, name));
    await this.#fs.syncDir(this.#dir);
    this.#active?.close();
    this.#active = prepared.file;
    this.#offset = w.length;
    this.#firstEnd = firstEnd;
    this.#segments.push({ seq, firstIndex, name });
    this.#startPrepare(seq + 1);
  }

  async #prepare(seq: number): Promise<Prepared> {
    const path = joinPath(this.#dir, `${hex16(seq)}.wal.tmp`);
    const file = await this.#fs.open(path, { create: true, truncate: true });
    try {
      if (this.#preallocate) {
        // A sync every few MiB keeps little of this background work queued
        // at the disk, so a save's fdatasync never waits behind the whole
        // segment's zeros (one sync at the end stalled saves ~80 ms).
        const zeros = new Uint8Array(Math.min(ZERO_CHUNK, this.#segmentSize));
        let unsynced = 0;
        for (let off = 0; off < this.#segmentSize; off += zeros.length) {
          const n = Math.min(zeros.length, this.#segmentSize - off);
          await file.writeAt(zeros.subarray(0, n), off);
          unsynced += n;
          if (unsynced >= ZERO_SYNC_EVERY || off + n >= this.#segmentSize) {
            await file.datasync();
            unsynced = 0;
          }
        }
      }
    } catch (err) {
      file.close();
      throw err;
    }
    return { file, path };
  }

  #startPrepare(seq: number): void {
    const p = this.#prepare(seq);
    // Failures surface when the segment is needed (#takePrepared).
    p.catch(() => {});
    this.#prepared = p;
    this.#preparedSeq = seq;
  }

  #preparedSeq = -1;

  async #takePrepared(seq: number): Promise<Prepared> {
    const p = this.#prepared;
    this.#prepared = undefined;
    if (p === undefined || this.#preparedSeq !== seq) {
      if (p) (await p.catch(() => undefined))?.file.close();
      return this.#prepare(seq);
    }
    return await p;
  }

  /**
   * Deletes whole segments whose entries all precede a durable snapshot:
   * those whose successor starts at or below `min(index, newest durable
   * snapshot marker) + 1`. The active segment is never deleted.
   *
   * @returns The names of the deleted segments.
   */
  async releaseTo(index: bigint | number): Promise<string[]> {
    if (this.#closed) throw new WalClosedError();
    const durable = this.#durableSnap ? toSafe(this.#durableSnap.index, "") : 0;
    const limit = Math.min(toSafe(index, "release index"), durable);
    let k = 0;
    while (
      k + 1 < this.#segments.length &&
      this.#segments[k + 1].firstIndex - 1 <= limit
    ) k++;
    const doomed = this.#segments.slice(0, k);
    if (doomed.length === 0) return [];
    // Oldest first, so a failure part-way leaves a contiguous log.
    for (const s of doomed) {
      await this.#fs.remove(joinPath(this.#dir, s.name));
      this.#segments.shift();
    }
    await this.#fs.syncDir(this.#dir);
    return doomed.map((s) => s.name);
  }

  /**
   * Resolves when no save is in flight and the next segment is prepared:
   * background work that tests and benchmarks may want out of the way.
   * A failed preparation is not reported here (the next cut reports it).
   */
  async settled(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    await this.#prepared?.catch(() => {});
  }

  /** Waits for pending saves, then releases every file handle. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    while (this.#flushing) await this.#flushing;
    const p = this.#prepared;
    this.#prepared = undefined;
    if (p) (await p.catch(() => undefined))?.file.close();
    this.#active?.close();
    this.#active = undefined;
  }

  /** Same as {@linkcode Wal.close}. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
