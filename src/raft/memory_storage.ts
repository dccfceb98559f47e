/**
 * An in-memory {@linkcode Storage}: for tests, the simulator and drivers
 * that keep a cache of their WAL.
 *
 * @module
 */
import {
  CompactedError,
  RaftInvariantError,
  SnapshotOutOfDateError,
  UnavailableError,
} from "./errors.ts";
import type { InitialState, Storage } from "./storage.ts";
import {
  type ConfState,
  emptySnapshot,
  type Entry,
  EntryType,
  type HardState,
  limitSize,
  type Snapshot,
} from "./types.ts";

/**
 * In-memory storage. `ents[0]` is a dummy entry holding the index and term
 * of the last compacted entry (the snapshot point).
 *
 * @example
 * ```ts
 * const s = new MemoryStorage();
 * s.append([{ term: 1, index: 1, type: 0, data: new Uint8Array() }]);
 * s.lastIndex(); // 1
 * ```
 */
export class MemoryStorage implements Storage {
  #hardState: HardState = { term: 0, vote: 0, commit: 0 };
  #snapshot: Snapshot = emptySnapshot();
  #ents: Entry[] = [{
    term: 0,
    index: 0,
    type: EntryType.Normal,
    data: new Uint8Array(),
  }];

  /**
   * Builds storage for a node that starts a new cluster with these voters.
   *
   * @example
   * ```ts
   * const s = MemoryStorage.withVoters([1, 2, 3]);
   * ```
   */
  static withVoters(voters: number[], learners: number[] = []): MemoryStorage {
    const s = new MemoryStorage();
    s.#snapshot.metadata.confState = {
      voters: [...voters],
      learners: [...learners],
    };
    return s;
  }

  /** {@inheritDoc Storage.initialState} */
  initialState(): InitialState {
    return {
      hardState: { ...this.#hardState },
      confState: cloneConfState(this.#snapshot.metadata.confState),
    };
  }

  /** Saves the hard state (the driver calls it when a Ready carries one). */
  setHardState(hs: HardState): void {
    this.#hardState = { ...hs };
  }

  /**
   * Sets the membership recorded at the snapshot point (bootstrap only).
   * Do not call it when applying a conf change: the membership after the
   * snapshot is rebuilt by replaying the log's conf changes on restart.
   */
  setConfState(cs: ConfState): void {
    this.#snapshot.metadata.confState = cloneConfState(cs);
  }

  /** {@inheritDoc Storage.entries} */
  entries(lo: number, hi: number, maxBytes: number): Entry[] {
    const offset = this.#ents[0].index;
    if (lo <= offset) throw new CompactedError(lo, offset + 1);
    if (hi > this.lastIndex() + 1) {
      throw new UnavailableError(hi - 1, this.lastIndex());
    }
    if (this.#ents.length === 1) {
      throw new UnavailableError(lo, this.lastIndex());
    }
    return limitSize(this.#ents.slice(lo - offset, hi - offset), maxBytes);
  }

  /** {@inheritDoc Storage.term} */
  term(i: number): number {
    const offset = this.#ents[0].index;
    if (i < offset) throw new CompactedError(i, offset + 1);
    if (i - offset >= this.#ents.length) {
      throw new UnavailableError(i, this.lastIndex());
    }
    return this.#ents[i - offset].term;
  }

  /** {@inheritDoc Storage.firstIndex} */
  firstIndex(): number {
    return this.#ents[0].index + 1;
  }

  /** {@inheritDoc Storage.lastIndex} */
  lastIndex(): number {
    return this.#ents[0].index + this.#ents.length - 1;
  }

  /** {@inheritDoc Storage.snapshot} */
  snapshot(): Snapshot {
    return cloneSnapshot(this.#snapshot);
  }

  /**
   * Replaces the contents with a snapshot (a follower installs one).
   * Throws {@linkcode SnapshotOutOfDateError} for an older snapshot.
   */
  applySnapshot(snap: Snapshot): void {
    const cur = this.#snapshot.metadata.index;
    if (cur >= snap.metadata.index) {
      throw new SnapshotOutOfDateError(snap.metadata.index, cur);
    }
    this.#snapshot = cloneSnapshot(snap);
    this.#ents = [{
      term: snap.metadata.term,
      index: snap.metadata.index,
      type: EntryType.Normal,
      data: new Uint8Array(),
    }];
  }

  /**
   * Records a snapshot of the state machine at applied index `i` so that
   * the log before it can be compacted.
   */
  createSnapshot(
    i: number,
    options: { confState?: ConfState; data?: Uint8Array } = {},
  ): Snapshot {
    if (i <= this.#snapshot.metadata.index) {
      throw new SnapshotOutOfDateError(i, this.#snapshot.metadata.index);
    }
    if (i > this.lastIndex()) {
      throw new RaftInvariantError(
        `Cannot snapshot at ${i}: past the last index ${this.lastIndex()}`,
      );
    }
    const offset = this.#ents[0].index;
    this.#snapshot = {
      data: options.data ?? new Uint8Array(),
      metadata: {
        index: i,
        term: this.#ents[i - offset].term,
        confState: cloneConfState(
          options.confState ?? this.#snapshot.metadata.confState,
        ),
      },
    };
    return cloneSnapshot(this.#snapshot);
  }

  /**
   * Drops entries before `compactIndex`. The caller must not compact past
   * its applied index (nor past the snapshot it keeps for followers).
   */
  compact(compactIndex: number): void {
    const offset = this.#ents[0].index;
    if (compactIndex <= offset) {
      throw new CompactedError(compactIndex, offset + 1);
    }
    if (compactIndex > this.lastIndex()) {
      throw new UnavailableError(compactIndex, this.lastIndex());
    }
    const i = compactIndex - offset;
    const head: Entry = {
      term: this.#ents[i].term,
      index: this.#ents[i].index,
      type: EntryType.Normal,
      data: new Uint8Array(),
    };
    this.#ents = [head, ...this.#ents.slice(i + 1)];
  }

  /**
   * Appends entries, truncating any conflicting suffix. Entries must be
   * contiguous and may overlap the existing log.
   */
  append(entries: readonly Entry[]): void {
    if (entries.length === 0) return;
    const first = this.firstIndex();
    const last = entries[0].index + entries.length - 1;
    if (last < first) return; // all compacted
    const ents = first > entries[0].index
      ? entries.slice(first - entries[0].index)
      : entries;
    const offset = ents[0].index - this.#ents[0].index;
    if (offset > this.#ents.length) {
      throw new RaftInvariantError(
        `Cannot append at ${
          ents[0].index
        }: missing log entry [last: ${this.lastIndex()}]`,
      );
    }
    this.#ents.length = offset;
    for (const e of ents) this.#ents.push(e);
  }
}

function cloneConfState(cs: ConfState): ConfState {
  return { voters: [...cs.voters], learners: [...cs.learners] };
}

function cloneSnapshot(s: Snapshot): Snapshot {
  return {
    data: s.data,
    metadata: {
      index: s.metadata.index,
      term: s.metadata.term,
      confState: cloneConfState(s.metadata.confState),
    },
  };
}
