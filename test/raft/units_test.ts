/** Unit tests of the Raft core's building blocks. */
import { deepStrictEqual as eq, ok, throws } from "node:assert/strict";
import {
  CompactedError,
  decodeConfChange,
  encodeConfChange,
  type Entry,
  EntryType,
  Inflights,
  limitSize,
  MemoryStorage,
  newMessage,
  Progress,
  RaftConfigError,
  RaftInvariantError,
  RaftLog,
  RawNode,
  resolveConfig,
  seededRandom,
  SnapshotOutOfDateError,
  StepLocalMessageError,
  UnavailableError,
  Unstable,
} from "../../src/raft/mod.ts";

const ent = (term: number, index: number): Entry => ({
  term,
  index,
  type: EntryType.Normal,
  data: new Uint8Array(10),
});

Deno.test("MemoryStorage.entries() throws CompactedError and UnavailableError out of range", () => {
  const s = new MemoryStorage();
  s.append([ent(1, 1), ent(1, 2), ent(2, 3), ent(2, 4)]);
  s.createSnapshot(2);
  s.compact(2);
  eq(s.firstIndex(), 3);
  eq(s.lastIndex(), 4);
  eq(s.term(2), 1);
  eq(s.entries(3, 5, Infinity).map((e) => e.index), [3, 4]);
  throws(() => s.entries(2, 4, Infinity), CompactedError);
  throws(() => s.entries(3, 6, Infinity), UnavailableError);
  throws(() => s.term(1), CompactedError);
});

Deno.test("MemoryStorage.append() truncates a conflicting suffix and skips compacted entries", () => {
  const s = new MemoryStorage();
  s.append([ent(1, 1), ent(1, 2), ent(1, 3)]);
  s.append([ent(2, 2)]);
  eq(s.entries(1, 3, Infinity).map((e) => `${e.term}/${e.index}`), [
    "1/1",
    "2/2",
  ]);
  s.createSnapshot(2);
  s.compact(2);
  s.append([ent(2, 2), ent(2, 3)]);
  eq(s.lastIndex(), 3);
  throws(() => s.append([ent(2, 9)]));
});

Deno.test("MemoryStorage.applySnapshot() refuses an older snapshot", () => {
  const s = new MemoryStorage();
  const snap = {
    data: new Uint8Array(),
    metadata: { index: 5, term: 2, confState: { voters: [1], learners: [] } },
  };
  s.applySnapshot(snap);
  eq([s.firstIndex(), s.lastIndex(), s.term(5)], [6, 5, 2]);
  throws(
    () =>
      s.applySnapshot({ ...snap, metadata: { ...snap.metadata, index: 4 } }),
    SnapshotOutOfDateError,
  );
});

Deno.test("MemoryStorage.entries() keeps at least one entry under a byte limit", () => {
  const s = new MemoryStorage();
  s.append([ent(1, 1), ent(1, 2), ent(1, 3)]);
  eq(s.entries(1, 4, 1).length, 1);
  eq(s.entries(1, 4, 52).length, 2); // 26 bytes each as counted by entrySize
  eq(limitSize([], 0), []);
});

Deno.test("Inflights.full() bounds by count and by bytes; freeLE() releases in order", () => {
  const byCount = new Inflights(2, 0);
  byCount.add(1, 100);
  ok(!byCount.full());
  byCount.add(2, 100);
  ok(byCount.full());
  byCount.freeLE(1);
  eq(byCount.count(), 1);
  ok(!byCount.full());
  const byBytes = new Inflights(100, 150);
  byBytes.add(1, 100);
  ok(!byBytes.full());
  byBytes.add(2, 100);
  ok(byBytes.full());
  byBytes.freeFirstOne();
  eq([byBytes.count(), byBytes.bytes()], [1, 100]);
});

Deno.test("Progress.maybeDecrTo() ignores stale rejections and uses the hint in probe", () => {
  const pr = new Progress({ next: 10, maxInflight: 4, maxInflightBytes: 0 });
  ok(!pr.maybeDecrTo(5, 5), "only the latest probe's rejection counts");
  ok(pr.maybeDecrTo(9, 3));
  eq(pr.next, 4);
  pr.maybeUpdate(3);
  pr.becomeReplicate();
  ok(!pr.maybeDecrTo(2, 0), "a rejection below match is stale");
  ok(pr.maybeDecrTo(6, 0));
  eq(pr.next, 4);
});

Deno.test("Progress.sentEntries() pauses a probe and fills the window when replicating", () => {
  const pr = new Progress({ next: 1, maxInflight: 2, maxInflightBytes: 0 });
  pr.sentEntries(3, 30);
  ok(pr.isPaused());
  eq(pr.next, 1, "a probe does not move next");
  pr.becomeReplicate();
  pr.sentEntries(3, 30);
  pr.sentEntries(1, 10);
  eq(pr.next, 5);
  ok(pr.isPaused());
  pr.becomeSnapshot(9);
  ok(pr.isPaused());
  pr.becomeProbe();
  eq(pr.next, 10);
});

