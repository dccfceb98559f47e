/**
 * The raft state machine: roles, elections, replication, commit, reads,
 * membership and leadership transfer. Pure and deterministic: no clock,
 * no I/O; `tick()` is time and the config's `random` is the only entropy.
 * The class holds the state; most behaviour lives in the folder-private
 * `_*.ts` helpers its methods delegate to.
 *
 * @module
 */
import { applyConfChange } from "./_conf_change.ts";
import {
  bcastAppend,
  bcastHeartbeatWithCtx,
  maybeSendAppend,
} from "./_replication.ts";
import { campaign, type CampaignType, hup, poll } from "./_election.ts";
import { leaderPropose, reduceUncommittedSize } from "./_propose.ts";
import { releasePendingReadIndexMessages } from "./_read_index.ts";
import {
  becomeCandidate,
  becomeFollower,
  becomeLeader,
  becomePreCandidate,
  reset,
} from "./_roles.ts";
import { step } from "./_step.ts";
import { tick } from "./_tick.ts";
import {
  type RaftConfig,
  resolveConfig,
  type ResolvedRaftConfig,
} from "./config.ts";
import { RaftConfigError, RaftInvariantError } from "./errors.ts";
import { RaftLog } from "./raft_log.ts";
import { ReadOnly, type ReadState } from "./read_only.ts";
import { ProgressTracker } from "./tracker.ts";
import {
  type ConfChange,
  type ConfState,
  type Entry,
  type HardState,
  type Message,
  type MessageType,
  newMessage,
  NONE,
} from "./types.ts";

export { CAMPAIGN_TRANSFER } from "./_election.ts";

/**
 * Role of a peer.
 *
 * @example
 * ```ts
 * const r: StateRole = "leader";
 * ```
 */
export type StateRole = "follower" | "candidate" | "preCandidate" | "leader";

// Messages that report durable state (accepted entries, votes, the term)
// leave only after the Ready that made that state durable.
const AFTER_PERSIST: ReadonlySet<MessageType> = new Set<MessageType>([
  "MsgAppResp",
  "MsgVote",
  "MsgVoteResp",
  "MsgHeartbeatResp",
]);

/**
 * One raft peer. Drive it through {@linkcode RawNode}; this class is
 * exported for tests that inspect internals.
 *
 * @example
 * ```ts
 * import { MemoryStorage } from "./memory_storage.ts";
 * const r = new Raft({ id: 1, storage: MemoryStorage.withVoters([1]), random: () => 0 });
 * r.state; // "follower"
 * ```
 */
export class Raft {
  readonly id: number;
  readonly cfg: ResolvedRaftConfig;
  term = 0;
  vote = NONE;
  lead = NONE;
  state: StateRole = "follower";
  isLearner = false;
  readonly raftLog: RaftLog;
  readonly trk: ProgressTracker;
  /** Messages the driver may send at once. */
  msgs: Message[] = [];
  /** Messages the driver sends once this Ready's state is durable. */
  msgsAfterAppend: Message[] = [];
  readStates: ReadState[] = [];
  leadTransferee = NONE;
  /** Index of the last conf change proposed; a new one waits until it applies. */
  pendingConfIndex = 0;
  uncommittedSize = 0;
  readOnly: ReadOnly;
  electionElapsed = 0;
  heartbeatElapsed = 0;
  randomizedElectionTimeout = 0;
  pendingReadIndexMessages: Message[] = [];
  /** Ticks since this peer started: the clock of leases. */
  ticks = 0;
  /** Set once this leader sent MsgTimeoutNow: no lease reads this term. */
  leaseRevoked = false;
  /** Appends are owed to followers; sent by {@linkcode Raft.flushBcast}. */
  pendingBcast = false;

