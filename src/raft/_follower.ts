/**
 * How a follower handles the leader's MsgApp, MsgHeartbeat and MsgSnap.
 * Folder-private helpers of {@linkcode Raft}.
 *
 * @module
 */
import type { Raft } from "./raft.ts";
import { type Message, newMessage, type Snapshot } from "./types.ts";

/** Appends the leader's entries if the log matches at `m.index` (paper 5.3), else rejects with a backtracking hint. */
export function handleAppendEntries(r: Raft, m: Message): void {
  if (m.index < r.raftLog.committed) {
    r.send(
      newMessage({
        type: "MsgAppResp",
        to: m.from,
        index: r.raftLog.committed,
      }),
    );
    return;
  }
  const mlast = r.raftLog.maybeAppend(
    m.index,
    m.logTerm,
    m.commit,
    m.entries,
  );
  if (mlast !== undefined) {
    r.send(newMessage({ type: "MsgAppResp", to: m.from, index: mlast }));
    return;
  }
  // Fast backtracking: tell the leader the last index whose term is at
  // most the one it probed, so it skips a whole term per round trip.
  const hintIndex = Math.min(m.index, r.raftLog.lastIndex());
  const hint = r.raftLog.findConflictByTerm(hintIndex, m.logTerm);
  r.send(newMessage({
    type: "MsgAppResp",
    to: m.from,
    index: m.index,
    reject: true,
    rejectHint: hint.index,
    logTerm: hint.term,
  }));
}

/** Learns the commit index (capped by the leader) and echoes the heartbeat's tick and context. */
export function handleHeartbeat(raft: Raft, m: Message): void {
  raft.raftLog.commitTo(m.commit);
  const r = newMessage({
    type: "MsgHeartbeatResp",
    to: m.from,
    index: m.index,
  });
  if (m.context) r.context = m.context;
  raft.send(r);
}

/** Installs a snapshot from the leader and acknowledges the resulting last index. */
export function handleSnapshot(r: Raft, m: Message): void {
  const s = m.snapshot;
  if (!s) return;
  if (restore(r, s)) {
    r.send(
      newMessage({
        type: "MsgAppResp",
        to: m.from,
        index: r.raftLog.lastIndex(),
      }),
    );
  } else {
    r.send(
      newMessage({
        type: "MsgAppResp",
        to: m.from,
        index: r.raftLog.committed,
      }),
    );
  }
}

/** Replaces the log with a snapshot unless it is stale; true if installed. */
export function restore(r: Raft, s: Snapshot): boolean {
  const { index, term, confState } = s.metadata;
  if (index <= r.raftLog.committed) return false;
  if (r.state !== "follower") return false;
  const cs = confState;
  // A joiner may get a snapshot taken before the entry that added it; it
  // installs it anyway and becomes a member when it applies that entry.
  if (r.raftLog.matchTerm(index, term)) {
    // We already have the snapshot's entries: just move commit forward.
    r.raftLog.commitTo(index);
    return false;
  }
  r.raftLog.restore(s);
  r.trk.applyConfState(cs, r.raftLog.lastIndex() + 1);
  for (const [id, pr] of r.trk.progress) {
    pr.match = 0;
    pr.next = r.raftLog.lastIndex() + 1;
    pr.state = "probe";
    pr.inflights.reset();
    pr.recentActive = id === r.id;
  }
  r.isLearner = r.trk.learners.has(r.id);
  return true;
}
