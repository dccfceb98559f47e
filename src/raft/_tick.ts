/**
 * Logical time: election timeouts on followers and candidates,
 * heartbeats and check-quorum on the leader. Folder-private helpers of
 * {@linkcode Raft}.
 *
 * @module
 */
import type { Raft } from "./raft.ts";
import { newMessage, NONE } from "./types.ts";

/** Advances the clock by one tick. */
export function tick(r: Raft): void {
  r.ticks++;
  if (r.state === "leader") tickHeartbeat(r);
  else tickElection(r);
}

function tickElection(r: Raft): void {
  r.electionElapsed++;
  if (r.promotable() && r.pastElectionTimeout()) {
    r.electionElapsed = 0;
    r.step(newMessage({ type: "MsgHup", from: r.id }));
  }
}

function tickHeartbeat(r: Raft): void {
  r.heartbeatElapsed++;
  r.electionElapsed++;
  if (r.electionElapsed >= r.cfg.electionTick) {
    r.electionElapsed = 0;
    if (r.cfg.checkQuorum) {
      r.step(newMessage({ type: "MsgCheckQuorum", from: r.id }));
    }
    if (r.state === "leader" && r.leadTransferee !== NONE) {
      r.abortLeaderTransfer();
    }
  }
  if (r.state !== "leader") return;
  if (r.heartbeatElapsed >= r.cfg.heartbeatTick) {
    r.heartbeatElapsed = 0;
    r.step(newMessage({ type: "MsgBeat", from: r.id }));
  }
}
