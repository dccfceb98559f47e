/**
 * What a leader sends its followers: appends, snapshots when the entries
 * are compacted, and heartbeats. Folder-private helpers of
 * {@linkcode Raft}.
 *
 * @module
 */
import {
  CompactedError,
  RaftInvariantError,
  SnapshotTemporarilyUnavailableError,
  UnavailableError,
} from "./errors.ts";
import type { Raft } from "./raft.ts";
import { entriesSize, type Entry, newMessage, type Snapshot } from "./types.ts";

/**
 * Sends entries the follower lacks, or a snapshot if the leader compacted
 * them. Returns whether a message was sent.
 */
export function maybeSendAppend(
  r: Raft,
  to: number,
  sendIfEmpty: boolean,
): boolean {
  const pr = r.trk.progress.get(to);
  if (!pr || pr.isPaused()) return false;
  const prevIndex = pr.next - 1;
  let prevTerm: number;
  let ents: Entry[];
  try {
    prevTerm = r.raftLog.term(prevIndex);
    ents = pr.state === "replicate" && pr.inflights.full()
      ? []
      : r.raftLog.entries(pr.next, r.cfg.maxSizePerMsg);
  } catch (e) {
    if (e instanceof CompactedError || e instanceof UnavailableError) {
      return maybeSendSnapshot(r, to);
    }
    throw e;
  }
  if (ents.length === 0 && !sendIfEmpty) return false;
  r.send(newMessage({
    type: "MsgApp",
    to,
    index: prevIndex,
    logTerm: prevTerm,
    entries: ents,
    commit: r.raftLog.committed,
  }));
  pr.sentEntries(ents.length, entriesSize(ents));
  return true;
}

function maybeSendSnapshot(r: Raft, to: number): boolean {
  const pr = r.trk.progress.get(to)!;
  // A peer we have not heard from may be down; do not ship it a snapshot.
  if (!pr.recentActive) return false;
  let snap: Snapshot;
  try {
    snap = r.raftLog.snapshot();
  } catch (e) {
    if (e instanceof SnapshotTemporarilyUnavailableError) return false;
    throw e;
  }
  if (snap.metadata.index === 0) {
    throw new RaftInvariantError(
      "need a non-empty snapshot to catch up a follower",
    );
  }
  r.send(newMessage({ type: "MsgSnap", to, snapshot: snap }));
  pr.becomeSnapshot(snap.metadata.index);
  return true;
}

function sendHeartbeat(
  r: Raft,
  to: number,
  ctx: Uint8Array | undefined,
): void {
  const pr = r.trk.progress.get(to)!;
  // A follower may lack entries up to our commit: never tell it more.
  const commit = Math.min(pr.match, r.raftLog.committed);
  // `index` carries our tick so the answer dates the follower's lease.
  const m = newMessage({
    type: "MsgHeartbeat",
    to,
    commit,
    index: r.ticks,
  });
  if (ctx) m.context = ctx;
  r.send(m);
}

/** Sends every follower what it lacks, filling its inflight window. */
export function bcastAppend(r: Raft): void {
  for (const id of r.trk.progress.keys()) {
    if (id === r.id) continue;
    r.sendAppend(id);
    while (r.maybeSendAppend(id, false)) { /* fill the window */ }
  }
}

/** Heartbeats every follower with a ReadIndex context. */
export function bcastHeartbeatWithCtx(
  r: Raft,
  ctx: Uint8Array | undefined,
): void {
  for (const id of r.trk.progress.keys()) {
    if (id !== r.id) sendHeartbeat(r, id, ctx);
  }
}
