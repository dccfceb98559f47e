/**
 * Applying a committed membership change (one server at a time,
 * dissertation 4.1). Folder-private helper of {@linkcode Raft}.
 *
 * @module
 */
import type { Raft } from "./raft.ts";
import { releasePendingReadIndexMessages } from "./_read_index.ts";
import { type ConfChange, type ConfState, NONE } from "./types.ts";

/**
 * Applies a committed conf change (the driver calls this while applying
 * the entry) and returns the new membership.
 */
export function applyConfChange(r: Raft, cc: ConfChange): ConfState {
  const cs = r.trk.confState();
  const voters = new Set(cs.voters);
  const learners = new Set(cs.learners);
  switch (cc.type) {
    case "addNode":
      learners.delete(cc.nodeId);
      voters.add(cc.nodeId);
      break;
    case "addLearnerNode":
      voters.delete(cc.nodeId);
      learners.add(cc.nodeId);
      break;
    case "removeNode":
      voters.delete(cc.nodeId);
      learners.delete(cc.nodeId);
      break;
  }
  const next: ConfState = {
    voters: [...voters].sort((a, b) => a - b),
    learners: [...learners].sort((a, b) => a - b),
  };
  const isNew = !r.trk.progress.has(cc.nodeId);
  r.trk.applyConfState(next, r.raftLog.lastIndex() + 1);
  r.isLearner = r.trk.learners.has(r.id);
  if (isNew && r.trk.progress.has(cc.nodeId)) {
    // A new peer is probed from the end of the log; it counts as active so
    // the leader may send it a snapshot right away.
    const pr = r.trk.progress.get(cc.nodeId)!;
    pr.recentActive = true;
  }
  if (r.state !== "leader") return next;
  if (!r.trk.voters.has(r.id) && r.cfg.stepDownOnRemoval) {
    r.becomeFollower(r.term, NONE);
    return next;
  }
  if (
    r.leadTransferee !== NONE && !r.trk.voters.has(r.leadTransferee)
  ) {
    r.abortLeaderTransfer();
  }
  if (r.trk.voters.size > 0 && r.maybeCommit()) {
    releasePendingReadIndexMessages(r);
  }
  r.bcastAppend();
  return next;
}
