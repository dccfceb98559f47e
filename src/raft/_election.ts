/**
 * Elections: starting a campaign, counting votes and answering vote
 * requests (paper 5.2, 5.4.1; pre-vote, dissertation 9.6). Folder-private
 * helpers of {@linkcode Raft}.
 *
 * @module
 */
import type { Raft } from "./raft.ts";
import {
  EntryType,
  type Message,
  type MessageType,
  newMessage,
  NONE,
} from "./types.ts";

/**
 * Context of a campaign started by MsgTimeoutNow: it may break a lease.
 *
 * @example
 * ```ts
 * CAMPAIGN_TRANSFER.length; // 2
 * ```
 */
export const CAMPAIGN_TRANSFER: Uint8Array = new Uint8Array([0x54, 0x52]);

/** Why a campaign starts: a pre-vote round, a real election or a transfer. */
export type CampaignType = "preElection" | "election" | "transfer";

/** Whether a vote request comes from a leadership transfer. */
export function isTransferCtx(ctx: Uint8Array | undefined): boolean {
  return ctx !== undefined && ctx.length === 2 && ctx[0] === 0x54 &&
    ctx[1] === 0x52;
}

/** The response type that answers a (pre-)vote request. */
export function voteRespType(t: MessageType): MessageType {
  return t === "MsgPreVote" ? "MsgPreVoteResp" : "MsgVoteResp";
}

/** Starts a campaign if this peer may (not leader, a voter, no unapplied conf change). */
export function hup(r: Raft, t: CampaignType): void {
  if (r.state === "leader") return;
  if (!r.promotable()) return;
  if (hasUnappliedConfChanges(r)) return;
  r.campaign(t);
}

function hasUnappliedConfChanges(r: Raft): boolean {
  const lo = Math.max(r.raftLog.applied + 1, r.raftLog.firstIndex());
  const hi = r.raftLog.committed + 1;
  if (lo >= hi) return false;
  for (const e of r.raftLog.slice(lo, hi, Infinity)) {
    if (e.type === EntryType.ConfChange) return true;
  }
  return false;
}

/** Becomes a (pre-)candidate and asks every other voter for its vote. */
export function campaign(r: Raft, t: CampaignType): void {
  if (!r.promotable()) return;
  let voteMsg: MessageType;
  let term: number;
  if (t === "preElection") {
    r.becomePreCandidate();
    voteMsg = "MsgPreVote";
    term = r.term + 1;
  } else {
    r.becomeCandidate();
    voteMsg = "MsgVote";
    term = r.term;
  }
  if (r.poll(r.id, true) === "won") {
    // A single-voter configuration wins at once.
    if (t === "preElection") r.campaign("election");
    else r.becomeLeader();
    return;
  }
  const ids = [...r.trk.voters].sort((a, b) => a - b);
  for (const id of ids) {
    if (id === r.id) continue;
    const m = newMessage({
      type: voteMsg,
      to: id,
      term,
      index: r.raftLog.lastIndex(),
      logTerm: r.raftLog.lastTerm(),
    });
    if (t === "transfer") m.context = CAMPAIGN_TRANSFER;
    r.send(m);
  }
}

/** Records a vote and returns the election's outcome so far. */
export function poll(
  r: Raft,
  id: number,
  granted: boolean,
): "pending" | "won" | "lost" {
  r.trk.recordVote(id, granted);
  return r.trk.tallyVotes().result;
}

/** Grants or rejects a MsgVote or MsgPreVote of a term not below ours. */
export function handleVoteRequest(r: Raft, m: Message): void {
  const canVote = r.vote === m.from ||
    (r.vote === NONE && r.lead === NONE) ||
    (m.type === "MsgPreVote" && m.term > r.term);
  if (canVote && r.raftLog.isUpToDate(m.index, m.logTerm)) {
    // Paper 5.2 & 5.4.1: one vote per term, only for an up-to-date log.
    r.send(
      newMessage({
        type: voteRespType(m.type),
        to: m.from,
        term: m.term,
      }),
    );
    if (m.type === "MsgVote") {
      r.electionElapsed = 0;
      r.vote = m.from;
    }
  } else {
    r.send(newMessage({
      type: voteRespType(m.type),
      to: m.from,
      term: r.term,
      reject: true,
    }));
  }
}
