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
  /** Raft term. */
  term: bigint | number;
  /** Raft log index. */
  index: bigint | number;
  /** An opaque entry kind (0-255), e.g. normal or conf change. */
  type: number;
  /** Opaque payload. */
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
  /** Raft term. */
  term: number;
  /** Raft log index. */
  index: number;
  /** Opaque entry kind (0-255). */
  type: number;
  /** Opaque payload. */
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
  /** Raft term. */
  term: number;
  /** Candidate voted for in `term` (0 for none). */
  vote: number;
  /** Highest index known committed. */
  commit: number;
}

/**
 * A hard state as given to {@linkcode Wal.save}.
 *
 * @example
 * ```ts
 * import { type WalHardStateInput } from "./types.ts";
 * const hs: WalHardStateInput = { term: 2n, vote: 1n, commit: 5n };
 * ```
 */
export interface WalHardStateInput {
  /** Raft term. */
  term: bigint | number;
  /** Candidate voted for in `term` (0 for none). */
  vote: bigint | number;
  /** Highest index known committed. */
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
  /** Raft log index. */
  index: number;
  /** Raft term. */
  term: number;
}

/**
 * A snapshot marker as given to {@linkcode Wal.saveSnapshot}.
 *
 * @example
 * ```ts
 * import { type WalSnapshotMarkerInput } from "./types.ts";
 * const m: WalSnapshotMarkerInput = { index: 100n, term: 3 };
 * ```
 */
export interface WalSnapshotMarkerInput {
  /** Raft log index. */
  index: bigint | number;
  /** Raft term. */
  term: bigint | number;
}
