/**
 * The whole log as raft sees it: the stable part in {@linkcode Storage}
 * plus the {@linkcode Unstable} tail, with the commit and apply indexes.
 *
 * @module
 */
import {
  CompactedError,
  RaftInvariantError,
  UnavailableError,
} from "./errors.ts";
import type { Storage } from "./storage.ts";
import { type Entry, limitSize, type Snapshot } from "./types.ts";
import { Unstable } from "./unstable.ts";

/**
 * The raft log.
 *
 * @example
 * ```ts
 * import { MemoryStorage } from "./memory_storage.ts";
 * const log = new RaftLog(new MemoryStorage(), { maxApplyingBytes: 1 << 20 });
 * log.lastIndex(); // 0
 * ```
 */
export class RaftLog {
  readonly storage: Storage;
  readonly unstable: Unstable;
  /** Highest index known to be stored on a quorum. */
  committed: number;
  /** Highest index the driver has applied. */
  applied: number;
  readonly maxApplyingBytes: number;

  constructor(storage: Storage, options: { maxApplyingBytes: number }) {
    this.storage = storage;
    const first = storage.firstIndex();
    const last = storage.lastIndex();
    this.unstable = new Unstable(last + 1);
    this.committed = first - 1;
    this.applied = first - 1;
    this.maxApplyingBytes = options.maxApplyingBytes;
  }

  /** First index present (in unstable snapshot or storage). */
  firstIndex(): number {
    return this.unstable.maybeFirstIndex() ?? this.storage.firstIndex();
  }

  /** Last index present. */
  lastIndex(): number {
    return this.unstable.maybeLastIndex() ?? this.storage.lastIndex();
  }

  /** Term of the last entry. */
  lastTerm(): number {
    return this.term(this.lastIndex());
  }

  /**
   * Term of entry `i`. Throws {@linkcode CompactedError} if compacted and
   * {@linkcode UnavailableError} if past the end.
   */
  term(i: number): number {
    const t = this.maybeTerm(i);
    if (t !== undefined) return t;
    const dummy = this.firstIndex() - 1;
    if (i < dummy) throw new CompactedError(i, dummy + 1);
    throw new UnavailableError(i, this.lastIndex());
  }

  /**
   * Term of entry `i`, or undefined when it is compacted or missing. The
   * hot paths use this: building an error (and its stack) per append was
   * a third of the leader's CPU.
   */
  maybeTerm(i: number): number | undefined {
    const u = this.unstable.maybeTerm(i);
    if (u !== undefined) return u;
    if (i < this.firstIndex() - 1 || i > this.lastIndex()) return undefined;
    return this.storage.term(i);
  }

  /** Term of entry `i`, or 0 when it is compacted or missing. */
  zeroTermOnOutOfBounds(i: number): number {
    return this.maybeTerm(i) ?? 0;
  }

  /** Whether entry `i` exists with term `t`. */
  matchTerm(i: number, t: number): boolean {
    return this.maybeTerm(i) === t;
  }

  /**
   * Appends entries after `(index, logTerm)` if that entry matches (the
   * log matching property, paper 5.3). Returns the new last index, or
   * undefined on a mismatch.
   */
  maybeAppend(
    index: number,
    logTerm: number,
    committed: number,
    ents: Entry[],
  ): number | undefined {
    if (!this.matchTerm(index, logTerm)) return undefined;
    const lastNew = index + ents.length;
    const ci = this.findConflict(ents);
    if (ci !== 0) {
      if (ci <= this.committed) {
        throw new RaftInvariantError(
          `entry ${ci} conflicts with committed entry [committed(${this.committed})]`,
        );
      }
      this.append(ents.slice(ci - (index + 1)));
    }
    this.commitTo(Math.min(committed, lastNew));
    return lastNew;
  }

  /** Appends entries to the unstable tail; returns the new last index. */
  append(ents: readonly Entry[]): number {
    if (ents.length === 0) return this.lastIndex();
    const after = ents[0].index - 1;
    if (after < this.committed) {
      throw new RaftInvariantError(
        `after(${after}) is out of range [committed(${this.committed})]`,
      );
    }
    this.unstable.truncateAndAppend(ents);
    return this.lastIndex();
  }

  /**
   * Index of the first entry in `ents` that is missing or has another
   * term locally; 0 if all are present.
   */
  findConflict(ents: readonly Entry[]): number {
    for (const e of ents) {
      if (!this.matchTerm(e.index, e.term)) return e.index;
    }
    return 0;
  }

  /**
   * The largest index `<= index` whose term is `<= term` (fast log
   * backtracking: one round trip per term instead of per entry).
   */
  findConflictByTerm(
    index: number,
    term: number,
  ): { index: number; term: number } {
    for (; index > 0; index--) {
      let t: number;
      try {
        t = this.term(index);
      } catch {
        return { index, term: 0 };
      }
      if (t <= term) return { index, term: t };
    }
    return { index: 0, term: 0 };
  }

