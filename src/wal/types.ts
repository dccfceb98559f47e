/**
 * A log entry as given to {@linkcode Wal.save}. Terms and indexes may be
 * numbers or bigints; they are stored as u64 and must be below 2^53.
 *
 * @example
 * ```ts
 * import type { WalEntryInput } from "./types.ts";
 * const e: WalEntryInput = { term: 1n, index: 1n, type: 0, data: new Uint8Array([1]) };
 * ```
 */
export interface WalEntryInput {
  term: bigint | number;
  index: bigint | number;
  /** An opaque entry kind (0-255), e.g. normal or conf change. */
  type: number;
  data: Uint8Array;
}

/**
 * A log entry as returned by {@linkcode openWal}. `data` is a view into the
 * segment that was read, so it holds that segment's buffer in memory.
 *
 * @example
 * ```ts
 * import type { WalEntry } from "./types.ts";
 * const e: WalEntry = { term: 1, index: 1, type: 0, data: new Uint8Array() };
 * ```
 */
export interface WalEntry {
  term: number;
  index: number;
  type: number;
  data: Uint8Array;
}

/**
 * The Raft hard state (etcd's `HardState`).
 *
 * @example
 * ```ts
 * import type { WalHardState } from "./types.ts";
 * const hs: WalHardState = { term: 2, vote: 1, commit: 5 };
 * ```
 */
export interface WalHardState {
  term: number;
  vote: number;
  commit: number;
}

/** A hard state as given to {@linkcode Wal.save}. */
export interface WalHardStateInput {
  term: bigint | number;
  vote: bigint | number;
  commit: bigint | number;
}

/**
 * A snapshot marker: a snapshot up to `index` (whose last entry has `term`)
 * is durable, so entries up to `index` are no longer needed.
 *
 * @example
 * ```ts
 * import type { WalSnapshotMarker } from "./types.ts";
 * const m: WalSnapshotMarker = { index: 100, term: 3 };
 * ```
 */
export interface WalSnapshotMarker {
  index: number;
  term: number;
}

/** A snapshot marker as given to {@linkcode Wal.saveSnapshot}. */
export interface WalSnapshotMarkerInput {
  index: bigint | number;
  term: bigint | number;
}
