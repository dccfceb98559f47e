/**
 * The read side of the log that raft needs from the driver's storage.
 *
 * @module
 */
import type { ConfState, Entry, HardState, Snapshot } from "./types.ts";

/**
 * What the storage recorded at the last restart.
 *
 * @example
 * ```ts
 * const s: InitialState = { hardState: { term: 0, vote: 0, commit: 0 }, confState: { voters: [1], learners: [] } };
 * ```
 */
export interface InitialState {
  hardState: HardState;
  confState: ConfState;
}

/**
 * Storage of the stable log, as in etcd-io/raft's `Storage`. Every method
 * is synchronous: the driver keeps the log it has made durable in memory
 * (or in a cache in front of its WAL).
 *
 * Methods throw {@linkcode CompactedError} for indexes that were compacted
 * and {@linkcode UnavailableError} for indexes past the end.
 *
 * @example
 * ```ts
 * import { MemoryStorage } from "./memory_storage.ts";
 * const s: Storage = new MemoryStorage();
 * s.lastIndex(); // 0
 * ```
 */
export interface Storage {
  /** Hard state and membership saved so far. */
  initialState(): InitialState;
  /**
   * Entries in `[lo, hi)`, at most `maxBytes` in total but at least one
   * entry if any is in range.
   */
  entries(lo: number, hi: number, maxBytes: number): Entry[];
  /** Term of the entry at `i`, for `i` in `[firstIndex() - 1, lastIndex()]`. */
  term(i: number): number;
  /** Index of the first entry still available (snapshot index + 1). */
  firstIndex(): number;
  /** Index of the last entry. */
  lastIndex(): number;
  /** The most recent snapshot. */
  snapshot(): Snapshot;
}
