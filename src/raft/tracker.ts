/**
 * Membership, per-peer progress and vote counting (etcd's `tracker`).
 * Membership changes one server at a time (Raft dissertation 4.1), so the
 * configuration is one set of voters plus learners: any two majorities of
 * neighbouring configurations overlap.
 *
 * @module
 */
import { Progress } from "./progress.ts";
import type { ConfState } from "./types.ts";

/**
 * Outcome of an election so far.
 *
 * @example
 * ```ts
 * const r: VoteResult = "pending";
 * ```
 */
export type VoteResult = "pending" | "won" | "lost";

/**
 * Tracks the configuration, each member's {@linkcode Progress} and votes.
 *
 * @example
 * ```ts
 * const t = new ProgressTracker({ maxInflight: 256, maxInflightBytes: 0 });
 * t.applyConfState({ voters: [1, 2, 3], learners: [] }, 1);
 * t.committed(); // 0
 * ```
 */
export class ProgressTracker {
  voters = new Set<number>();
  learners = new Set<number>();
  progress = new Map<number, Progress>();
  votes = new Map<number, boolean>();
  readonly maxInflight: number;
  readonly maxInflightBytes: number;

  constructor(options: { maxInflight: number; maxInflightBytes: number }) {
    this.maxInflight = options.maxInflight;
    this.maxInflightBytes = options.maxInflightBytes;
  }

  /** Replaces the membership; new peers start probing at `next`. */
  applyConfState(cs: ConfState, next: number): void {
    this.voters = new Set(cs.voters);
    this.learners = new Set(cs.learners);
    const keep = new Map<number, Progress>();
    for (const id of [...cs.voters, ...cs.learners]) {
      const pr = this.progress.get(id) ??
        new Progress({
          next,
          maxInflight: this.maxInflight,
          maxInflightBytes: this.maxInflightBytes,
        });
      pr.isLearner = this.learners.has(id);
      keep.set(id, pr);
    }
    this.progress = keep;
  }

  /** The membership as a ConfState (sorted ids). */
  confState(): ConfState {
    return {
      voters: [...this.voters].sort((a, b) => a - b),
      learners: [...this.learners].sort((a, b) => a - b),
    };
  }

  /** Whether `id` is a voter. */
  isVoter(id: number): boolean {
    return this.voters.has(id);
  }

  /** Whether this configuration has exactly one voter, `id`. */
  isSingleton(): boolean {
    return this.voters.size === 1;
  }

  /** Votes needed to win. */
  quorum(): number {
    return Math.floor(this.voters.size / 2) + 1;
  }

  /**
   * Largest index replicated on a quorum of voters (learners never count).
   * An empty configuration commits nothing new.
   */
  committed(): number {
    const n = this.voters.size;
    if (n === 0) return Number.MAX_SAFE_INTEGER;
    const matches: number[] = [];
    for (const id of this.voters) {
      matches.push(this.progress.get(id)?.match ?? 0);
    }
    matches.sort((a, b) => b - a);
    return matches[this.quorum() - 1];
  }

  /** Forgets all votes. */
  resetVotes(): void {
    this.votes = new Map();
  }

  /** Records a vote (the first one from a peer counts). */
  recordVote(id: number, granted: boolean): void {
    if (!this.votes.has(id)) this.votes.set(id, granted);
  }

  /** Tallies the votes of voters only. */
  tallyVotes(): { granted: number; rejected: number; result: VoteResult } {
    let granted = 0;
    let rejected = 0;
    for (const id of this.voters) {
      const v = this.votes.get(id);
      if (v === true) granted++;
      else if (v === false) rejected++;
    }
    const q = this.quorum();
    let result: VoteResult = "pending";
    if (granted >= q) result = "won";
    else if (rejected >= this.voters.size - q + 1) result = "lost";
    return { granted, rejected, result };
  }

  /**
   * Whether a quorum of voters was recently active (the leader itself is
   * counted active by the caller). Resets the flags for the next round.
   */
  quorumActive(self: number): boolean {
    let active = 0;
    for (const id of this.voters) {
      const pr = this.progress.get(id);
      if (id === self || pr?.recentActive) active++;
    }
    for (const [id, pr] of this.progress) pr.recentActive = id === self;
    return active >= this.quorum();
  }

  /** Whether the acks in `acks` form a quorum of voters. */
  hasQuorum(acks: ReadonlySet<number>): boolean {
    let n = 0;
    for (const id of this.voters) if (acks.has(id)) n++;
    return n >= this.quorum();
  }
}
