/**
 * Errors of the Raft core. Callers catch these by class.
 *
 * @module
 */

/**
 * A proposal (or a conf change, or a transfer) was refused: no leader is
 * known, proposal forwarding is disabled, a leadership transfer is under
 * way, or the node is not a member.
 *
 * @example
 * ```ts
 * const e = new ProposalDroppedError("no leader", { lead: 0 });
 * ```
 */
export class ProposalDroppedError extends Error {
  /** Leader known to this node when the proposal was dropped; 0 if none. */
  readonly lead: number;
  constructor(
    reason: string,
    options: { lead?: number; cause?: unknown } = {},
  ) {
    super(`Proposal dropped: ${reason}`, { cause: options.cause });
    this.name = "ProposalDroppedError";
    this.lead = options.lead ?? 0;
  }
}

/**
 * The requested index is below the storage's first index because the log
 * was compacted (etcd's `ErrCompacted`).
 *
 * @example
 * ```ts
 * const e = new CompactedError(5, 10);
 * ```
 */
export class CompactedError extends Error {
  /** The index asked for. */
  readonly index: number;
  /** The storage's first available index. */
  readonly firstIndex: number;
  constructor(
    index: number,
    firstIndex: number,
    options?: { cause?: unknown },
  ) {
    super(
      `Cannot read index ${index}: log compacted, first index is ${firstIndex}`,
      options,
    );
    this.name = "CompactedError";
    this.index = index;
    this.firstIndex = firstIndex;
  }
}

/**
 * The requested index is past the last index of the storage (etcd's
 * `ErrUnavailable`).
 *
 * @example
 * ```ts
 * const e = new UnavailableError(12, 10);
 * ```
 */
export class UnavailableError extends Error {
  /** The index asked for. */
  readonly index: number;
  /** The storage's last index. */
  readonly lastIndex: number;
  constructor(index: number, lastIndex: number, options?: { cause?: unknown }) {
    super(
      `Cannot read index ${index}: past the last index ${lastIndex}`,
      options,
    );
    this.name = "UnavailableError";
    this.index = index;
    this.lastIndex = lastIndex;
  }
}

/**
 * A snapshot older than the one storage holds was applied or created
 * (etcd's `ErrSnapOutOfDate`).
 *
 * @example
 * ```ts
 * const e = new SnapshotOutOfDateError(3, 7);
 * ```
 */
export class SnapshotOutOfDateError extends Error {
  /** Index of the snapshot that was refused. */
  readonly index: number;
  /** Index of the snapshot storage already has. */
  readonly currentIndex: number;
  constructor(
    index: number,
    currentIndex: number,
    options?: { cause?: unknown },
  ) {
    super(
      `Snapshot at index ${index} is older than the current one at ${currentIndex}`,
      options,
    );
    this.name = "SnapshotOutOfDateError";
    this.index = index;
    this.currentIndex = currentIndex;
  }
}

/**
 * Storage cannot produce a snapshot right now; the leader retries later
 * (etcd's `ErrSnapshotTemporarilyUnavailable`).
 *
 * @example
 * ```ts
 * const e = new SnapshotTemporarilyUnavailableError();
 * ```
 */
export class SnapshotTemporarilyUnavailableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("Snapshot is temporarily unavailable", options);
    this.name = "SnapshotTemporarilyUnavailableError";
  }
}

/**
 * A configuration is invalid or a step violated an invariant of the core
 * (a bug in the driver or in raft itself).
 *
 * @example
 * ```ts
 * const e = new RaftConfigError("electionTick must be greater than heartbeatTick");
 * ```
 */
export class RaftConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RaftConfigError";
  }
}

/**
 * A step-by-step invariant was broken (for example the driver asked to
 * commit past the last index). Raft cannot continue safely.
 *
 * @example
 * ```ts
 * const e = new RaftInvariantError("commit 9 is out of range [last index 5]");
 * ```
 */
export class RaftInvariantError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RaftInvariantError";
  }
}

/**
 * A step was given a message for a node this raft is not (wrong `to`), or
 * a local message arrived from the network.
 *
 * @example
 * ```ts
 * const e = new StepLocalMessageError("MsgHup");
 * ```
 */
export class StepLocalMessageError extends Error {
  /** The message type that was refused. */
  readonly type: string;
  constructor(type: string, options?: { cause?: unknown }) {
    super(
      `Cannot step local message ${type} received from the network`,
      options,
    );
    this.name = "StepLocalMessageError";
    this.type = type;
  }
}
