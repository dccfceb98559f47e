/**
 * Snapshot files: streamed, checksummed, written atomically (temp file,
 * fsync, rename, fsync directory), newest few kept, corrupt ones set aside.
 *
 * @example
 * ```ts
 * import { openSnapStore } from "./mod.ts";
 * const snaps = await openSnapStore(await Deno.makeTempDir());
 * await snaps.save({ term: 1, index: 5 }, [new Uint8Array([1])]);
 * await using r = await snaps.loadNewest();
 * r?.index; // 5
 * ```
 *
 * @module
 */
export {
  openSnapStore,
  type SnapshotInfo,
  type SnapshotMeta,
  SnapStore,
  type SnapStoreOptions,
} from "./snap_store.ts";
export { SnapshotReader } from "./snapshot_reader.ts";
export {
  SnapshotCorruptError,
  type SnapshotCorruptErrorOptions,
  SnapshotNotFoundError,
} from "./errors.ts";