  /** Unstable entries (what the next Ready persists). */
  unstableEntries(): Entry[] {
    return this.unstable.entries;
  }

  /** Whether committed entries are waiting to be applied. */
  hasNextCommittedEnts(): boolean {
    if (this.hasPendingSnapshot()) return false;
    const off = Math.max(this.applied + 1, this.firstIndex());
    return this.committed + 1 > off;
  }

  /** Committed entries not yet applied, up to `maxApplyingBytes`. */
  nextCommittedEnts(): Entry[] {
    if (this.hasPendingSnapshot()) return [];
    const off = Math.max(this.applied + 1, this.firstIndex());
    if (this.committed + 1 > off) {
      return this.slice(off, this.committed + 1, this.maxApplyingBytes);
    }
    return [];
  }

  /** Whether an unstable snapshot waits to be installed. */
  hasPendingSnapshot(): boolean {
    return this.unstable.snapshot !== undefined;
  }

  /** The snapshot to send or install: unstable one first, else storage's. */
  snapshot(): Snapshot {
    return this.unstable.snapshot ?? this.storage.snapshot();
  }

  /** Raises the commit index (never lowers it). */
  commitTo(toCommit: number): void {
    if (this.committed < toCommit) {
      if (this.lastIndex() < toCommit) {
        throw new RaftInvariantError(
          `tocommit(${toCommit}) is out of range [lastIndex(${this.lastIndex()})]`,
        );
      }
      this.committed = toCommit;
    }
  }

  /** Records that the driver applied up to `i`. */
  appliedTo(i: number): void {
    if (i === 0) return;
    if (this.committed < i || i < this.applied) {
      throw new RaftInvariantError(
        `applied(${i}) is out of range [prevApplied(${this.applied}), committed(${this.committed})]`,
      );
    }
    this.applied = i;
  }

  /** The driver made entries up to `(i, t)` durable. */
  stableTo(i: number, t: number): void {
    this.unstable.stableTo(i, t);
  }

  /** The driver made the snapshot at `i` durable. */
  stableSnapTo(i: number): void {
    this.unstable.stableSnapTo(i);
  }

  /**
   * Whether a log ending at `(lasti, term)` is at least as up to date as
   * ours (paper 5.4.1).
   */
  isUpToDate(lasti: number, term: number): boolean {
    const lt = this.lastTerm();
    return term > lt || (term === lt && lasti >= this.lastIndex());
  }

  /**
   * Commits `maxIndex` if its entry is of term `term`. The leader passes
   * its own term: entries of older terms are only committed indirectly
   * (paper 5.4.2, figure 8).
   */
  maybeCommit(maxIndex: number, term: number): boolean {
    if (
      maxIndex > this.committed && this.zeroTermOnOutOfBounds(maxIndex) === term
    ) {
      this.commitTo(maxIndex);
      return true;
    }
    return false;
  }

  /** Replaces the log with a snapshot. */
  restore(s: Snapshot): void {
    this.committed = s.metadata.index;
    this.unstable.restore(s);
  }

  /** Entries from `i` to the end, at most `maxBytes`. */
  entries(i: number, maxBytes: number): Entry[] {
    if (i > this.lastIndex()) return [];
    return this.slice(i, this.lastIndex() + 1, maxBytes);
  }

  /** Every entry (for tests). */
  allEntries(): Entry[] {
    return this.entries(this.firstIndex(), Infinity);
  }

  /** Entries in `[lo, hi)` at most `maxBytes` (at least one). */
  slice(lo: number, hi: number, maxBytes: number): Entry[] {
    this.#mustCheckOutOfBounds(lo, hi);
    if (lo === hi) return [];
    let ents: Entry[] = [];
    const uoff = this.unstable.offset;
    if (lo < uoff) {
      const stored = this.storage.entries(lo, Math.min(hi, uoff), maxBytes);
      // Storage returned fewer entries than asked: the size limit hit.
      if (stored.length < Math.min(hi, uoff) - lo) return stored;
      ents = stored;
    }
    if (hi > uoff) {
      const u = this.unstable.slice(Math.max(lo, uoff), hi);
      ents = ents.length > 0 ? ents.concat(u) : u;
    }
    return limitSize(ents, maxBytes);
  }

  #mustCheckOutOfBounds(lo: number, hi: number): void {
    if (lo > hi) throw new RaftInvariantError(`invalid slice ${lo} > ${hi}`);
    const fi = this.firstIndex();
    if (lo < fi) throw new CompactedError(lo, fi);
    const length = this.lastIndex() + 1 - fi;
    if (hi > fi + length) {
      throw new UnavailableError(hi - 1, this.lastIndex());
    }
  }
}
