/**
 * The raft state machine: roles, elections, replication, commit, reads,
 * membership and leadership transfer. Pure and deterministic: no clock,
 * no I/O; `tick()` is time and the config's `random` is the only entropy.
 *
 * @module
 */
import { applyConfChange } from "./_conf_change.ts";
import { releasePendingReadIndexMessages } from "./_read_index.ts";
import { stepCandidate, stepFollower } from "./_step_follower.ts";
import { stepLeader } from "./_step_leader.ts";
import {
  type RaftConfig,
  resolveConfig,
  type ResolvedRaftConfig,
} from "./config.ts";
import {
  CompactedError,
  ProposalDroppedError,
  RaftConfigError,
  RaftInvariantError,
  SnapshotTemporarilyUnavailableError,
  UnavailableError,
} from "./errors.ts";
import { RaftLog } from "./raft_log.ts";
import { ReadOnly, type ReadState } from "./read_only.ts";
import { ProgressTracker } from "./tracker.ts";
import {
  type ConfChange,
  type ConfState,
  entriesSize,
  type Entry,
  EntryType,
  type HardState,
  type Message,
  type MessageType,
  newMessage,
  NONE,
  type Snapshot,
} from "./types.ts";

/**
 * Role of a peer.
 *
 * @example
 * ```ts
 * const r: StateRole = "leader";
 * ```
 */
export type StateRole = "follower" | "candidate" | "preCandidate" | "leader";

/**
 * Context of a campaign started by MsgTimeoutNow: it may break a lease.
 *
 * @example
 * ```ts
 * CAMPAIGN_TRANSFER.length; // 2
 * ```
 */
export const CAMPAIGN_TRANSFER: Uint8Array = new Uint8Array([0x54, 0x52]);

type CampaignType = "preElection" | "election" | "transfer";

// Messages that report durable state (accepted entries, votes, the term)
// leave only after the Ready that made that state durable.
const AFTER_PERSIST: ReadonlySet<MessageType> = new Set<MessageType>([
  "MsgAppResp",
  "MsgVote",
  "MsgVoteResp",
  "MsgHeartbeatResp",
]);

function isTransferCtx(ctx: Uint8Array | undefined): boolean {
  return ctx !== undefined && ctx.length === 2 && ctx[0] === 0x54 &&
    ctx[1] === 0x52;
}

