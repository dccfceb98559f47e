/**
 * The leader's step function: heartbeats, check-quorum, proposals, reads,
 * append answers, snapshot status and leadership transfer. Folder-private
 * helper of {@linkcode Raft}.
 *
 * @module
 */
import type { Raft } from "./raft.ts";
import {
  committedEntryInCurrentTerm,
  releasePendingReadIndexMessages,
  responseToReadIndexReq,
  sendReadIndexResponse,
} from "./_read_index.ts";
import { type Message, NONE } from "./types.ts";

/** Steps one message on the leader. */
export function stepLeader(r: Raft, m: Message): void {
  switch (m.type) {
    case "MsgBeat":
      r.bcastHeartbeat();
      return;
    case "MsgCheckQuorum":
      if (!r.trk.quorumActive(r.id)) {
        r.becomeFollower(r.term, NONE);
      }
      return;
    case "MsgProp":
      r.leaderPropose(m.entries);
      return;
    case "MsgReadIndex":
      if (r.trk.isSingleton() && r.trk.voters.has(r.id)) {
        responseToReadIndexReq(r, m, r.raftLog.committed);
        return;
      }
      // A new leader does not know the commit index until an entry of its
      // term commits (paper 8): hold the read until then.
      if (!committedEntryInCurrentTerm(r)) {
        r.pendingReadIndexMessages.push(m);
        return;
      }
      sendReadIndexResponse(r, m);
      return;
  }
  const pr = r.trk.progress.get(m.from);
  if (!pr) return;
  switch (m.type) {
    case "MsgAppResp": {
      pr.recentActive = true;
      if (m.reject) {
        let nextProbeIdx = m.rejectHint;
        if (m.logTerm > 0) {
          nextProbeIdx =
            r.raftLog.findConflictByTerm(m.rejectHint, m.logTerm).index;
        }
        if (pr.maybeDecrTo(m.index, nextProbeIdx)) {
          if (pr.state === "replicate") pr.becomeProbe();
          r.sendAppend(m.from);
        }
        return;
      }
      const oldPaused = pr.isPaused();
      if (
        !pr.maybeUpdate(m.index) &&
        !(pr.match === m.index && pr.state === "probe")
      ) {
        return;
      }
      if (pr.state === "probe") {
        pr.becomeReplicate();
      } else if (
        pr.state === "snapshot" && pr.match + 1 >= r.raftLog.firstIndex()
      ) {
        pr.becomeProbe();
        pr.becomeReplicate();
      } else if (pr.state === "replicate") {
        pr.inflights.freeLE(m.index);
      }
      if (r.maybeCommit()) {
        releasePendingReadIndexMessages(r);
        r.pendingBcast = true;
      } else if (oldPaused && !r.pendingBcast) {
        r.sendAppend(m.from);
      }
      // Stream as much as the window allows.
      while (r.maybeSendAppend(m.from, false)) { /* keep sending */ }
      if (
        m.from === r.leadTransferee &&
        pr.match === r.raftLog.lastIndex()
      ) {
        r.sendTimeoutNow(m.from);
      }
      return;
    }
    case "MsgHeartbeatResp": {
      pr.recentActive = true;
      if (m.index > pr.heartbeatAckTick) pr.heartbeatAckTick = m.index;
      pr.unpauseProbe();
      // A full window may hold appends the network lost: free one slot so
      // replication resumes (the follower rejects any gap and we probe).
      if (pr.state === "replicate" && pr.inflights.full()) {
        pr.inflights.freeFirstOne();
        pr.msgAppFlowPaused = false;
      }
      if (pr.match < r.raftLog.lastIndex()) r.sendAppend(m.from);
      if (r.readOnly.option !== "safe" || !m.context) return;
      const acks = r.readOnly.recvAck(m.from, m.context);
      if (!acks || !r.trk.hasQuorum(acks)) return;
      for (const rs of r.readOnly.advance(m.context)) {
        responseToReadIndexReq(r, rs.req, rs.index);
      }
      return;
    }
    case "MsgSnapStatus":
      if (pr.state !== "snapshot") return;
      if (m.reject) pr.pendingSnapshot = 0;
      pr.becomeProbe();
      // Wait for a heartbeat answer before probing again.
      pr.msgAppFlowPaused = true;
      return;
    case "MsgUnreachable":
      if (pr.state === "replicate") pr.becomeProbe();
      return;
    case "MsgTransferLeader": {
      if (pr.isLearner) return;
      const transferee = m.from;
      if (r.leadTransferee !== NONE) {
        if (r.leadTransferee === transferee) return;
        r.abortLeaderTransfer();
      }
      if (transferee === r.id) return;
      // The transfer must finish within an election timeout.
      r.electionElapsed = 0;
      r.leadTransferee = transferee;
      if (pr.match === r.raftLog.lastIndex()) {
        r.sendTimeoutNow(transferee);
      } else r.sendAppend(transferee);
      return;
    }
  }
}
