/**
 * The driver-facing API: feed time and messages in, take a Ready out,
 * persist -> send -> apply -> advance (etcd's `RawNode`).
 *
 * @module
 */
import type { RaftConfig } from "./config.ts";
import {
  ProposalDroppedError,
  RaftInvariantError,
  StepLocalMessageError,
} from "./errors.ts";
import { Raft, type StateRole } from "./raft.ts";
import type { ReadState } from "./read_only.ts";
import { getStatus, type Status } from "./status.ts";
import {
  type ConfChange,
  type ConfState,
  encodeConfChange,
  type Entry,
  EntryType,
  type HardState,
  isHardStateEqual,
  isLocalMsg,
  isResponseMsg,
  type Message,
  newMessage,
  type Snapshot,
} from "./types.ts";

/**
 * Volatile state the driver may want to observe (not persisted).
 *
 * @example
 * ```ts
 * const ss: SoftState = { lead: 1, role: "leader" };
 * ```
 */
export interface SoftState {
  lead: number;
  role: StateRole;
}

/**
 * Work for the driver. Do it in this order: persist `hardState`,
 * `entries` and `snapshot` (one sync if `mustSync`); send `messages` (may
 * go before or during the persist); send `persistedMessages` (only after
 * the persist); apply `snapshot` then `committedEntries`; serve
 * `readStates` once applied up to their index; call `advance(rd)`.
 *
 * @example
 * ```ts
 * import { MemoryStorage } from "./memory_storage.ts";
 * const storage = MemoryStorage.withVoters([1]);
 * const node = new RawNode({ id: 1, storage, random: () => 0 });
 * node.campaign();
 * const rd: Ready = node.ready();
 * if (rd.hardState) storage.setHardState(rd.hardState);
 * storage.append(rd.entries);
 * node.advance(rd);
 * ```
 */
export interface Ready {
  softState?: SoftState;
  hardState?: HardState;
  /** Entries to make durable before `persistedMessages` go out. */
  entries: Entry[];
  /** A snapshot to make durable and install. */
  snapshot?: Snapshot;
  /** Entries to apply to the state machine, in order. */
  committedEntries: Entry[];
  /** Messages that may be sent now, in parallel with the persist. */
  messages: Message[];
  /** Messages to send only after this Ready's state is durable. */
  persistedMessages: Message[];
  /** Reads that can be served once `applied >= index`. */
  readStates: ReadState[];
  /** Whether the persist must be synced (entries, term or vote changed). */
  mustSync: boolean;
}

/**
 * Status of a snapshot sent to a follower, reported by the driver.
 *
 * @example
 * ```ts
 * const s: SnapshotStatus = "finish";
 * ```
 */
export type SnapshotStatus = "finish" | "failure";

/**
 * A raft peer driven by the caller.
 *
 * @example
 * ```ts
 * import { MemoryStorage } from "./memory_storage.ts";
 * import { seededRandom } from "./seeded_random.ts";
 * const node = new RawNode({ id: 1, storage: MemoryStorage.withVoters([1]), random: seededRandom(1) });
 * node.campaign();
 * node.hasReady(); // true
 * ```
 */
export class RawNode {
  readonly raft: Raft;
  #prevSoft: SoftState;
  #prevHard: HardState;
  /** The Ready handed out and not yet advanced. */
  #outstanding: Ready | undefined;

  constructor(config: RaftConfig) {
    this.raft = new Raft(config);
    this.#prevSoft = this.#softState();
    this.#prevHard = this.raft.hardState();
  }

