/**
 * ReadIndex and lease reads on the leader (paper section 8). Folder-private
 * helpers of {@linkcode Raft}.
 *
 * @module
 */
import type { Raft } from "./raft.ts";
import { type Message, newMessage, NONE } from "./types.ts";

/** Whether the leader committed an entry of its own term: only then is its commit index current. */
export function committedEntryInCurrentTerm(r: Raft): boolean {
  return r.raftLog.zeroTermOnOutOfBounds(r.raftLog.committed) ===
    r.term;
}

/** Serves the reads held back until the leader committed in its term. */
export function releasePendingReadIndexMessages(r: Raft): void {
  if (r.pendingReadIndexMessages.length === 0) return;
  if (!committedEntryInCurrentTerm(r)) return;
  const msgs = r.pendingReadIndexMessages;
  r.pendingReadIndexMessages = [];
  for (const m of msgs) sendReadIndexResponse(r, m);
}

/** Starts confirming a read: at once under a valid lease, else by a heartbeat quorum. */
export function sendReadIndexResponse(r: Raft, m: Message): void {
  if (r.readOnly.option === "leaseBased" && leaseValid(r)) {
    responseToReadIndexReq(r, m, r.raftLog.committed);
    return;
  }
  const ctx = m.entries[0]?.data;
  r.readOnly.addRequest(r.raftLog.committed, m);
  r.readOnly.recvAck(r.id, ctx);
  r.bcastHeartbeatWithCtx(ctx);
}

/** Answers a confirmed read locally (ReadState) or to the follower that forwarded it. */
export function responseToReadIndexReq(
  r: Raft,
  req: Message,
  readIndex: number,
): void {
  if (req.from === NONE || req.from === r.id) {
    r.readStates.push({
      index: readIndex,
      requestCtx: req.entries[0]?.data ?? new Uint8Array(),
    });
    return;
  }
  r.send(newMessage({
    type: "MsgReadIndexResp",
    to: req.from,
    index: readIndex,
    entries: req.entries,
  }));
}

/**
 * Whether this leader holds a lease: a quorum of voters acknowledged a
 * heartbeat sent less than `electionTick - 1` ticks ago. Each of them
 * refuses votes for `electionTick` ticks after receiving it, so no other
 * leader can exist yet (assuming tick rates drift by less than a tick
 * per election timeout). A transfer revokes the lease for the term.
 */
export function leaseValid(r: Raft): boolean {
  if (!r.cfg.checkQuorum || r.state !== "leader" || r.leaseRevoked) {
    return false;
  }
  const acks: number[] = [];
  for (const id of r.trk.voters) {
    if (id === r.id) acks.push(r.ticks);
    else acks.push(r.trk.progress.get(id)?.heartbeatAckTick ?? -Infinity);
  }
  acks.sort((a, b) => b - a);
  const quorumAck = acks[r.trk.quorum() - 1];
  return quorumAck + r.cfg.electionTick - 1 > r.ticks;
}
