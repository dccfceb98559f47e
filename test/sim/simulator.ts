/**
 * A deterministic whole-cluster simulator: the real RawNode code, a seeded
 * network (drop, duplicate, reorder, delay, partition, heal), crashes that
 * lose everything not yet persisted, restarts, membership changes,
 * leadership transfers, client writes and ReadIndex reads. Invariants are
 * checked after every step; liveness after healing.
 *
 * @module
 */
import {
  type ConfChange,
  decodeConfChange,
  type Entry,
  EntryType,
  MemoryStorage,
  type Message,
  ProposalDroppedError,
  RawNode,
  type Ready,
  seededRandom,
  type Snapshot,
} from "../../src/raft/mod.ts";
import { dataKey, Invariants } from "./invariants.ts";

/** Options of one simulated run. */
export interface SimOptions {
  /** Initial voters (3 or 5). @default {3} */
  nodes?: number;
  /** Ticks of chaos before healing. @default {300} */
  steps?: number;
  /** Ticks allowed after healing for a leader and a write to commit. @default {400} */
  livenessTicks?: number;
  /** Print a line per event. @default {false} */
  trace?: boolean;
}

/** Outcome of one seed. */
export interface SimResult {
  seed: number;
  violations: string[];
  stats: Record<string, number>;
}

interface InFlight {
  at: number;
  m: Message;
}

interface SimNode {
  id: number;
  storage: MemoryStorage;
  node: RawNode | undefined; // undefined while crashed or stopped
  stopped: boolean; // removed from the cluster for good
  /** State machine: applied client data keys, by log index. */
  sm: Map<number, string>;
  appliedIndex: number;
  pendingReads: Map<string, { start: number; index?: number }>;
  /** A Ready whose persist is still "on disk" (slow fsync). */
  pending?: { rd: Ready; due: number };
}

const SUBROUNDS = 3;
const enc = new TextEncoder();
const dec = new TextDecoder();

/**
 * One seeded simulation of a cluster.
 *
 * @example
 * ```ts
 * const res = new Simulation(1, { steps: 100 }).run();
 * res.violations.length; // 0
 * ```
 */
export class Simulation {
  readonly seed: number;
  readonly rnd: () => number;
  readonly opts: Required<SimOptions>;
  readonly nodes = new Map<number, SimNode>();
  readonly initialVoters: number[];
  readonly inv: Invariants;
  net: InFlight[] = [];
  now = 0; // in sub-rounds
  partition: Map<number, number> | undefined; // node -> side
  dropRate = 0.05;
  dupRate = 0.02;
  maxDelay = 4;
  nextSpare: number;
  writeSeq = 0;
  everMember = new Set<number>();
  readSeq = 0;
  preVote: boolean;
  checkQuorum: boolean;
  leaseReads: boolean;
  stats: Record<string, number> = {
    proposals: 0,
    dropped: 0,
    acked: 0,
    reads: 0,
    readsDone: 0,
    crashes: 0,
    confChanges: 0,
    transfers: 0,
    snapshots: 0,
    snapsSent: 0,
    elections: 0,
  };

  constructor(seed: number, opts: SimOptions = {}) {
    this.seed = seed;
    this.rnd = seededRandom(seed);
    this.opts = {
      nodes: opts.nodes ?? 3,
      steps: opts.steps ?? 300,
      livenessTicks: opts.livenessTicks ?? 400,
      trace: opts.trace ?? false,
    };
    this.preVote = this.rnd() < 0.5;
    this.checkQuorum = this.rnd() < 0.5;
    this.leaseReads = this.checkQuorum && this.rnd() < 0.5;
    this.initialVoters = [];
    for (let i = 1; i <= this.opts.nodes; i++) this.initialVoters.push(i);
    this.nextSpare = this.opts.nodes + 1;
    this.inv = new Invariants();
    for (const id of this.initialVoters) {
      this.everMember.add(id);
      this.#addNode(id);
    }
  }