  #softState(): SoftState {
    return { lead: this.raft.lead, role: this.raft.state };
  }

  /** Advances the logical clock by one tick. */
  tick(): void {
    this.raft.tick();
  }

  /** Starts an election now (pre-vote first if configured). */
  campaign(): void {
    this.raft.step(newMessage({ type: "MsgHup", from: this.raft.id }));
  }

  /**
   * Proposes data to be appended to the log. Throws
   * {@linkcode ProposalDroppedError} when it cannot be accepted now.
   */
  propose(data: Uint8Array): void {
    this.raft.propose([{ term: 0, index: 0, type: EntryType.Normal, data }]);
  }

  /** Proposes several entries as one message (one batch for the leader). */
  proposeMany(datas: readonly Uint8Array[]): void {
    if (datas.length === 0) return;
    this.raft.propose(
      datas.map((data) => ({
        term: 0,
        index: 0,
        type: EntryType.Normal,
        data,
      })),
    );
  }

  /** Proposes a membership change; one may be pending at a time. */
  proposeConfChange(cc: ConfChange): void {
    this.raft.step(newMessage({
      type: "MsgProp",
      from: this.raft.id,
      entries: [{
        term: 0,
        index: 0,
        type: EntryType.ConfChange,
        data: encodeConfChange(cc),
      }],
    }));
  }

  /** Applies a committed conf change; returns the membership to persist. */
  applyConfChange(cc: ConfChange): ConfState {
    return this.raft.applyConfChange(cc);
  }

  /**
   * Steps a message received from a peer. Local message types are
   * refused. A forwarded proposal the leader cannot take is dropped
   * silently, as the network could have dropped it.
   */
  step(m: Message): void {
    if (isLocalMsg(m.type)) throw new StepLocalMessageError(m.type);
    if (isResponseMsg(m.type) && !this.raft.trk.progress.has(m.from)) return;
    try {
      this.raft.step(m);
    } catch (e) {
      if (e instanceof ProposalDroppedError) return;
      throw e;
    }
  }

  /**
   * Asks for a linearizable read. The answer appears in a later Ready's
   * `readStates` with the same `ctx` (which must be unique per request).
   */
  readIndex(ctx: Uint8Array): void {
    this.raft.step(newMessage({
      type: "MsgReadIndex",
      from: this.raft.id,
      entries: [{ term: 0, index: 0, type: EntryType.Normal, data: ctx }],
    }));
  }

  /** Asks the leader to hand leadership to `transferee`. */
  transferLeader(transferee: number): void {
    this.raft.step(newMessage({ type: "MsgTransferLeader", from: transferee }));
  }

  /** The driver could not reach `id`: slow down replication to it. */
  reportUnreachable(id: number): void {
    this.raft.step(newMessage({ type: "MsgUnreachable", from: id }));
  }

  /** The driver finished (or failed) sending a snapshot to `id`. */
  reportSnapshot(id: number, status: SnapshotStatus): void {
    this.raft.step(
      newMessage({
        type: "MsgSnapStatus",
        from: id,
        reject: status === "failure",
      }),
    );
  }

  /** The state of this peer. */
  status(): Status {
    return getStatus(this.raft);
  }

  /** Whether {@linkcode ready} has anything to do. */
  hasReady(): boolean {
    // One Ready at a time: the next one waits for advance().
    if (this.#outstanding) return false;
    const r = this.raft;
    if (r.pendingBcast && r.state === "leader") return true;
    if (r.msgs.length > 0 || r.msgsAfterAppend.length > 0) return true;
    if (r.readStates.length > 0) return true;
    if (r.raftLog.unstableEntries().length > 0) return true;
    if (r.raftLog.hasPendingSnapshot()) return true;
    if (r.raftLog.hasNextCommittedEnts()) return true;
    const ss = this.#softState();
    if (ss.lead !== this.#prevSoft.lead || ss.role !== this.#prevSoft.role) {
      return true;
    }
    return !isHardStateEqual(r.hardState(), this.#prevHard);
  }

  /**
   * Collects the work since the last Ready. Call {@linkcode advance} with
   * it before asking for the next one.
   */
  ready(): Ready {
    if (this.#outstanding) {
      throw new RaftInvariantError("ready() called again before advance()");
    }
    const r = this.raft;
    r.flushBcast();
    const entries = r.raftLog.unstableEntries().slice();
    const rd: Ready = {
      entries,
      committedEntries: r.raftLog.nextCommittedEnts(),
      messages: r.msgs,
      persistedMessages: r.msgsAfterAppend,
      readStates: r.readStates,
      mustSync: false,
    };
    r.msgs = [];
    r.msgsAfterAppend = [];
    r.readStates = [];
    if (r.raftLog.unstable.snapshot) rd.snapshot = r.raftLog.unstable.snapshot;
    const ss = this.#softState();
    if (ss.lead !== this.#prevSoft.lead || ss.role !== this.#prevSoft.role) {
      rd.softState = ss;
      this.#prevSoft = ss;
    }
    const hs = r.hardState();
    if (!isHardStateEqual(hs, this.#prevHard)) {
      rd.hardState = hs;
      rd.mustSync = entries.length > 0 || hs.term !== this.#prevHard.term ||
        hs.vote !== this.#prevHard.vote;
      this.#prevHard = hs;
    } else {
      rd.mustSync = entries.length > 0;
    }
    if (rd.snapshot) rd.mustSync = true;
    this.#outstanding = rd;
    return rd;
  }

  /** The driver has persisted, sent and applied `rd`. */
  advance(rd: Ready): void {
    if (rd !== this.#outstanding) {
      throw new RaftInvariantError("advance() must be given the last Ready");
    }
    this.#outstanding = undefined;
    const r = this.raft;
    if (rd.snapshot) {
      r.onStableSnap(rd.snapshot.metadata.index);
      if (rd.snapshot.metadata.index > r.raftLog.applied) {
        r.raftLog.appliedTo(rd.snapshot.metadata.index);
      }
    }
    if (rd.entries.length > 0) {
      const last = rd.entries[rd.entries.length - 1];
      r.onStable(last.index, last.term);
    }
    if (rd.committedEntries.length > 0) {
      const last = rd.committedEntries[rd.committedEntries.length - 1];
      if (last.index > r.raftLog.applied) r.raftLog.appliedTo(last.index);
      r.reduceUncommittedSize(rd.committedEntries);
    }
  }
}
