/**
 * Raft core throughput: a 3-node cluster in one process over MemoryStorage
 * and a perfect network, proposals of 100 bytes, with 1 and with 256
 * proposals in flight ("concurrent proposers"). Entries committed per
 * second = entries per iteration / time per iteration.
 *
 *   deno bench -A bench/raft_bench.ts          # Deno.bench groups
 *   deno run -A bench/raft_bench.ts            # prints entries/s directly
 *
 * @module
 */
import {
  EntryType,
  MemoryStorage,
  type Message,
  RawNode,
  seededRandom,
} from "../src/raft/mod.ts";

const PAYLOAD = new Uint8Array(100).fill(0x61);

/** A 3-node cluster driven synchronously: persist -> send -> apply -> advance. */
class BenchCluster {
  readonly ids = [1, 2, 3];
  readonly nodes = new Map<number, RawNode>();
  readonly storages = new Map<number, MemoryStorage>();
  inbox: Message[] = [];
  /** Normal entries with data applied on the leader. */
  applied = 0;

  constructor() {
    for (const id of this.ids) {
      const storage = MemoryStorage.withVoters(this.ids);
      this.storages.set(id, storage);
      this.nodes.set(
        id,
        new RawNode({
          id,
          storage,
          random: seededRandom(id),
          maxSizePerMsg: 1 << 20,
          maxInflightMsgs: 256,
        }),
      );
    }
    this.nodes.get(1)!.campaign();
    for (let i = 0; i < 10; i++) this.pump();
    if (this.nodes.get(1)!.raft.state !== "leader") {
      throw new Error("no leader");
    }
  }

  get leader(): RawNode {
    return this.nodes.get(1)!;
  }

  /** Handles one Ready per node, then delivers every message. */
  pump(): void {
    for (const [id, node] of this.nodes) {
      if (!node.hasReady()) continue;
      const rd = node.ready();
      const st = this.storages.get(id)!;
      if (rd.snapshot) st.applySnapshot(rd.snapshot);
      st.append(rd.entries);
      if (rd.hardState) st.setHardState(rd.hardState);
      for (const m of rd.messages) this.inbox.push(m);
      for (const m of rd.persistedMessages) this.inbox.push(m);
      if (id === 1) {
        for (const e of rd.committedEntries) {
          if (e.type === EntryType.Normal && e.data.length > 0) this.applied++;
        }
      }
      node.advance(rd);
    }
    const msgs = this.inbox;
    this.inbox = [];
    for (const m of msgs) this.nodes.get(m.to)!.step(m);
  }

  /** Bounds memory between iterations: snapshot and compact every log. */
  compact(): void {
    for (const [id, node] of this.nodes) {
      const st = this.storages.get(id)!;
      const applied = node.raft.raftLog.applied;
      if (applied > st.snapshot().metadata.index && applied <= st.lastIndex()) {
        st.createSnapshot(applied);
        st.compact(applied);
      }
    }
  }

  /** Commits `total` entries keeping `window` proposals outstanding. */
  run(total: number, window: number): void {
    const start = this.applied;
    const target = start + total;
    let proposed = start;
    while (this.applied < target) {
      while (proposed - this.applied < window && proposed < target) {
        this.leader.propose(PAYLOAD);
        proposed++;
      }
      this.pump();
    }
    this.compact();
  }
}

const CASES = [
  // The same work per iteration, so time/iter compares directly.
  { name: "1 proposer", window: 1, perIter: 10_240 },
  { name: "256 proposers", window: 256, perIter: 10_240 },
];

for (const c of CASES) {
  const cluster = new BenchCluster();
  Deno.bench({
    name:
      `raft 3 nodes, ${c.name}, ${c.perIter} entries of 100 B per iteration`,
    group: "raft commit throughput",
    baseline: c.window === 1,
    fn() {
      cluster.run(c.perIter, c.window);
    },
  });
}

if (import.meta.main) {
  for (const c of CASES) {
    const cluster = new BenchCluster();
    cluster.run(c.perIter, c.window); // warm up
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 3000) {
      cluster.run(c.perIter, c.window);
      n += c.perIter;
    }
    const secs = (performance.now() - t0) / 1000;
    console.log(
      `raft 3 nodes, ${c.name}: ${
        Math.round(n / secs).toLocaleString("en-US")
      } entries committed/s`,
    );
  }
}
