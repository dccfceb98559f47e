/**
 * A snapshot of a peer's state for metrics, admin tools and tests.
 *
 * @module
 */
import type { Raft, StateRole } from "./raft.ts";
import type { ProgressState } from "./progress.ts";
import type { ConfState } from "./types.ts";

/**
 * What the leader knows about one peer.
 *
 * @example
 * ```ts
 * const p: ProgressStatus = { match: 5, next: 6, state: "replicate", inflight: 0, isLearner: false, recentActive: true };
 * ```
 */
export interface ProgressStatus {
  match: number;
  next: number;
  state: ProgressState;
  inflight: number;
  isLearner: boolean;
  recentActive: boolean;
}

/**
 * The state of one raft peer.
 *
 * @example
 * ```ts
 * import { MemoryStorage } from "./memory_storage.ts";
 * import { RawNode } from "./raw_node.ts";
 * const s: Status = new RawNode({ id: 1, storage: MemoryStorage.withVoters([1]), random: () => 0 }).status();
 * ```
 */
export interface Status {
  id: number;
  role: StateRole;
  term: number;
  vote: number;
  lead: number;
  commit: number;
  applied: number;
  lastIndex: number;
  leadTransferee: number;
  confState: ConfState;
  /** Per-peer progress; only on the leader. */
  progress?: Map<number, ProgressStatus>;
}

/**
 * Reads the status of a raft peer.
 *
 * @example
 * ```ts
 * import { MemoryStorage } from "./memory_storage.ts";
 * import { Raft } from "./raft.ts";
 * const st = getStatus(new Raft({ id: 1, storage: MemoryStorage.withVoters([1]), random: () => 0 }));
 * st.role; // "follower"
 * ```
 */
export function getStatus(r: Raft): Status {
  const s: Status = {
    id: r.id,
    role: r.state,
    term: r.term,
    vote: r.vote,
    lead: r.lead,
    commit: r.raftLog.committed,
    applied: r.raftLog.applied,
    lastIndex: r.raftLog.lastIndex(),
    leadTransferee: r.leadTransferee,
    confState: r.trk.confState(),
  };
  if (r.state === "leader") {
    s.progress = new Map();
    for (const [id, pr] of r.trk.progress) {
      s.progress.set(id, {
        match: pr.match,
        next: pr.next,
        state: pr.state,
        inflight: pr.inflights.count(),
        isLearner: pr.isLearner,
        recentActive: pr.recentActive,
      });
    }
  }
  return s;
}