  constructor(config: RaftConfig) {
    this.cfg = resolveConfig(config);
    this.id = this.cfg.id;
    this.raftLog = new RaftLog(this.cfg.storage, {
      maxApplyingBytes: this.cfg.maxCommittedSizePerReady,
    });
    this.trk = new ProgressTracker({
      maxInflight: this.cfg.maxInflightMsgs,
      maxInflightBytes: this.cfg.maxInflightBytes,
    });
    this.readOnly = new ReadOnly(this.cfg.readOnlyOption);
    const { hardState, confState } = this.cfg.storage.initialState();
    if (
      confState.voters.length === 0 && confState.learners.length === 0 &&
      this.cfg.storage.snapshot().metadata.index === 0
    ) {
      // Conf changes in the log are relative to the founders' membership; a
      // node that replayed them from nothing could count itself the only
      // voter. A joiner boots with the founders' ConfState (or any ConfState
      // if the leader compacted: the snapshot it gets replaces it).
      throw new RaftConfigError(
        `Cannot start node ${this.id} with an empty membership: boot storage with the founders' ConfState`,
      );
    }
    this.trk.applyConfState(confState, this.raftLog.lastIndex() + 1);
    this.isLearner = this.trk.learners.has(this.id);
    if (
      hardState.term !== 0 || hardState.vote !== 0 || hardState.commit !== 0
    ) {
      this.#loadState(hardState);
    }
    if (this.cfg.applied > 0) this.raftLog.appliedTo(this.cfg.applied);
    this.becomeFollower(this.term, NONE);
  }

