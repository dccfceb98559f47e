/**
 * Role transitions: the per-term reset and becoming follower, candidate,
 * pre-candidate or leader. Folder-private helpers of {@linkcode Raft}.
 *
 * @module
 */
import { RaftInvariantError } from "./errors.ts";
import type { Raft } from "./raft.ts";
import { ReadOnly } from "./read_only.ts";
import { appendEntry } from "./_propose.ts";
import { EntryType, NONE } from "./types.ts";

/** Enters `term` with no leader, fresh timers, votes and progress. */
export function reset(r: Raft, term: number): void {
  if (r.term !== term) {
    r.term = term;
    r.vote = NONE;
    // Acks of an older term may describe entries a new leader is about
    // to overwrite before they are durable: drop them (always safe).
    r.msgsAfterAppend = r.msgsAfterAppend.filter((m) => m.term >= term);
  }
  r.lead = NONE;
  r.electionElapsed = 0;
  r.heartbeatElapsed = 0;
  resetRandomizedElectionTimeout(r);
  r.abortLeaderTransfer();
  r.trk.resetVotes();
  const last = r.raftLog.lastIndex();
  const stable = stableLastIndex(r);
  for (const [id, pr] of r.trk.progress) {
    pr.match = id === r.id ? stable : 0;
    pr.next = last + 1;
    pr.state = "probe";
    pr.pendingSnapshot = 0;
    pr.recentActive = id === r.id;
    pr.msgAppFlowPaused = false;
    pr.heartbeatAckTick = -Infinity;
    pr.inflights.reset();
  }
  r.pendingConfIndex = 0;
  r.pendingBcast = false;
  r.leaseRevoked = false;
  r.uncommittedSize = 0;
  r.readOnly = new ReadOnly(r.cfg.readOnlyOption);
  r.pendingReadIndexMessages = [];
}

/** Follows `lead` (or nobody) in `term`. */
export function becomeFollower(r: Raft, term: number, lead: number): void {
  r.reset(term);
  r.lead = lead;
  r.state = "follower";
}

/** Starts an election in the next term, voting for itself. */
export function becomeCandidate(r: Raft): void {
  if (r.state === "leader") {
    throw new RaftInvariantError("invalid transition [leader -> candidate]");
  }
  r.reset(r.term + 1);
  r.vote = r.id;
  r.state = "candidate";
}

/** Starts a pre-vote round. */
export function becomePreCandidate(r: Raft): void {
  if (r.state === "leader") {
    throw new RaftInvariantError(
      "invalid transition [leader -> pre-candidate]",
    );
  }
  // Pre-vote changes neither term nor vote (dissertation 9.6).
  r.trk.resetVotes();
  r.lead = NONE;
  r.state = "preCandidate";
}

/** Takes the lead in the current term and appends its empty entry. */
export function becomeLeader(r: Raft): void {
  if (r.state === "follower") {
    throw new RaftInvariantError("invalid transition [follower -> leader]");
  }
  r.reset(r.term);
  r.lead = r.id;
  r.state = "leader";
  const self = r.trk.progress.get(r.id);
  if (self) {
    self.becomeReplicate();
    self.match = stableLastIndex(r);
    self.recentActive = true;
  }
  // No conf change until the entries of earlier terms are applied: the
  // fix for single-server changes across leader changes (dissertation 4.1).
  r.pendingConfIndex = r.raftLog.lastIndex();
  // The empty entry commits the previous terms' entries (paper 5.4.2).
  appendEntry(r, [{
    term: 0,
    index: 0,
    type: EntryType.Normal,
    data: new Uint8Array(),
  }]);
}

function stableLastIndex(r: Raft): number {
  const u = r.raftLog.unstable;
  return u.snapshot ? 0 : u.offset - 1;
}

function resetRandomizedElectionTimeout(r: Raft): void {
  const et = r.cfg.electionTick;
  r.randomizedElectionTimeout = et + Math.floor(r.cfg.random() * et);
}
