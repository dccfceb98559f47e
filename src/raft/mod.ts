/**
 * ReefDB's Raft core: a pure, deterministic state machine in the shape of
 * etcd-io/raft. No I/O, no timers, no clock: time is `tick()`, entropy is
 * the config's seeded `random`.
 *
 * ## The driver loop
 *
 * 1. Feed inputs: `tick()` at a fixed interval, `step(msg)` for every
 *    message from a peer, `propose(data)`, `proposeConfChange(cc)`,
 *    `readIndex(ctx)`, `transferLeader(id)`, `reportSnapshot(id, status)`.
 * 2. While `hasReady()`: take `rd = ready()`, then
 *    - send `rd.messages` now (a leader's appends go out in parallel with
 *      its own fsync);
 *    - persist `rd.snapshot`, `rd.entries` and `rd.hardState` (one write,
 *      one sync if `rd.mustSync`);
 *    - send `rd.persistedMessages` (acks and votes: only once durable);
 *    - apply the snapshot, then `rd.committedEntries` in order; for a
 *      conf-change entry call `applyConfChange(decodeConfChange(e.data))`;
 *    - serve `rd.readStates` once applied up to their index;
 *    - `advance(rd)`. Only one Ready is out at a time.
 *
 * ## Membership
 *
 * One server at a time (Raft dissertation 4.1), applied when the entry is
 * applied; one change may be pending. Storage records the membership only
 * with snapshots (`createSnapshot(i, { confState })`): on restart the log's
 * later conf changes are applied again. Every node boots with the founders'
 * `ConfState` (`MemoryStorage.withVoters`); a joiner gets it from the
 * cluster, or any ConfState when the leader has compacted its log, since
 * the snapshot it then receives replaces it. Booting with no membership is
 * refused.
 *
 * @example
 * ```ts
 * import { MemoryStorage, RawNode, seededRandom } from "./mod.ts";
 * const storage = MemoryStorage.withVoters([1]);
 * const node = new RawNode({ id: 1, storage, random: seededRandom(1) });
 * node.campaign();
 * while (node.hasReady()) {
 *   const rd = node.ready();
 *   if (rd.hardState) storage.setHardState(rd.hardState);
 *   storage.append(rd.entries);
 *   node.advance(rd);
 * }
 * ```
 *
 * @module
 */
export * from "./config.ts";
export * from "./errors.ts";
export * from "./inflights.ts";
export * from "./memory_storage.ts";
export * from "./progress.ts";
export * from "./raft.ts";
export * from "./raft_log.ts";
export * from "./raw_node.ts";
export * from "./read_only.ts";
export * from "./seeded_random.ts";
export * from "./status.ts";
export * from "./storage.ts";
export * from "./tracker.ts";
export * from "./types.ts";
export * from "./unstable.ts";
