/**
 * What the leader knows about one follower's log (etcd's `Progress`).
 *
 * @module
 */
import { Inflights } from "./inflights.ts";

/**
 * Replication state of a follower.
 *
 * - `probe`: the leader does not know the follower's last index; it sends
 *   one append per heartbeat interval and waits for the answer.
 * - `replicate`: appends stream optimistically within the inflight window.
 * - `snapshot`: the follower needs a snapshot; appends pause until it is
 *   reported.
 *
 * @example
 * ```ts
 * const s: ProgressState = "probe";
 * ```
 */
export type ProgressState = "probe" | "replicate" | "snapshot";

/**
 * Replication progress of one peer, as the leader tracks it.
 *
 * @example
 * ```ts
 * const pr = new Progress({ next: 1, maxInflight: 256, maxInflightBytes: 0 });
 * pr.maybeUpdate(3); // true
 * pr.match; // 3
 * ```
 */
export class Progress {
  match = 0;
  next: number;
  state: ProgressState = "probe";
  /** Index of the snapshot in flight while in `snapshot` state. */
  pendingSnapshot = 0;
  /** Heard from since the last check-quorum round. */
  recentActive = false;
  /** Leader tick of the newest heartbeat this peer acknowledged (leases). */
  heartbeatAckTick = -Infinity;
  /** Probe: one append is out; replicate: the inflight window is full. */
  msgAppFlowPaused = false;
  inflights: Inflights;
  isLearner: boolean;

  constructor(
    options: {
      next: number;
      maxInflight: number;
      maxInflightBytes: number;
      isLearner?: boolean;
    },
  ) {
    this.next = options.next;
    this.inflights = new Inflights(
      options.maxInflight,
      options.maxInflightBytes,
    );
    this.isLearner = options.isLearner ?? false;
  }

  #resetState(state: ProgressState): void {
    this.msgAppFlowPaused = false;
    this.pendingSnapshot = 0;
    this.state = state;
    this.inflights.reset();
  }

  /** Goes back to probing from just after `match`. */
  becomeProbe(): void {
    if (this.state === "snapshot") {
      const pending = this.pendingSnapshot;
      this.#resetState("probe");
      this.next = Math.max(this.match + 1, pending + 1);
    } else {
      this.#resetState("probe");
      this.next = this.match + 1;
    }
  }

  /** Starts streaming appends. */
  becomeReplicate(): void {
    this.#resetState("replicate");
    this.next = this.match + 1;
  }

  /** Waits for a snapshot at `snapshotIndex` to be installed. */
  becomeSnapshot(snapshotIndex: number): void {
    this.#resetState("snapshot");
    this.pendingSnapshot = snapshotIndex;
  }

  /** Records that appends up to `last` (of `bytes` payload) were sent. */
  sentEntries(entries: number, bytes: number): void {
    if (this.state === "replicate") {
      if (entries > 0) {
        this.next += entries;
        this.inflights.add(this.next - 1, bytes);
      }
      this.msgAppFlowPaused = this.inflights.full();
    } else if (this.state === "probe") {
      // One probe at a time; next moves only when the probe is answered.
      this.msgAppFlowPaused = true;
    }
  }

  /** A heartbeat answer arrived: a paused probe may send again. */
  unpauseProbe(): void {
    if (this.state === "probe") this.msgAppFlowPaused = false;
  }

  /** Raises match (and next) from an accepting MsgAppResp. */
  maybeUpdate(n: number): boolean {
    let updated = false;
    if (this.match < n) {
      this.match = n;
      updated = true;
      this.msgAppFlowPaused = false;
    }
    this.next = Math.max(this.next, n + 1);
    return updated;
  }

  /**
   * Handles a rejected MsgApp for index `rejected`; `matchHint` is where
   * the follower suggests to retry. Returns false for a stale rejection.
   */
  maybeDecrTo(rejected: number, matchHint: number): boolean {
    if (this.state === "replicate") {
      // A rejection of something already matched is stale.
      if (rejected <= this.match) return false;
      this.next = this.match + 1;
      return true;
    }
    // Probe: only the answer to the latest probe counts.
    if (this.next - 1 !== rejected) return false;
    this.next = Math.max(Math.min(rejected, matchHint + 1), this.match + 1);
    this.msgAppFlowPaused = false;
    return true;
  }

  /** Whether the leader should hold back appends to this peer. */
  isPaused(): boolean {
    switch (this.state) {
      case "probe":
        return this.msgAppFlowPaused;
      case "replicate":
        return this.msgAppFlowPaused;
      case "snapshot":
        return true;
    }
  }

  /** A short text form, for status and scripts. */
  toString(): string {
    let s = `${this.state} match=${this.match} next=${this.next}`;
    if (this.isLearner) s += " learner";
    if (this.isPaused()) s += " paused";
    if (this.pendingSnapshot > 0) s += ` pendingSnap=${this.pendingSnapshot}`;
    if (!this.recentActive) s += " inactive";
    const n = this.inflights.count();
    if (n > 0) s += ` inflight=${n}`;
    if (this.inflights.full()) s += "[full]";
    return s;
  }
}