  #log(s: string): void {
    if (this.opts.trace) console.log(`[${this.seed} t=${this.now}] ${s}`);
  }

  #int(n: number): number {
    return Math.floor(this.rnd() * n);
  }

  #pick<T>(xs: T[]): T | undefined {
    return xs.length === 0 ? undefined : xs[this.#int(xs.length)];
  }

  #addNode(id: number): void {
    // A joiner boots with the founders' membership and replays the log.
    const storage = MemoryStorage.withVoters(this.initialVoters);
    const n: SimNode = {
      id,
      storage,
      node: undefined,
      stopped: false,
      sm: new Map(),
      appliedIndex: 0,
      pendingReads: new Map(),
    };
    this.nodes.set(id, n);
    this.#start(n);
  }

  #start(n: SimNode): void {
    const snap = n.storage.snapshot();
    n.sm = decodeSm(snap);
    n.appliedIndex = snap.metadata.index;
    n.pendingReads = new Map();
    n.node = new RawNode({
      id: n.id,
      storage: n.storage,
      random: seededRandom(this.seed * 7919 + n.id * 104729 + this.now),
      applied: snap.metadata.index,
      electionTick: 10,
      heartbeatTick: 1,
      preVote: this.preVote,
      checkQuorum: this.checkQuorum,
      readOnlyOption: this.leaseReads ? "leaseBased" : "safe",
      maxSizePerMsg: 256,
      maxInflightMsgs: 4,
      maxCommittedSizePerReady: 1024,
    });
    this.inv.onRestart(n.id, n.node);
  }

  #live(): SimNode[] {
    return [...this.nodes.values()].filter((n) => n.node !== undefined);
  }

  #leaders(): SimNode[] {
    return this.#live().filter((n) => n.node!.raft.state === "leader");
  }

  // ---- network ---------------------------------------------------------------

  #send(m: Message): void {
    if (this.rnd() < this.dropRate) {
      if (m.type === "MsgSnap") this.#reportSnapshot(m, "failure");
      return;
    }

    const at = this.now + this.#int(this.maxDelay + 1);
    this.net.push({ at, m });
    if (this.rnd() < this.dupRate) {
      this.net.push({
        at: this.now + this.#int(this.maxDelay + 1),
        m: { ...m },
      });
    }
  }

  #reportSnapshot(m: Message, status: "finish" | "failure"): void {
    this.nodes.get(m.from)?.node?.reportSnapshot(m.to, status);
  }

  #cutOff(from: number, to: number): boolean {
    if (!this.partition) return false;
    return (this.partition.get(from) ?? 0) !== (this.partition.get(to) ?? 0);
  }

  #deliverDue(): void {
    const due: InFlight[] = [];
    const rest: InFlight[] = [];
    for (const f of this.net) (f.at <= this.now ? due : rest).push(f);
    this.net = rest;
    for (const { m } of due) {
      const n = this.nodes.get(m.to);
      if (!n?.node || this.#cutOff(m.from, m.to)) {
        if (m.type === "MsgSnap") this.#reportSnapshot(m, "failure");
        continue;
      }
      n.node.step(m);
      if (m.type === "MsgSnap") {
        // The transport tells raft how a snapshot went, as a real one
        // would once the stream ends.
        this.stats.snapsSent++;
        this.#reportSnapshot(m, "finish");
      }
    }
  }

  // ---- the driver --------------------------------------------------------------

  /**
   * Processes Readies (persist -> send -> apply -> advance) until none are
   * left. Immediate messages leave at once; with a slow disk the rest of a
   * Ready waits some sub-rounds while the node keeps stepping messages, as
   * a leader does while its fsync runs.
   */
  #handleReadies(n: SimNode, crashPoint: number, slowDisk: boolean): void {
    for (let guard = 0; guard < 100 && n.node; guard++) {
      if (n.pending) {
        if (n.pending.due > this.now) return;
        const rd = n.pending.rd;
        n.pending = undefined;
        this.#finishReady(n, rd, crashPoint);
        continue;
      }
      if (!n.node.hasReady()) return;
      const rd = n.node.ready();
      this.inv.onReady(n.id, n.node, rd);
      for (const m of rd.messages) this.#send(m);
      if (crashPoint === 1) {
        return this.#crash(n, "after sending, before persisting");
      }
      if (slowDisk && this.rnd() < 0.3) {
        n.pending = { rd, due: this.now + 1 + this.#int(8) };
        return;
      }
      this.#finishReady(n, rd, crashPoint);
    }
  }

  #finishReady(n: SimNode, rd: Ready, crashPoint: number): void {
    const node = n.node!;
    if (rd.snapshot) n.storage.applySnapshot(rd.snapshot);
    n.storage.append(rd.entries);
    if (rd.hardState) n.storage.setHardState(rd.hardState);
    if (crashPoint === 2) {
      return this.#crash(n, "after persisting, before sending");
    }
    for (const m of rd.persistedMessages) this.#send(m);
    if (rd.snapshot) {
      n.sm = decodeSm(rd.snapshot);
      n.appliedIndex = rd.snapshot.metadata.index;
    }
    for (const e of rd.committedEntries) this.#apply(n, e);
    if (!n.node) return; // stopped after applying its own removal
    for (const rs of rd.readStates) {
      const key = dec.decode(rs.requestCtx);
      const r = n.pendingReads.get(key);
      if (r) r.index = rs.index;
    }
    this.#serveReads(n);
    node.advance(rd);
    // A slow Ready may describe a leadership already lost: check the node
    // as it is now.
    if (rd.softState?.role === "leader" && node.raft.state === "leader") {
      this.stats.elections++;
      this.inv.onLeader(n.id, node);
    }
  }

  #apply(n: SimNode, e: Entry): void {
    if (e.index <= n.appliedIndex) return;
    this.inv.onApply(n.id, e, dataKey(e));
    n.appliedIndex = e.index;
    if (e.type === EntryType.ConfChange) {
      const cc = decodeConfChange(e.data);
      n.node!.applyConfChange(cc);
      if (cc.type !== "removeNode") this.everMember.add(cc.nodeId);
      if (cc.type === "removeNode" && cc.nodeId === n.id) {
        this.#log(`node ${n.id} applied its own removal and stops`);
        n.node = undefined;
        n.stopped = true;
      }
      return;
    }
    if (e.data.length === 0) return;
    const key = dec.decode(e.data);
    n.sm.set(e.index, key);
    if (key.startsWith("w")) {
      if (this.inv.onWriteAcked(key, e.index)) this.stats.acked++;
    }
  }

  #serveReads(n: SimNode): void {
    for (const [key, r] of n.pendingReads) {
      if (r.index === undefined || n.appliedIndex < r.index) continue;
      this.inv.onReadServed(key, r.start, r.index, n.appliedIndex);
      n.pendingReads.delete(key);
      this.stats.readsDone++;
    }
  }

  #crash(n: SimNode, why: string): void {
    this.#log(`crash node ${n.id} (${why})`);
    this.stats.crashes++;
    n.node = undefined;
    n.pending = undefined;
  }

  // ---- client & operator actions -----------------------------------------------

  #propose(): void {
    const n = this.#pick(this.#live());
    if (!n) return;
    const key = `w${this.seed}-${++this.writeSeq}`;
    this.stats.proposals++;
    try {
      n.node!.propose(enc.encode(key));
    } catch (e) {
      if (!(e instanceof ProposalDroppedError)) throw e;
      this.stats.dropped++;
    }
  }

  #read(): void {
    const n = this.#pick(this.#live());
    if (!n) return;
    const key = `r${++this.readSeq}`;
    this.stats.reads++;
    try {
      n.node!.readIndex(enc.encode(key));
      n.pendingReads.set(key, { start: this.inv.maxAckedIndex });
    } catch (e) {
      if (!(e instanceof ProposalDroppedError)) throw e;
    }
  }

  #confChange(): void {
    const l = this.#pick(this.#leaders());
    if (!l) return;
    const cs = l.node!.raft.trk.confState();
    const choices: ConfChange[] = [];
    if (
      cs.voters.length + cs.learners.length < 7 &&
      this.nextSpare <= this.opts.nodes + 4
    ) {
      choices.push({ type: "addLearnerNode", nodeId: this.nextSpare });
    }
    for (const id of cs.learners) {
      if (cs.voters.length < 6) choices.push({ type: "addNode", nodeId: id });
    }
    if (cs.voters.length >= 3) {
      for (const id of cs.voters) {
        choices.push({ type: "removeNode", nodeId: id });
      }
    }
    for (const id of cs.learners) {
      choices.push({ type: "removeNode", nodeId: id });
    }
    const cc = this.#pick(choices);
    if (!cc) return;
    try {
      l.node!.proposeConfChange(cc);
    } catch (e) {
      if (!(e instanceof ProposalDroppedError)) throw e;
      return;
    }
    this.stats.confChanges++;
    this.#log(`propose ${cc.type} ${cc.nodeId} on leader ${l.id}`);
    if (cc.type === "addLearnerNode") {
      this.#addNode(cc.nodeId);
      this.nextSpare++;
    }
  }

  #transfer(): void {
    const l = this.#pick(this.#leaders());
    if (!l) return;
    const target = this.#pick(
      [...l.node!.raft.trk.voters].filter((id) => id !== l.id),
    );
    if (target === undefined) return;
    this.stats.transfers++;
    this.#log(`transfer ${l.id} -> ${target}`);
    l.node!.transferLeader(target);
  }

  #snapshot(): void {
    const n = this.#pick(this.#live());
    if (!n) return;
    const snapIndex = n.storage.snapshot().metadata.index;
    const applied = n.node!.raft.raftLog.applied;
    if (applied <= snapIndex + 3 || applied > n.storage.lastIndex()) return;
    const data = encodeSm(n.sm, applied);
    n.storage.createSnapshot(applied, {
      confState: n.node!.raft.trk.confState(),
      data,
    });
    n.storage.compact(applied);
    this.stats.snapshots++;
  }

  #randomPartition(): void {
    const ids = [...this.nodes.keys()];
    this.partition = new Map(ids.map((id) => [id, this.#int(2)]));
    this.#log(`partition ${JSON.stringify([...this.partition])}`);
  }

  /** Cuts the leader (with a client's node) off from the rest: the stale-leader case for reads. */
  #isolateLeader(): void {
    const l = this.#pick(this.#leaders());
    if (!l) return;
    this.partition = new Map(
      [...this.nodes.keys()].map((id) => [id, id === l.id ? 1 : 0]),
    );
    this.#log(`isolate leader ${l.id}`);
  }

  #action(): void {
    const x = this.rnd();
    if (x < 0.30) this.#propose();
    else if (x < 0.40) this.#read();
    else if (x < 0.43) {
      const n = this.#pick(this.#live());
      if (n) this.#crash(n, "between steps");
    } else if (x < 0.48) {
      const n = this.#pick(
        [...this.nodes.values()].filter((n) => !n.node && !n.stopped),
      );
      if (n) {
        this.#log(`restart node ${n.id}`);
        this.#start(n);
      }
    } else if (x < 0.51) this.#randomPartition();
    else if (x < 0.55) this.partition = undefined;
    else if (x < 0.57) this.#confChange();
    else if (x < 0.59) this.#transfer();
    else if (x < 0.62) this.#snapshot();
    else if (x < 0.66) {
      // Power loss while a write is on its way to disk, leaders first:
      // the case the persisted/immediate message split exists for.
      const slow = this.#live().filter((n) => n.pending);
      const n = this.#pick(slow.filter((n) =>
        n.node!.raft.state === "leader"
      )) ??
        this.#pick(slow);
      if (n) this.#crash(n, "with a Ready not yet durable");
    } else if (x < 0.70) this.#isolateLeader();
  }

  // ---- the run ---------------------------------------------------------------------

  #round(chaos: boolean): void {
    this.now++;
    if (this.now % SUBROUNDS === 0) {
      for (const n of this.#live()) n.node!.tick();
    }
    this.#deliverDue();
    if (chaos && this.rnd() < 0.3) this.#action();
    for (const n of this.#live()) {
      let crashPoint = 0;
      if (chaos && this.rnd() < 0.004) crashPoint = 1 + this.#int(2);
      this.#handleReadies(n, crashPoint, chaos);
    }
    this.inv.checkStep(this.#live().map((n) => ({ id: n.id, node: n.node! })));
  }

  /** Runs chaos, heals, and checks liveness. */
  run(): SimResult {
    try {
      for (let i = 0; i < this.opts.steps * SUBROUNDS && this.inv.ok(); i++) {
        this.#round(true);
      }
      if (this.inv.ok()) this.#healAndCheckLiveness();
    } catch (e) {
      this.inv.violation(
        `exception: ${e instanceof Error ? e.stack ?? e.message : String(e)}`,
      );
    }
    return {
      seed: this.seed,
      violations: this.inv.violations,
      stats: this.stats,
    };
  }

  #stopNonMembers(l: SimNode): void {
    const r = l.node!.raft;
    // Only a leader that is current (highest term anywhere, and committed
    // in it) knows every committed conf change.
    const maxTerm = Math.max(...this.#live().map((n) => n.node!.raft.term));
    const lc = r.raftLog.committed;
    if (r.term < maxTerm || r.raftLog.zeroTermOnOutOfBounds(lc) !== r.term) {
      return;
    }
    const keep = new Set([...r.trk.voters, ...r.trk.learners]);
    const log = r.raftLog;
    if (log.applied < log.lastIndex()) {
      const lo = Math.max(log.applied + 1, log.firstIndex());
      for (const e of log.slice(lo, log.lastIndex() + 1, Infinity)) {
        if (e.type === EntryType.ConfChange) {
          keep.add(decodeConfChange(e.data).nodeId);
        }
      }
    }
    for (const n of this.#live()) {
      // Ids are never reused: a past member missing from the leader's
      // applied configuration was removed by a committed entry.
      if (keep.has(n.id) || !this.everMember.has(n.id)) continue;
      this.#log(
        `stop non-member ${n.id} (leader ${l.id} t${r.term} applied ${log.applied} last ${log.lastIndex()} conf ${
          JSON.stringify(r.trk.confState())
        })`,
      );
      n.node = undefined;
      n.stopped = true;
    }
  }

  #healAndCheckLiveness(): void {
    this.partition = undefined;
    this.dropRate = 0;
    this.dupRate = 0;
    for (const n of this.nodes.values()) {
      if (!n.node && !n.stopped) this.#start(n);
    }
    const probe = `w${this.seed}-live`;
    let proposed = false;
    const limit = this.opts.livenessTicks * SUBROUNDS;
    for (let i = 0; i < limit && this.inv.ok(); i++) {
      this.#round(false);
      const leaders = this.#leaders();
      // Stop nodes the current leader no longer counts as members.
      const l = leaders.find((x) =>
        x.node!.raft.term === Math.max(...leaders.map((y) => y.node!.raft.term))
      );
      if (!l) continue;
      const cs = l.node!.raft.trk;
      this.#stopNonMembers(l);
      if (!proposed || i % (20 * SUBROUNDS) === 0) {
        try {
          l.node!.propose(enc.encode(probe));
          proposed = true;
        } catch (e) {
          if (!(e instanceof ProposalDroppedError)) throw e;
        }
      }
      if (!proposed) continue;
      const members = [...cs.voters, ...cs.learners];
      const done = members.every((id) => {
        const n = this.nodes.get(id);
        return n?.node !== undefined && [...n.sm.values()].includes(probe);
      });
      if (done) return;
    }
    if (this.inv.ok()) {
      const st = this.#live().map((n) => {
        const s = n.node!.status();
        let p = "";
        if (s.progress) {
          p = " {" + [...s.progress].map(([id, pr]) =>
            `${id}:${pr.state} m${pr.match} n${pr.next}${
              pr.recentActive ? "" : " inactive"
            }`
          ).join(", ") + ` first=${n.node!.raft.raftLog.firstIndex()}}`;
        }
        return `${n.id}:${s.role}/t${s.term}/c${s.commit}/a${s.applied}${p}`;
      });
      this.inv.violation(
        `liveness: no leader committed and applied a write on every member within ${this.opts.livenessTicks} ticks after healing [${
          st.join(" ")
        }]`,
      );
    }
  }
}

function encodeSm(sm: Map<number, string>, index: number): Uint8Array {
  const entries = [...sm].filter(([i]) => i <= index);
  return enc.encode(JSON.stringify(entries));
}

function decodeSm(s: Snapshot): Map<number, string> {
  if (s.data.length === 0) return new Map();
  return new Map(JSON.parse(dec.decode(s.data)) as [number, string][]);
}
