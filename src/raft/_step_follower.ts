/**
 * The step functions of followers and (pre-)candidates. Folder-private
 * helpers of {@linkcode Raft}.
 *
 * @module
 */
import { ProposalDroppedError } from "./errors.ts";
import type { Raft } from "./raft.ts";
import {
  handleAppendEntries,
  handleHeartbeat,
  handleSnapshot,
} from "./_follower.ts";
import { type Message, type MessageType, NONE } from "./types.ts";

/** Steps one message on a candidate or pre-candidate. */
export function stepCandidate(r: Raft, m: Message): void {
  const myVoteResp: MessageType = r.state === "preCandidate"
    ? "MsgPreVoteResp"
    : "MsgVoteResp";
  switch (m.type) {
    case "MsgProp":
      throw new ProposalDroppedError("no leader (election in progress)");
    case "MsgReadIndex":
      throw new ProposalDroppedError(
        "no leader for ReadIndex (election in progress)",
      );
    case "MsgApp":
      r.becomeFollower(m.term, m.from);
      handleAppendEntries(r, m);
      return;
    case "MsgHeartbeat":
      r.becomeFollower(m.term, m.from);
      handleHeartbeat(r, m);
      return;
    case "MsgSnap":
      r.becomeFollower(m.term, m.from);
      handleSnapshot(r, m);
      return;
    case "MsgTimeoutNow":
      return;
  }
  if (m.type !== myVoteResp) return;
  const res = r.poll(m.from, !m.reject);
  if (res === "won") {
    if (r.state === "preCandidate") {
      r.campaign("election");
    } else {
      r.becomeLeader();
      r.bcastAppend();
    }
  } else if (res === "lost") {
    // A pre-candidate keeps its term; a lost election keeps the new one.
    r.becomeFollower(r.term, NONE);
  }
}

/** Steps one message on a follower: forwards proposals and reads, follows the leader. */
export function stepFollower(r: Raft, m: Message): void {
  switch (m.type) {
    case "MsgProp":
      if (r.lead === NONE) throw new ProposalDroppedError("no leader");
      if (r.cfg.disableProposalForwarding) {
        throw new ProposalDroppedError("proposal forwarding is disabled", {
          lead: r.lead,
        });
      }
      m.to = r.lead;
      r.send(m);
      return;
    case "MsgApp":
      r.electionElapsed = 0;
      r.lead = m.from;
      handleAppendEntries(r, m);
      return;
    case "MsgHeartbeat":
      r.electionElapsed = 0;
      r.lead = m.from;
      handleHeartbeat(r, m);
      return;
    case "MsgSnap":
      r.electionElapsed = 0;
      r.lead = m.from;
      handleSnapshot(r, m);
      return;
    case "MsgTransferLeader":
      if (r.lead === NONE) {
        throw new ProposalDroppedError("no leader to transfer from");
      }
      m.to = r.lead;
      r.send(m);
      return;
    case "MsgTimeoutNow":
      // Transfers skip pre-vote: the old leader asked for this election.
      r.hup("transfer");
      return;
    case "MsgReadIndex":
      if (r.lead === NONE) {
        throw new ProposalDroppedError("no leader for ReadIndex");
      }
      m.to = r.lead;
      r.send(m);
      return;
    case "MsgReadIndexResp":
      r.readStates.push({
        index: m.index,
        requestCtx: m.entries[0]?.data ?? new Uint8Array(),
      });
      return;
  }
}