function voteRespType(t: MessageType): MessageType {
  return t === "MsgPreVote" ? "MsgPreVoteResp" : "MsgVoteResp";
}

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
    const pr = this.trk.progress.get(to);
    if (!pr || pr.isPaused()) return false;
    const prevIndex = pr.next - 1;
    let prevTerm: number;
    let ents: Entry[];
    try {
      prevTerm = this.raftLog.term(prevIndex);
      ents = pr.state === "replicate" && pr.inflights.full()
        ? []
        : this.raftLog.entries(pr.next, this.cfg.maxSizePerMsg);
    } catch (e) {
      if (e instanceof CompactedError || e instanceof UnavailableError) {
        return this.#maybeSendSnapshot(to);
      }
      throw e;
    }
    if (ents.length === 0 && !sendIfEmpty) return false;
    this.send(newMessage({
      type: "MsgApp",
      to,
      index: prevIndex,
      logTerm: prevTerm,
      entries: ents,
      commit: this.raftLog.committed,
    }));
    pr.sentEntries(ents.length, entriesSize(ents));
    return true;
  }

  #maybeSendSnapshot(to: number): boolean {
    const pr = this.trk.progress.get(to)!;
    // A peer we have not heard from may be down; do not ship it a snapshot.
    if (!pr.recentActive) return false;
    let snap: Snapshot;
    try {
      snap = this.raftLog.snapshot();
    } catch (e) {
      if (e instanceof SnapshotTemporarilyUnavailableError) return false;
      throw e;
    }
    if (snap.metadata.index === 0) {
      throw new RaftInvariantError(
        "need a non-empty snapshot to catch up a follower",
      );
    }
    this.send(newMessage({ type: "MsgSnap", to, snapshot: snap }));
    pr.becomeSnapshot(snap.metadata.index);
    return true;
  }

  #sendHeartbeat(to: number, ctx: Uint8Array | undefined): void {
    const pr = this.trk.progress.get(to)!;
    // A follower may lack entries up to our commit: never tell it more.
    const commit = Math.min(pr.match, this.raftLog.committed);
    // `index` carries our tick so the answer dates the follower's lease.
    const m = newMessage({
      type: "MsgHeartbeat",
      to,
      commit,
      index: this.ticks,
    });
    if (ctx) m.context = ctx;
    this.send(m);
  }

  /** Sends every follower what it lacks, filling its inflight window. */
  bcastAppend(): void {
    for (const id of this.trk.progress.keys()) {
      if (id === this.id) continue;
      this.sendAppend(id);
      while (this.maybeSendAppend(id, false)) { /* fill the window */ }
    }
  }

  bcastHeartbeat(): void {
    this.bcastHeartbeatWithCtx(this.readOnly.lastPendingRequestCtx());
  }

  /** Heartbeats every follower with a ReadIndex context. */
  bcastHeartbeatWithCtx(ctx: Uint8Array | undefined): void {
    for (const id of this.trk.progress.keys()) {
      if (id !== this.id) this.#sendHeartbeat(id, ctx);
    }
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

  #stableLastIndex(): number {
    const u = this.raftLog.unstable;
    return u.snapshot ? 0 : u.offset - 1;
  }

  // ---- role changes ----------------------------------------------------

  reset(term: number): void {
    if (this.term !== term) {
      this.term = term;
      this.vote = NONE;
      // Acks of an older term may describe entries a new leader is about
      // to overwrite before they are durable: drop them (always safe).
      this.msgsAfterAppend = this.msgsAfterAppend.filter((m) => m.term >= term);
    }
    this.lead = NONE;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.#resetRandomizedElectionTimeout();
    this.abortLeaderTransfer();
    this.trk.resetVotes();
    const last = this.raftLog.lastIndex();
    const stable = this.#stableLastIndex();
    for (const [id, pr] of this.trk.progress) {
      pr.match = id === this.id ? stable : 0;
      pr.next = last + 1;
      pr.state = "probe";
      pr.pendingSnapshot = 0;
      pr.recentActive = id === this.id;
      pr.msgAppFlowPaused = false;
      pr.heartbeatAckTick = -Infinity;
      pr.inflights.reset();
    }
    this.pendingConfIndex = 0;
    this.pendingBcast = false;
    this.leaseRevoked = false;
    this.uncommittedSize = 0;
    this.readOnly = new ReadOnly(this.cfg.readOnlyOption);
    this.pendingReadIndexMessages = [];
  }

  becomeFollower(term: number, lead: number): void {
    this.reset(term);
    this.lead = lead;
    this.state = "follower";
  }

  becomeCandidate(): void {
    if (this.state === "leader") {
      throw new RaftInvariantError("invalid transition [leader -> candidate]");
    }
    this.reset(this.term + 1);
    this.vote = this.id;
    this.state = "candidate";
  }

  becomePreCandidate(): void {
    if (this.state === "leader") {
      throw new RaftInvariantError(
        "invalid transition [leader -> pre-candidate]",
      );
    }
    // Pre-vote changes neither term nor vote (dissertation 9.6).
    this.trk.resetVotes();
    this.lead = NONE;
    this.state = "preCandidate";
  }

  becomeLeader(): void {
    if (this.state === "follower") {
      throw new RaftInvariantError("invalid transition [follower -> leader]");
    }
    this.reset(this.term);
    this.lead = this.id;
    this.state = "leader";
    const self = this.trk.progress.get(this.id);
    if (self) {
      self.becomeReplicate();
      self.match = this.#stableLastIndex();
      self.recentActive = true;
    }
    // No conf change until the entries of earlier terms are applied: the
    // fix for single-server changes across leader changes (dissertation 4.1).
    this.pendingConfIndex = this.raftLog.lastIndex();
    // The empty entry commits the previous terms' entries (paper 5.4.2).
    this.#appendEntry([{
      term: 0,
      index: 0,
      type: EntryType.Normal,
      data: new Uint8Array(),
    }]);
  }

  #resetRandomizedElectionTimeout(): void {
    const et = this.cfg.electionTick;
    this.randomizedElectionTimeout = et + Math.floor(this.cfg.random() * et);
  }

  pastElectionTimeout(): boolean {
    return this.electionElapsed >= this.randomizedElectionTimeout;
  }

  /** Whether this peer may become leader. */
  promotable(): boolean {
    return this.trk.voters.has(this.id) && !this.raftLog.hasPendingSnapshot();
  }

  #appendEntry(proposed: readonly Entry[]): boolean {
    let li = this.raftLog.lastIndex();
    // Copy: a proposal message may be delivered twice (or kept by the
    // caller), and log entries must never change after they are appended.
    const es = proposed.map((e) => ({
      term: this.term,
      index: ++li,
      type: e.type,
      data: e.data,
    }));
    const max = this.cfg.maxUncommittedEntriesSize;
    if (max > 0) {
      const size = payloadsSize(es);
      if (
        this.uncommittedSize > 0 && size > 0 &&
        this.uncommittedSize + size > max
      ) {
        return false;
      }
      this.uncommittedSize += size;
    }
    this.raftLog.append(es);
    return true;
  }

  /** The driver applied these committed entries: free the uncommitted budget. */
  reduceUncommittedSize(ents: readonly Entry[]): void {
    if (this.uncommittedSize === 0) return;
    this.uncommittedSize = Math.max(
      0,
      this.uncommittedSize - payloadsSize(ents),
    );
  }

  // ---- ticks -------------------------------------------------------------

  tick(): void {
    this.ticks++;
    if (this.state === "leader") this.#tickHeartbeat();
    else this.#tickElection();
  }

  #tickElection(): void {
    this.electionElapsed++;
    if (this.promotable() && this.pastElectionTimeout()) {
      this.electionElapsed = 0;
      this.step(newMessage({ type: "MsgHup", from: this.id }));
    }
  }

  #tickHeartbeat(): void {
    this.heartbeatElapsed++;
    this.electionElapsed++;
    if (this.electionElapsed >= this.cfg.electionTick) {
      this.electionElapsed = 0;
      if (this.cfg.checkQuorum) {
        this.step(newMessage({ type: "MsgCheckQuorum", from: this.id }));
      }
      if (this.state === "leader" && this.leadTransferee !== NONE) {
        this.abortLeaderTransfer();
      }
    }
    if (this.state !== "leader") return;
    if (this.heartbeatElapsed >= this.cfg.heartbeatTick) {
      this.heartbeatElapsed = 0;
      this.step(newMessage({ type: "MsgBeat", from: this.id }));
    }
  }

  // ---- elections -----------------------------------------------------------

  /** Starts a campaign if this peer may (not leader, a voter, no unapplied conf change). */
  hup(t: CampaignType): void {
    if (this.state === "leader") return;
    if (!this.promotable()) return;
    if (this.#hasUnappliedConfChanges()) return;
    this.campaign(t);
  }

  #hasUnappliedConfChanges(): boolean {
    const lo = Math.max(this.raftLog.applied + 1, this.raftLog.firstIndex());
    const hi = this.raftLog.committed + 1;
    if (lo >= hi) return false;
    for (const e of this.raftLog.slice(lo, hi, Infinity)) {
      if (e.type === EntryType.ConfChange) return true;
    }
    return false;
  }

  campaign(t: CampaignType): void {
    if (!this.promotable()) return;
    let voteMsg: MessageType;
    let term: number;
    if (t === "preElection") {
      this.becomePreCandidate();
      voteMsg = "MsgPreVote";
      term = this.term + 1;
    } else {
      this.becomeCandidate();
      voteMsg = "MsgVote";
      term = this.term;
    }
    if (this.poll(this.id, true) === "won") {
      // A single-voter configuration wins at once.
      if (t === "preElection") this.campaign("election");
      else this.becomeLeader();
      return;
    }
    const ids = [...this.trk.voters].sort((a, b) => a - b);
    for (const id of ids) {
      if (id === this.id) continue;
      const m = newMessage({
        type: voteMsg,
        to: id,
        term,
        index: this.raftLog.lastIndex(),
        logTerm: this.raftLog.lastTerm(),
      });
      if (t === "transfer") m.context = CAMPAIGN_TRANSFER;
      this.send(m);
    }
  }

  /** Records a vote and returns the election's outcome so far. */
  poll(id: number, granted: boolean): "pending" | "won" | "lost" {
    this.trk.recordVote(id, granted);
    return this.trk.tallyVotes().result;
  }

  // ---- step ------------------------------------------------------------------

  /** Advances the state machine with one message. */
  step(m: Message): void {
    if (m.term === 0) {
      // local message
    } else if (m.term > this.term) {
      if (m.type === "MsgVote" || m.type === "MsgPreVote") {
        const force = isTransferCtx(m.context);
        // With lease reads a restarted node also waits: it may have
        // acknowledged a heartbeat just before it went down.
        const inLease = this.cfg.checkQuorum &&
          ((this.lead !== NONE &&
            this.electionElapsed < this.cfg.electionTick) ||
            (this.cfg.readOnlyOption === "leaseBased" &&
              this.ticks < this.cfg.electionTick));
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
        this.becomeFollower(m.term, m.from);
      } else {
        this.becomeFollower(m.term, NONE);
      }
    } else if (m.term < this.term) {
      if (
        (this.cfg.checkQuorum || this.cfg.preVote) &&
        (m.type === "MsgHeartbeat" || m.type === "MsgApp")
      ) {
        // A stale leader learns our term and steps down; without this a
        // node whose term rose while partitioned could never rejoin.
        this.send(newMessage({ type: "MsgAppResp", to: m.from }));
      } else if (m.type === "MsgPreVote" || m.type === "MsgVote") {
        // Paper figure 2: a stale RequestVote gets our term back. Without
        // it a candidate whose vote requests arrive late, and that the
        // other voters' outdated configuration does not include, can trail
        // their term forever.
        this.send(newMessage({
          type: voteRespType(m.type),
          to: m.from,
          term: this.term,
          reject: true,
        }));
      }
      return;
    }

    switch (m.type) {
      case "MsgHup":
        this.hup(this.cfg.preVote ? "preElection" : "election");
        return;
      case "MsgVote":
      case "MsgPreVote": {
        const canVote = this.vote === m.from ||
          (this.vote === NONE && this.lead === NONE) ||
          (m.type === "MsgPreVote" && m.term > this.term);
        if (canVote && this.raftLog.isUpToDate(m.index, m.logTerm)) {
          // Paper 5.2 & 5.4.1: one vote per term, only for an up-to-date log.
          this.send(
            newMessage({
              type: voteRespType(m.type),
              to: m.from,
              term: m.term,
            }),
          );
          if (m.type === "MsgVote") {
            this.electionElapsed = 0;
            this.vote = m.from;
          }
        } else {
          this.send(newMessage({
            type: voteRespType(m.type),
            to: m.from,
            term: this.term,
            reject: true,
          }));
        }
        return;
      }
    }
    switch (this.state) {
      case "leader":
        stepLeader(this, m);
        return;
      case "candidate":
      case "preCandidate":
        stepCandidate(this, m);
        return;
      case "follower":
        stepFollower(this, m);
        return;
    }
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
    if (entries.length === 0) {
      throw new RangeError("Cannot propose an empty batch");
    }
    if (!this.trk.progress.has(this.id)) {
      throw new ProposalDroppedError("this leader is not a member", {
        lead: this.lead,
      });
    }
    if (this.leadTransferee !== NONE) {
      throw new ProposalDroppedError(
        `leadership transfer to ${this.leadTransferee} in progress`,
        { lead: this.lead },
      );
    }
    for (let i = 0; i < entries.length; i++) {
      if (entries[i].type !== EntryType.ConfChange) continue;
      if (this.pendingConfIndex > this.raftLog.applied) {
        throw new ProposalDroppedError(
          `a conf change at ${this.pendingConfIndex} is not applied yet (applied ${this.raftLog.applied})`,
          { lead: this.lead },
        );
      }
      this.pendingConfIndex = this.raftLog.lastIndex() + i + 1;
    }
    if (!this.#appendEntry(entries)) {
      throw new ProposalDroppedError("too many uncommitted entries", {
        lead: this.lead,
      });
    }
    this.pendingBcast = true;
  }

  // ---- reads -------------------------------------------------------------------

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

function payloadsSize(ents: readonly Entry[]): number {
  let n = 0;
  for (const e of ents) n += e.data.length;
  return n;
}
