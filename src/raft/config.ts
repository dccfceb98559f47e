/**
 * Configuration of one raft peer.
 *
 * @module
 */
import { RaftConfigError } from "./errors.ts";
import type { ReadOnlyOption } from "./read_only.ts";
import type { Storage } from "./storage.ts";

/**
 * Options of a raft peer. Times are in ticks: the driver calls `tick()`
 * at a fixed interval (for example every 100 ms).
 *
 * @example
 * ```ts
 * import { MemoryStorage } from "./memory_storage.ts";
 * import { seededRandom } from "./seeded_random.ts";
 * const cfg: RaftConfig = {
 *   id: 1,
 *   storage: MemoryStorage.withVoters([1, 2, 3]),
 *   random: seededRandom(42),
 * };
 * ```
 */
export interface RaftConfig {
  /** This peer's id; never 0. */
  id: number;
  /** Storage of the stable log and state. */
  storage: Storage;
  /**
   * Deterministic random source in `[0, 1)` used for election timeouts.
   * Seed it per node so simulations replay exactly.
   */
  random: () => number;
  /**
   * Ticks without hearing from a leader before a follower campaigns; the
   * real timeout is randomized in `[electionTick, 2 * electionTick)`.
   * @default {10}
   */
  electionTick?: number;
  /** Ticks between leader heartbeats. @default {1} */
  heartbeatTick?: number;
  /** The last index the driver applied before a restart. @default {0} */
  applied?: number;
  /** Max bytes of entries per MsgApp (batching). @default {1048576} */
  maxSizePerMsg?: number;
  /** Max bytes of committed entries handed out per Ready. @default {67108864} */
  maxCommittedSizePerReady?: number;
  /**
   * Max bytes of uncommitted entries the leader accepts before refusing
   * proposals; 0 is unlimited.
   * @default {0}
   */
  maxUncommittedEntriesSize?: number;
  /** Max MsgApp in flight to one follower while replicating. @default {256} */
  maxInflightMsgs?: number;
  /** Max bytes in flight to one follower; 0 is unlimited. @default {0} */
  maxInflightBytes?: number;
  /**
   * The leader steps down when it has not heard from a quorum within an
   * election timeout; followers ignore votes while they hear a leader.
   * @default {false}
   */
  checkQuorum?: boolean;
  /** Pre-vote phase before incrementing the term (dissertation 9.6). @default {false} */
  preVote?: boolean;
  /** How ReadIndex requests are confirmed; `leaseBased` needs `checkQuorum`. @default {"safe"} */
  readOnlyOption?: ReadOnlyOption;
  /** Followers drop proposals instead of forwarding them. @default {false} */
  disableProposalForwarding?: boolean;
  /** A leader that removes itself from the configuration steps down. @default {true} */
  stepDownOnRemoval?: boolean;
}

/**
 * {@linkcode RaftConfig} with every default filled in.
 *
 * @example
 * ```ts
 * import { MemoryStorage } from "./memory_storage.ts";
 * const c: ResolvedRaftConfig = resolveConfig({ id: 1, storage: new MemoryStorage(), random: () => 0 });
 * ```
 */
export type ResolvedRaftConfig = Required<RaftConfig>;

/**
 * Fills in defaults and validates.
 *
 * @example
 * ```ts
 * import { MemoryStorage } from "./memory_storage.ts";
 * const c = resolveConfig({ id: 1, storage: new MemoryStorage(), random: () => 0.5 });
 * c.electionTick; // 10
 * ```
 */
export function resolveConfig(c: RaftConfig): ResolvedRaftConfig {
  const r: ResolvedRaftConfig = {
    electionTick: 10,
    heartbeatTick: 1,
    applied: 0,
    maxSizePerMsg: 1 << 20,
    maxCommittedSizePerReady: 64 << 20,
    maxUncommittedEntriesSize: 0,
    maxInflightMsgs: 256,
    maxInflightBytes: 0,
    checkQuorum: false,
    preVote: false,
    readOnlyOption: "safe",
    disableProposalForwarding: false,
    stepDownOnRemoval: true,
    ...c,
  };
  if (!Number.isSafeInteger(r.id) || r.id <= 0) {
    throw new RaftConfigError(
      `Cannot use node id ${r.id}: must be a positive safe integer`,
    );
  }
  if (r.heartbeatTick <= 0) {
    throw new RaftConfigError("heartbeatTick must be greater than 0");
  }
  if (r.electionTick <= r.heartbeatTick) {
    throw new RaftConfigError(
      "electionTick must be greater than heartbeatTick",
    );
  }
  if (r.maxInflightMsgs <= 0) {
    throw new RaftConfigError("maxInflightMsgs must be greater than 0");
  }
  if (r.readOnlyOption === "leaseBased" && !r.checkQuorum) {
    throw new RaftConfigError("readOnlyOption leaseBased requires checkQuorum");
  }
  return r;
}
