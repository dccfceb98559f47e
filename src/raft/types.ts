/**
 * Data types of the Raft core: entries, messages, hard state, snapshots
 * and configuration changes. Names follow etcd-io/raft's `raftpb`.
 *
 * @module
 */

/**
 * No node: the id used for "no vote" and "no leader".
 *
 * @example
 * ```ts
 * const noLeader = NONE; // 0
 * ```
 */
export const NONE = 0;

/**
 * Kinds of log entries.
 *
 * @example
 * ```ts
 * const t: EntryType = EntryType.Normal;
 * ```
 */
export const EntryType = {
  /** Opaque application data (an encoded CommandBatch). */
  Normal: 0,
  /** An encoded {@linkcode ConfChange}; see `encodeConfChange`. */
  ConfChange: 1,
} as const;
/**
 * One of {@linkcode EntryType}'s values.
 *
 * @example
 * ```ts
 * const t: EntryType = 1; // EntryType.ConfChange
 * ```
 */
export type EntryType = typeof EntryType[keyof typeof EntryType];

/**
 * One log entry. `data` is opaque to raft.
 *
 * @example
 * ```ts
 * const e: Entry = { term: 1, index: 1, type: EntryType.Normal, data: new Uint8Array() };
 * ```
 */
export interface Entry {
  term: number;
  index: number;
  type: EntryType;
  data: Uint8Array;
}

/**
 * State that must be durable before the messages that depend on it go out.
 *
 * @example
 * ```ts
 * const hs: HardState = { term: 2, vote: 1, commit: 5 };
 * ```
 */
export interface HardState {
  term: number;
  vote: number;
  commit: number;
}

/**
 * The membership: voters count for elections and commit; learners only
 * receive the log.
 *
 * @example
 * ```ts
 * const cs: ConfState = { voters: [1, 2, 3], learners: [] };
 * ```
 */
export interface ConfState {
  voters: number[];
  learners: number[];
}

/**
 * Where a snapshot ends and the membership at that point.
 *
 * @example
 * ```ts
 * const m: SnapshotMetadata = { index: 10, term: 2, confState: { voters: [1], learners: [] } };
 * ```
 */
export interface SnapshotMetadata {
  index: number;
  term: number;
  confState: ConfState;
}

/**
 * A snapshot of the state machine up to `metadata.index`.
 *
 * @example
 * ```ts
 * const s: Snapshot = { data: new Uint8Array(), metadata: { index: 0, term: 0, confState: { voters: [], learners: [] } } };
 * ```
 */
export interface Snapshot {
  data: Uint8Array;
  metadata: SnapshotMetadata;
}

/**
 * Message types, as in etcd-io/raft. Local ones (`MsgHup`, `MsgBeat`,
 * `MsgUnreachable`, `MsgSnapStatus`, `MsgCheckQuorum`) never cross the
 * network.
 *
 * @example
 * ```ts
 * const t: MessageType = "MsgApp";
 * ```
 */
export type MessageType =
  | "MsgHup"
  | "MsgBeat"
  | "MsgProp"
  | "MsgApp"
  | "MsgAppResp"
  | "MsgVote"
  | "MsgVoteResp"
  | "MsgSnap"
  | "MsgHeartbeat"
  | "MsgHeartbeatResp"
  | "MsgUnreachable"
  | "MsgSnapStatus"
  | "MsgCheckQuorum"
  | "MsgTransferLeader"
  | "MsgTimeoutNow"
  | "MsgReadIndex"
  | "MsgReadIndexResp"
  | "MsgPreVote"
  | "MsgPreVoteResp";

/**
 * A raft message. Fields a type does not use are zero / empty.
 *
 * @example
 * ```ts
 * const m: Message = newMessage({ type: "MsgHeartbeat", from: 1, to: 2, term: 3 });
 * ```
 */
export interface Message {
  type: MessageType;
  to: number;
  from: number;
  term: number;
  /** Term of the entry at `index` (MsgApp), or of the candidate's last entry (MsgVote). */
  logTerm: number;
  index: number;
  entries: Entry[];
  commit: number;
  snapshot?: Snapshot;
  reject: boolean;
  rejectHint: number;
  /** Opaque context: the ReadIndex request id, or the campaign kind. */
  context?: Uint8Array;
}

/**
 * Builds a message with every field defaulted.
 *
 * @example
 * ```ts
 * const m = newMessage({ type: "MsgHup", from: 1, to: 1 });
 * ```
 */
export function newMessage(
  fields: Partial<Message> & { type: MessageType },
): Message {
  // Spelled out rather than spread: this runs once per message.
  const m: Message = {
    type: fields.type,
    to: fields.to ?? 0,
    from: fields.from ?? 0,
    term: fields.term ?? 0,
    logTerm: fields.logTerm ?? 0,
    index: fields.index ?? 0,
    entries: fields.entries ?? [],
    commit: fields.commit ?? 0,
    reject: fields.reject ?? false,
    rejectHint: fields.rejectHint ?? 0,
  };
  if (fields.snapshot !== undefined) m.snapshot = fields.snapshot;
  if (fields.context !== undefined) m.context = fields.context;
  return m;
}

/**
 * Whether a message type is local to a node (never sent over the network).
 *
 * @example
 * ```ts
 * isLocalMsg("MsgHup"); // true
 * ```
 */