Deno.test("Unstable.stableTo() keeps entries a newer leader replaced", () => {
  const u = new Unstable(1);
  u.truncateAndAppend([ent(1, 1), ent(1, 2)]);
  u.truncateAndAppend([ent(2, 2)]);
  u.stableTo(2, 1); // the write of the old 1/2 finished: nothing to drop
  eq(u.entries.map((e) => `${e.term}/${e.index}`), ["1/1", "2/2"]);
  u.stableTo(2, 2);
  eq(u.entries.length, 0);
  eq(u.offset, 3);
});

Deno.test("RaftLog.findConflictByTerm() skips a whole term per probe", () => {
  const s = new MemoryStorage();
  s.append([ent(1, 1), ent(2, 2), ent(2, 3), ent(2, 4), ent(3, 5)]);
  const log = new RaftLog(s, { maxApplyingBytes: Infinity });
  eq(log.findConflictByTerm(5, 2), { index: 4, term: 2 });
  eq(log.findConflictByTerm(4, 1), { index: 1, term: 1 });
  eq(log.findConflictByTerm(5, 3), { index: 5, term: 3 });
});

Deno.test("RaftLog.isUpToDate() compares last term, then length (paper 5.4.1)", () => {
  const s = new MemoryStorage();
  s.append([ent(1, 1), ent(2, 2)]);
  const log = new RaftLog(s, { maxApplyingBytes: Infinity });
  ok(log.isUpToDate(1, 3));
  ok(log.isUpToDate(2, 2));
  ok(!log.isUpToDate(1, 2));
  ok(!log.isUpToDate(9, 1));
});

Deno.test("encodeConfChange() round-trips through decodeConfChange()", () => {
  const cc = {
    type: "addLearnerNode" as const,
    nodeId: 2 ** 40 + 3,
    context: new Uint8Array([7]),
  };
  eq(decodeConfChange(encodeConfChange(cc)), cc);
  throws(() => decodeConfChange(new Uint8Array(3)), RangeError);
});

Deno.test("resolveConfig() refuses invalid settings", () => {
  const base = { id: 1, storage: new MemoryStorage(), random: seededRandom(1) };
  throws(() => resolveConfig({ ...base, id: 0 }), RaftConfigError);
  throws(
    () => resolveConfig({ ...base, electionTick: 1, heartbeatTick: 1 }),
    RaftConfigError,
  );
  throws(
    () => resolveConfig({ ...base, readOnlyOption: "leaseBased" }),
    RaftConfigError,
  );
  eq(resolveConfig(base).electionTick, 10);
});

Deno.test("RawNode.step() refuses local message types", () => {
  const n = new RawNode({
    id: 1,
    storage: MemoryStorage.withVoters([1]),
    random: seededRandom(1),
  });
  throws(
    () => n.step(newMessage({ type: "MsgHup", from: 1, to: 1 })),
    StepLocalMessageError,
  );
});

Deno.test("RawNode single voter commits its own proposal after its own persist", () => {
  const storage = MemoryStorage.withVoters([1]);
  const n = new RawNode({ id: 1, storage, random: seededRandom(1) });
  n.campaign();
  const applied: number[] = [];
  for (let i = 0; i < 5 && n.hasReady(); i++) {
    const rd = n.ready();
    storage.append(rd.entries);
    if (rd.hardState) storage.setHardState(rd.hardState);
    for (const e of rd.committedEntries) applied.push(e.index);
    n.advance(rd);
    if (i === 0) n.propose(new Uint8Array([1]));
  }
  eq(applied, [1, 2]);
  eq(n.status().role, "leader");
});

Deno.test("seededRandom() repeats its sequence for a seed", () => {
  const a = seededRandom(5);
  const b = seededRandom(5);
  const xs = [a(), a(), a()];
  eq(xs, [b(), b(), b()]);
  ok(xs.every((x) => x >= 0 && x < 1));
});

Deno.test("RawNode refuses to boot with no membership and no snapshot", () => {
  throws(
    () =>
      new RawNode({
        id: 4,
        storage: new MemoryStorage(),
        random: seededRandom(4),
      }),
    RaftConfigError,
  );
});

Deno.test("RawNode.ready() hands out one Ready at a time until advance()", () => {
  const n = new RawNode({
    id: 1,
    storage: MemoryStorage.withVoters([1]),
    random: seededRandom(1),
  });
  n.campaign();
  const rd = n.ready();
  ok(!n.hasReady());
  throws(() => n.ready(), RaftInvariantError);
  (n.raft.cfg.storage as MemoryStorage).append(rd.entries);
  n.advance(rd);
  ok(n.hasReady()); // the leader's empty entry is now committed
});
