/**
 * Safety properties the simulator checks after every step.
 *
 * @module
 */
import {
  decodeConfChange,
  type Entry,
  EntryType,
  type RawNode,
  type Ready,
} from "../../src/raft/mod.ts";

const dec = new TextDecoder();

/**
 * Turns entry data into a comparable key.
 *
 * @example
 * ```ts
 * dataKey({ term: 1, index: 1, type: 0, data: new TextEncoder().encode("w1") }); // "w1"
 * ```
 */
export function dataKey(e: Entry): string {
  if (e.type === EntryType.ConfChange) {
    const cc = decodeConfChange(e.data);
    return `cc:${cc.type}:${cc.nodeId}`;
  }
  return e.data.length === 0 ? "" : dec.decode(e.data);
}

interface CommittedEntry {
  term: number;
  key: string;
  /** Term of the node that first saw it committed (>= the commit term). */
  atTerm: number;
}

/**
 * Records what the cluster has done and reports every broken property:
 *
 * - election safety: at most one leader per term (paper 5.2);
 * - log matching: an entry with the same index and term has the same data
 *   and the same predecessor everywhere (paper 5.3);
 * - leader completeness: a new leader holds every entry committed in an
 *   earlier term (paper 5.4);
 * - state machine safety: no two nodes apply different entries at one index;
 * - no committed entry is overwritten or lost;
 * - a ReadIndex read is at least as new as every write acknowledged
 *   before it began.
 *
 * @example
 * ```ts
 * const inv = new Invariants();
 * inv.ok(); // true
 * ```
 */
export class Invariants {
  violations: string[] = [];
  leaderOfTerm = new Map<number, number>();
  entries = new Map<string, { key: string; prevTerm: number }>();
  committed = new Map<number, CommittedEntry>();
  applied = new Map<number, string>();
  lastSeenCommit = new Map<number, number>();
  acked = new Set<string>();
  maxAckedIndex = 0;

  ok(): boolean {
    return this.violations.length === 0;
  }

  violation(s: string): void {
    this.violations.push(s);
  }

  onRestart(id: number, node: RawNode): void {
    // Re-observe the persisted commit index: it may never have been seen
    // if the node crashed right after persisting it.
    this.lastSeenCommit.set(id, node.raft.raftLog.firstIndex() - 1);
  }

  onReady(id: number, node: RawNode, rd: Ready): void {
    const log = node.raft.raftLog;
    let prevTerm = rd.entries.length > 0
      ? log.zeroTermOnOutOfBounds(rd.entries[0].index - 1)
      : 0;
    for (const e of rd.entries) {
      const k = `${e.index}/${e.term}`;
      const key = dataKey(e);
      const seen = this.entries.get(k);
      if (!seen) {
        this.entries.set(k, { key, prevTerm });
      } else if (seen.key !== key) {
        this.violation(
          `log matching: node ${id} has entry ${k} with data "${key}", elsewhere "${seen.key}"`,
        );
      } else if (
        seen.prevTerm !== 0 && prevTerm !== 0 && seen.prevTerm !== prevTerm
      ) {
        this.violation(
          `log matching: node ${id} has entry ${k} after term ${prevTerm}, elsewhere after term ${seen.prevTerm}`,
        );
      }
      const c = this.committed.get(e.index);
      // A stale leader (or its follower) may still write an older term at
      // a committed index; a newer term there would break completeness.
      if (c && c.term !== e.term && e.term > c.atTerm) {
        this.violation(
          `committed entry lost: node ${id} writes ${k} over committed entry ${e.index}/${c.term}`,
        );
      }
      prevTerm = e.term;
    }
  }

  onLeader(id: number, node: RawNode): void {
    const r = node.raft;
    this.#checkLeader(id, r.term);
    const snapIndex = r.raftLog.firstIndex() - 1;
    for (const [i, c] of this.committed) {
      if (c.atTerm >= r.term || i <= snapIndex) continue;
      const t = r.raftLog.zeroTermOnOutOfBounds(i);
      if (t !== c.term) {
        this.violation(
          `leader completeness: leader ${id} of term ${r.term} lacks committed entry ${i}/${c.term} (has term ${t})`,
        );
        return;
      }
    }
  }

  #checkLeader(id: number, term: number): void {
    const other = this.leaderOfTerm.get(term);
    if (other === undefined) this.leaderOfTerm.set(term, id);
    else if (other !== id) {
      this.violation(
        `election safety: nodes ${other} and ${id} both lead term ${term}`,
      );
    }
  }

  checkStep(nodes: { id: number; node: RawNode }[]): void {
    for (const { id, node } of nodes) {
      const r = node.raft;
      if (r.state === "leader") this.#checkLeader(id, r.term);
      const log = r.raftLog;
      const seen = this.lastSeenCommit.get(id) ?? 0;
      if (log.committed <= seen) continue;
      const lo = Math.max(seen + 1, log.firstIndex());
      if (lo <= log.committed) {
        const ents = log.slice(lo, log.committed + 1, Infinity);
        for (const e of ents) this.#observeCommitted(id, e, r.term);
      }
      this.lastSeenCommit.set(id, log.committed);
    }
  }

  #observeCommitted(id: number, e: Entry, atTerm: number): void {
    const key = dataKey(e);
    const c = this.committed.get(e.index);
    if (!c) {
      this.committed.set(e.index, { term: e.term, key, atTerm });
    } else if (c.term !== e.term || c.key !== key) {
      this.violation(
        `committed entry changed: node ${id} has ${e.index}/${e.term} "${key}" committed, earlier ${e.index}/${c.term} "${c.key}"`,
      );
    }
  }

  onApply(id: number, e: Entry, key: string): void {
    const v = `${e.term}:${key}`;
    const prev = this.applied.get(e.index);
    if (prev === undefined) this.applied.set(e.index, v);
    else if (prev !== v) {
      this.violation(
        `state machine safety: node ${id} applies ${v} at ${e.index}, another node applied ${prev}`,
      );
    }
  }

  /** A client write was applied (acknowledged); true the first time. */
  onWriteAcked(key: string, index: number): boolean {
    if (this.acked.has(key)) return false;
    this.acked.add(key);
    if (index > this.maxAckedIndex) this.maxAckedIndex = index;
    return true;
  }

  onReadServed(
    key: string,
    startMaxAck: number,
    readIndex: number,
    applied: number,
  ): void {
    if (readIndex < startMaxAck || applied < readIndex) {
      this.violation(
        `stale read: ${key} read at index ${readIndex} (applied ${applied}) but a write at ${startMaxAck} was acknowledged before it began`,
      );
    }
  }
}
