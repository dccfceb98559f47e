/**
 * ReefDB's Raft core: a pure, deterministic state machine in the shape of
 * etcd-io/raft. Drive a {@linkcode RawNode} with `tick()`, `step()`,
 * `propose()`; take a {@linkcode Ready}; persist, send, apply; `advance()`.
 *
 * @example
 * ```ts
 * import { MemoryStorage, RawNode, seededRandom } from "./mod.ts";
 * const storage = MemoryStorage.withVoters([1]);
 * const node = new RawNode({ id: 1, storage, random: seededRandom(1) });
 * node.campaign();
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
