/**
 * A synchronous in-process cluster of RawNodes over MemoryStorage and a
 * perfect (but cuttable) network, for paper tests and scripts.
 *
 * @module
 */
import {
  decodeConfChange,
  type Entry,
  EntryType,
  MemoryStorage,
  type Message,
  type RaftConfig,
  RawNode,
  type ReadState,
  type Ready,
  seededRandom,
} from "../../src/raft/mod.ts";

/** One peer of the test cluster. */
export interface Peer {
  id: number;
  node: RawNode;
  storage: MemoryStorage;
  applied: Entry[];
  readStates: ReadState[];
}

/** Options of {@linkcode Cluster}. */
export interface ClusterOptions {
  /** Extra raft config for every peer. */
  config?: Partial<RaftConfig>;
  /** Seed of the random election timeouts. @default {1} */
  seed?: number;
  /** Ids of learners at boot. @default {[]} */
  learners?: number[];
}

const key = (from: number, to: number) => `${from}->${to}`;

/** A tiny driver around RawNodes that delivers messages synchronously. */
export class Cluster {
  peers = new Map<number, Peer>();
  /** Undelivered messages in send order. */
  queue: Message[] = [];
  cut = new Set<string>();
  ignored = new Set<string>();
  /** Every message delivered, for assertions. */
  delivered: Message[] = [];
  /** Driver hook: when set, messages are collected but not delivered. */
  hold = false;
  readonly opts: ClusterOptions;
  readonly voters: number[];

  constructor(voters: number[], opts: ClusterOptions = {}) {
    this.opts = opts;
    this.voters = voters;
    for (const id of [...voters, ...(opts.learners ?? [])]) this.addPeer(id);
  }

  /** Creates a peer with the boot membership (or a given storage). */
  addPeer(id: number, storage?: MemoryStorage): Peer {
    const st = storage ??
      MemoryStorage.withVoters(this.voters, this.opts.learners ?? []);
    const node = new RawNode({
      id,
      storage: st,
      random: seededRandom((this.opts.seed ?? 1) * 1000 + id),
      ...this.opts.config,
    });
    const p: Peer = { id, node, storage: st, applied: [], readStates: [] };
    this.peers.set(id, p);
    return p;
  }

  peer(id: number): Peer {
    const p = this.peers.get(id);
    if (!p) throw new Error(`no peer ${id}`);
    return p;
  }

  /** Processes one Ready of peer `id`, if any; returns it. */
  handleReady(id: number): Ready | undefined {
    const p = this.peer(id);
    if (!p.node.hasReady()) return undefined;
    const rd = p.node.ready();
    if (rd.snapshot) {
      p.storage.applySnapshot(rd.snapshot);
    }
    if (rd.hardState) p.storage.setHardState(rd.hardState);
    p.storage.append(rd.entries);
    this.queue.push(...rd.messages, ...rd.persistedMessages);
    for (const e of rd.committedEntries) {
      p.applied.push(e);
      if (e.type === EntryType.ConfChange) {
        // The membership is persisted with snapshots only; a restart
        // replays later conf changes from the log.
        p.node.applyConfChange(decodeConfChange(e.data));
      }
    }
    p.readStates.push(...rd.readStates);
    p.node.advance(rd);
    return rd;
  }

  /** Handles readies and delivers messages until nothing moves. */
  stabilize(maxRounds = 10_000): void {
    for (let round = 0; round < maxRounds; round++) {
      let moved = false;
      for (const id of this.peers.keys()) {
        while (this.handleReady(id)) moved = true;
      }
      if (this.hold) return;
      const batch = this.queue;
      this.queue = [];
      for (const m of batch) {
        moved = true;
        this.deliver(m);
      }
      if (!moved) return;
    }
    throw new Error("cluster did not stabilize");
  }

  /** Delivers one message unless its link is cut or its type ignored. */
  deliver(m: Message): void {
    if (this.cut.has(key(m.from, m.to)) || this.ignored.has(m.type)) return;
    const p = this.peers.get(m.to);
    if (!p) return;
    this.delivered.push(m);
    p.node.step(m);
  }

  /** Campaigns on `id` and lets the cluster settle. */
  elect(id: number): void {
    this.peer(id).node.campaign();
    this.stabilize();
  }

  /** Ticks every peer `n` times, settling after each tick. */
  tickAll(n: number): void {
    for (let i = 0; i < n; i++) {
      for (const p of this.peers.values()) p.node.tick();
      this.stabilize();
    }
  }

  /** Ticks one peer `n` times, settling after each tick. */
  tick(id: number, n: number): void {
    for (let i = 0; i < n; i++) {
      this.peer(id).node.tick();
      this.stabilize();
    }
  }

  /** Cuts both directions between two peers. */
  cutLink(a: number, b: number): void {
    this.cut.add(key(a, b));
    this.cut.add(key(b, a));
  }

  /** Cuts a peer from all others. */
  isolate(id: number): void {
    for (const other of this.peers.keys()) {
      if (other !== id) this.cutLink(id, other);
    }
  }

  /** Restores every link. */
  heal(): void {
    this.cut.clear();
    this.ignored.clear();
  }

  /** Current leader as seen by a majority of peers, or 0. */
  leader(): number {
    for (const p of this.peers.values()) {
      if (p.node.raft.state === "leader") return p.id;
    }
    return 0;
  }

  /** Data of applied normal entries with content, as strings. */
  appliedData(id: number): string[] {
    const dec = new TextDecoder();
    return this.peer(id).applied
      .filter((e) => e.type === EntryType.Normal && e.data.length > 0)
      .map((e) => dec.decode(e.data));
  }
}

/** Encodes a string as entry data. */
export function bytes(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}