export function isLocalMsg(type: MessageType): boolean {
  return type === "MsgHup" || type === "MsgBeat" || type === "MsgUnreachable" ||
    type === "MsgSnapStatus" || type === "MsgCheckQuorum";
}

/**
 * Whether a message type is a response to another message.
 *
 * @example
 * ```ts
 * isResponseMsg("MsgAppResp"); // true
 * ```
 */
export function isResponseMsg(type: MessageType): boolean {
  return type === "MsgAppResp" || type === "MsgVoteResp" ||
    type === "MsgHeartbeatResp" || type === "MsgUnreachable" ||
    type === "MsgPreVoteResp" || type === "MsgReadIndexResp";
}

/**
 * Kinds of membership change (one server at a time, Raft dissertation 4.1).
 *
 * @example
 * ```ts
 * const t: ConfChangeType = "addLearnerNode";
 * ```
 */
export type ConfChangeType = "addNode" | "addLearnerNode" | "removeNode";

/**
 * One membership change. `addNode` on a learner promotes it to voter.
 *
 * @example
 * ```ts
 * const cc: ConfChange = { type: "addNode", nodeId: 4 };
 * ```
 */
export interface ConfChange {
  type: ConfChangeType;
  nodeId: number;
  /** Opaque data for the driver (for example the new node's address). */
  context?: Uint8Array;
}

const CC_CODES: Record<ConfChangeType, number> = {
  addNode: 0,
  addLearnerNode: 1,
  removeNode: 2,
};
const CC_TYPES: ConfChangeType[] = ["addNode", "addLearnerNode", "removeNode"];

/**
 * Encodes a conf change as entry data: `[type u8][nodeId f64 LE][context]`.
 *
 * @example
 * ```ts
 * const data = encodeConfChange({ type: "removeNode", nodeId: 2 });
 * ```
 */
export function encodeConfChange(cc: ConfChange): Uint8Array {
  const ctx = cc.context ?? new Uint8Array();
  const out = new Uint8Array(9 + ctx.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, CC_CODES[cc.type]);
  view.setFloat64(1, cc.nodeId, true);
  out.set(ctx, 9);
  return out;
}

/**
 * Decodes entry data written by {@linkcode encodeConfChange}.
 *
 * @example
 * ```ts
 * const cc = decodeConfChange(encodeConfChange({ type: "addNode", nodeId: 4 }));
 * ```
 */
export function decodeConfChange(data: Uint8Array): ConfChange {
  if (data.length < 9) {
    throw new RangeError(
      `Cannot decode conf change: ${data.length} bytes, need at least 9`,
    );
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const code = view.getUint8(0);
  const type = CC_TYPES[code];
  if (type === undefined) {
    throw new RangeError(
      `Cannot decode conf change: unknown type code ${code}`,
    );
  }
  const nodeId = view.getFloat64(1, true);
  const cc: ConfChange = { type, nodeId };
  if (data.length > 9) cc.context = data.slice(9);
  return cc;
}

/**
 * Byte size of an entry as counted by size limits (payload + 16).
 *
 * @example
 * ```ts
 * entrySize({ term: 1, index: 1, type: 0, data: new Uint8Array(10) }); // 26
 * ```
 */
export function entrySize(e: Entry): number {
  return e.data.length + 16;
}

/**
 * Sum of {@linkcode entrySize} over entries.
 *
 * @example
 * ```ts
 * entriesSize([]); // 0
 * ```
 */
export function entriesSize(ents: readonly Entry[]): number {
  let n = 0;
  for (const e of ents) n += entrySize(e);
  return n;
}

/**
 * Returns the longest prefix of `ents` whose size is at most `maxBytes`,
 * always keeping at least one entry.
 *
 * @example
 * ```ts
 * limitSize([], 10); // []
 * ```
 */
export function limitSize(ents: Entry[], maxBytes: number): Entry[] {
  if (ents.length === 0) return ents;
  let size = entrySize(ents[0]);
  let limit = 1;
  for (; limit < ents.length; limit++) {
    size += entrySize(ents[limit]);
    if (size > maxBytes) break;
  }
  return limit === ents.length ? ents : ents.slice(0, limit);
}

/**
 * Whether two hard states are equal.
 *
 * @example
 * ```ts
 * isHardStateEqual({ term: 1, vote: 0, commit: 0 }, { term: 1, vote: 0, commit: 0 }); // true
 * ```
 */
export function isHardStateEqual(a: HardState, b: HardState): boolean {
  return a.term === b.term && a.vote === b.vote && a.commit === b.commit;
}

/**
 * The hard state of a node that has never run.
 *
 * @example
 * ```ts
 * EMPTY_HARD_STATE.term; // 0
 * ```
 */
export const EMPTY_HARD_STATE: Readonly<HardState> = Object.freeze({
  term: 0,
  vote: 0,
  commit: 0,
});

/**
 * An empty snapshot (index 0).
 *
 * @example
 * ```ts
 * const s = emptySnapshot();
 * ```
 */
export function emptySnapshot(): Snapshot {
  return {
    data: new Uint8Array(),
    metadata: { index: 0, term: 0, confState: { voters: [], learners: [] } },
  };
}
