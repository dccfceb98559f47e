/**
 * The part of the log not yet durable: entries (and maybe a snapshot) the
 * next Ready hands to the driver.
 *
 * @module
 */
import { RaftInvariantError } from "./errors.ts";
import type { Entry, Snapshot } from "./types.ts";

/**
 * Unstable log tail. `entries[i]` has index `offset + i`.
 *
 * @example
 * ```ts
 * const u = new Unstable(1);
 * u.truncateAndAppend([{ term: 1, index: 1, type: 0, data: new Uint8Array() }]);
 * u.maybeLastIndex(); // 1
 * ```
 */
export class Unstable {
  snapshot: Snapshot | undefined;
  entries: Entry[] = [];
  offset: number;

  constructor(offset: number) {
    this.offset = offset;
  }

  /** Index of the first entry if only a snapshot is unstable. */
  maybeFirstIndex(): number | undefined {
    return this.snapshot ? this.snapshot.metadata.index + 1 : undefined;
  }

  /** Last index of the unstable part, if any. */
  maybeLastIndex(): number | undefined {
    if (this.entries.length > 0) return this.offset + this.entries.length - 1;
    return this.snapshot?.metadata.index;
  }

  /** Term of entry `i` if the unstable part knows it. */
  maybeTerm(i: number): number | undefined {
    if (i < this.offset) {
      if (this.snapshot && this.snapshot.metadata.index === i) {
        return this.snapshot.metadata.term;
      }
      return undefined;
    }
    const last = this.maybeLastIndex();
    if (last === undefined || i > last) return undefined;
    return this.entries[i - this.offset].term;
  }

  /** The driver made entries up to `(i, t)` durable. */
  stableTo(i: number, t: number): void {
    const gt = this.maybeTerm(i);
    if (gt === undefined) return;
    // Only drop the prefix if the term still matches: a newer leader may
    // have replaced these entries while the driver was writing them.
    if (gt === t && i >= this.offset) {
      this.entries = this.entries.slice(i + 1 - this.offset);
      this.offset = i + 1;
    }
  }

  /** The driver made the unstable snapshot at index `i` durable. */
  stableSnapTo(i: number): void {
    if (this.snapshot && this.snapshot.metadata.index === i) {
      this.snapshot = undefined;
    }
  }

  /** Replaces everything with a snapshot. */
  restore(s: Snapshot): void {
    this.offset = s.metadata.index + 1;
    this.entries = [];
    this.snapshot = s;
  }

  /** Appends entries, replacing any conflicting suffix. */
  truncateAndAppend(ents: readonly Entry[]): void {
    const after = ents[0].index;
    if (after === this.offset + this.entries.length) {
      for (const e of ents) this.entries.push(e);
    } else if (after <= this.offset) {
      // Replaces everything unstable; raft has checked that the stable
      // part before `after` matches.
      this.offset = after;
      this.entries = [...ents];
    } else {
      this.entries = this.entries.slice(0, after - this.offset);
      for (const e of ents) this.entries.push(e);
    }
  }

  /** Entries in `[lo, hi)`, which must lie inside the unstable part. */
  slice(lo: number, hi: number): Entry[] {
    const upper = this.offset + this.entries.length;
    if (lo < this.offset || hi > upper) {
      throw new RaftInvariantError(
        `unstable.slice[${lo},${hi}) out of bound [${this.offset},${upper}]`,
      );
    }
    return this.entries.slice(lo - this.offset, hi - this.offset);
  }
}
