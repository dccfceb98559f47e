/**
 * The entry point of every message: the term check that makes a peer
 * step down or drop stale messages, then dispatch by role. Folder-private
 * helper of {@linkcode Raft}.
 *
 * @module
 */
import { handleVoteRequest, isTransferCtx, voteRespType } from "./_election.ts";
import type { Raft } from "./raft.ts";
import { stepCandidate, stepFollower } from "./_step_follower.ts";
import { stepLeader } from "./_step_leader.ts";
import { type Message, newMessage, NONE } from "./types.ts";

/** Advances the state machine with one message. */
export function step(r: Raft, m: Message): void {
  if (m.term === 0) {
    // local message
  } else if (m.term > r.term) {
    if (m.type === "MsgVote" || m.type === "MsgPreVote") {
      const force = isTransferCtx(m.context);
      // With lease reads a restarted node also waits: it may have
      // acknowledged a heartbeat just before it went down.
      const inLease = r.cfg.checkQuorum &&
        ((r.lead !== NONE &&
          r.electionElapsed < r.cfg.electionTick) ||
          (r.cfg.readOnlyOption === "leaseBased" &&
            r.ticks < r.cfg.electionTick));
      // A follower that hears from a leader ignores votes: a rejoining
      // partitioned node cannot depose a healthy leader (paper 6).
      if (!force && inLease) return;
    }
    if (m.type === "MsgPreVote") {
      // Never change our term in response to a pre-vote.
    } else if (m.type === "MsgPreVoteResp" && !m.reject) {
      // We will raise our term when we win the pre-vote.
    } else if (
      m.type === "MsgApp" || m.type === "MsgHeartbeat" || m.type === "MsgSnap"
    ) {
      r.becomeFollower(m.term, m.from);
    } else {
      r.becomeFollower(m.term, NONE);
    }
  } else if (m.term < r.term) {
    if (
      (r.cfg.checkQuorum || r.cfg.preVote) &&
      (m.type === "MsgHeartbeat" || m.type === "MsgApp")
    ) {
      // A stale leader learns our term and steps down; without this a
      // node whose term rose while partitioned could never rejoin.
      r.send(newMessage({ type: "MsgAppResp", to: m.from }));
    } else if (m.type === "MsgPreVote" || m.type === "MsgVote") {
      // Paper figure 2: a stale RequestVote gets our term back. Without
      // it a candidate whose vote requests arrive late, and that the
      // other voters' outdated configuration does not include, can trail
      // their term forever.
      r.send(newMessage({
        type: voteRespType(m.type),
        to: m.from,
        term: r.term,
        reject: true,
      }));
    }
    return;
  }

  switch (m.type) {
    case "MsgHup":
      r.hup(r.cfg.preVote ? "preElection" : "election");
      return;
    case "MsgVote":
    case "MsgPreVote":
      handleVoteRequest(r, m);
      return;
  }
  switch (r.state) {
    case "leader":
      stepLeader(r, m);
      return;
    case "candidate":
    case "preCandidate":
      stepCandidate(r, m);
      return;
    case "follower":
      stepFollower(r, m);
      return;
  }
}