  #loadState(hs: HardState): void {
    if (
      hs.commit < this.raftLog.committed || hs.commit > this.raftLog.lastIndex()
    ) {
      throw new RaftInvariantError(
        `${this.id} state.commit ${hs.commit} is out of range [${this.raftLog.committed}, ${this.raftLog.lastIndex()}]`,
      );
    }
    this.raftLog.committed = hs.commit;
    this.term = hs.term;
    this.vote = hs.vote;
  }

  /** The state that must be durable. */
  hardState(): HardState {
    return { term: this.term, vote: this.vote, commit: this.raftLog.committed };
  }

  // ---- sending -------------------------------------------------------

  send(m: Message): void {
    // A forwarded MsgTransferLeader keeps its transferee in `from`.
    if (m.from === NONE) m.from = this.id;
    if (
      m.type === "MsgVote" || m.type === "MsgVoteResp" ||
      m.type === "MsgPreVote" ||
      m.type === "MsgPreVoteResp"
    ) {
      if (m.term === 0) {
        throw new RaftInvariantError(
          `term should be set when sending ${m.type}`,
        );
      }
    } else if (m.type !== "MsgProp" && m.type !== "MsgReadIndex") {
      // Proposals and read requests are forwarded as local messages.
      m.term = this.term;
    }
    if (AFTER_PERSIST.has(m.type)) this.msgsAfterAppend.push(m);
    else this.msgs.push(m);
  }

  /** Sends an append (or a snapshot) to `to` even if there is nothing new. */
  sendAppend(to: number): void {
    this.maybeSendAppend(to, true);
  }

  /**
   * Sends entries the follower lacks, or a snapshot if the leader compacted
   * them. Returns whether a message was sent.
   */
  maybeSendAppend(to: number, sendIfEmpty: boolean): boolean {
    return maybeSendAppend(this, to, sendIfEmpty);
  }

  /** Sends every follower what it lacks, filling its inflight window. */
  bcastAppend(): void {
    bcastAppend(this);
  }

  bcastHeartbeat(): void {
    this.bcastHeartbeatWithCtx(this.readOnly.lastPendingRequestCtx());
  }

  /** Heartbeats every follower with a ReadIndex context. */
  bcastHeartbeatWithCtx(ctx: Uint8Array | undefined): void {
    bcastHeartbeatWithCtx(this, ctx);
  }

  // ---- commit & stability ----------------------------------------------

  /** Commits what a quorum of voters stores, if it is of this term. */
  maybeCommit(): boolean {
    return this.raftLog.maybeCommit(this.trk.committed(), this.term);
  }

  /**
   * The driver made entries up to `(index, term)` durable. A leader counts
   * its own copy only now, so commit never depends on an unsynced leader.
   */
  onStable(index: number, term: number): void {
    const matched = this.raftLog.matchTerm(index, term);
    this.raftLog.stableTo(index, term);
    if (matched) this.#selfStable(index);
  }

  /** The driver made the snapshot at `index` durable. */
  onStableSnap(index: number): void {
    this.raftLog.stableSnapTo(index);
  }

  #selfStable(index: number): void {
    if (this.state !== "leader") return;
    const pr = this.trk.progress.get(this.id);
    if (!pr || !pr.maybeUpdate(index)) return;
    if (this.maybeCommit()) {
      releasePendingReadIndexMessages(this);
      this.pendingBcast = true;
    }
  }

  /**
   * Sends the appends deferred since the last Ready: every proposal (and
   * commit advance) between two Readies shares one MsgApp per follower.
   * RawNode calls it when the driver asks for a Ready.
   */
  flushBcast(): void {
    if (!this.pendingBcast) return;
    this.pendingBcast = false;
    if (this.state === "leader") this.bcastAppend();
  }

  // ---- role changes ----------------------------------------------------

  reset(term: number): void {
    reset(this, term);
  }

  becomeFollower(term: number, lead: number): void {
    becomeFollower(this, term, lead);
  }

  becomeCandidate(): void {
    becomeCandidate(this);
  }

  becomePreCandidate(): void {
    becomePreCandidate(this);
  }

  becomeLeader(): void {
    becomeLeader(this);
  }

  pastElectionTimeout(): boolean {
    return this.electionElapsed >= this.randomizedElectionTimeout;
  }

  /** Whether this peer may become leader. */
  promotable(): boolean {
    return this.trk.voters.has(this.id) && !this.raftLog.hasPendingSnapshot();
  }

  /** The driver applied these committed entries: free the uncommitted budget. */
  reduceUncommittedSize(ents: readonly Entry[]): void {
    reduceUncommittedSize(this, ents);
  }

  // ---- ticks & elections -------------------------------------------------

  tick(): void {
    tick(this);
  }

  /** Starts a campaign if this peer may (not leader, a voter, no unapplied conf change). */
  hup(t: CampaignType): void {
    hup(this, t);
  }

  campaign(t: CampaignType): void {
    campaign(this, t);
  }

  /** Records a vote and returns the election's outcome so far. */
  poll(id: number, granted: boolean): "pending" | "won" | "lost" {
    return poll(this, id, granted);
  }

  // ---- step ------------------------------------------------------------------

  /** Advances the state machine with one message. */
  step(m: Message): void {
    step(this, m);
  }

  /**
   * Proposes entries from this node's driver. On the leader it skips
   * building a MsgProp (a per-proposal cost that showed in profiles).
   */
  propose(entries: Entry[]): void {
    if (this.state === "leader") {
      this.leaderPropose(entries);
      return;
    }
    this.step(newMessage({ type: "MsgProp", from: this.id, entries }));
  }

  /** Appends a proposal on the leader; throws ProposalDroppedError. */
  leaderPropose(entries: readonly Entry[]): void {
    leaderPropose(this, entries);
  }

  // ---- transfer & membership ---------------------------------------------------

  /** Tells the transferee to campaign now. */
  sendTimeoutNow(to: number): void {
    // The transferee will campaign through every follower's lease.
    this.leaseRevoked = true;
    this.send(newMessage({ type: "MsgTimeoutNow", to }));
  }

  /**
   * Applies a committed conf change (the driver calls this while applying
   * the entry) and returns the new membership.
   */
  applyConfChange(cc: ConfChange): ConfState {
    return applyConfChange(this, cc);
  }

  abortLeaderTransfer(): void {
    this.leadTransferee = NONE;
  }
}
