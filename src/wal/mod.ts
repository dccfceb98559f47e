/**
 * The write-ahead log: segmented, append-only files of CRC-checked frames
 * holding Raft entries, hard states and snapshot markers. The format is
 * written down in proto/WAL.md.
 *
 * @example
 * ```ts
 * import { openWal } from "./mod.ts";
 * const dir = await Deno.makeTempDir();
 * const { wal, hardState, entries } = await openWal(dir, { preallocate: false });
 * await wal.save({ ...hardState, term: 1 }, [
 *   { term: 1, index: entries.length + 1, type: 0, data: new Uint8Array([1]) },
 * ]);
 * await wal.close();
 * ```
 *
 * @module
 */
export { openWal, type WalOpenResult, type WalOptions } from "./open_wal.ts";
export { Wal } from "./wal.ts";
export {
  WalClosedError,
  WalCorruptError,
  type WalCorruptErrorOptions,
  WalFailedError,
} from "./errors.ts";
export type {
  WalEntry,
  WalEntryInput,
  WalHardState,
  WalHardStateInput,
  WalSnapshotMarker,
  WalSnapshotMarkerInput,
} from "./types.ts";
