/**
 * Tests that check the properties of the Raft paper (Ongaro & Ousterhout,
 * "In Search of an Understandable Consensus Algorithm"), section by section.
 */
import { deepStrictEqual as eq, ok } from "node:assert/strict";
import {
  type Entry,
  EntryType,
  MemoryStorage,
  type Message,
  newMessage,
  Raft,
  RawNode,
  seededRandom,
} from "../../src/raft/mod.ts";
import { bytes, Cluster } from "./_cluster.ts";

function ent(term: number, index: number, data = ""): Entry {
  return { term, index, type: EntryType.Normal, data: bytes(data) };
}

/** A raft with a preset log (terms of entries 1..n) and hard state. */
function raftWithLog(
  id: number,
  voters: number[],
  terms: number[],
  term: number,
  opts: { commit?: number; checkQuorum?: boolean; preVote?: boolean } = {},
): Raft {
  const s = MemoryStorage.withVoters(voters);
  s.append(terms.map((t, i) => ent(t, i + 1)));
  s.setHardState({ term, vote: 0, commit: opts.commit ?? 0 });
  return new Raft({
    id,
    storage: s,
    random: seededRandom(id),
    checkQuorum: opts.checkQuorum,
    preVote: opts.preVote,
  });
}

/** Makes the raft's unstable entries durable in its storage, then tells it. */
function persist(r: Raft): void {
  const ents = r.raftLog.unstableEntries().slice();
  if (ents.length === 0) return;
  (r.cfg.storage as MemoryStorage).append(ents);
  const last = ents[ents.length - 1];
  r.onStable(last.index, last.term);
}

function take(r: Raft): Message[] {
  const m = [...r.msgs, ...r.msgsAfterAppend];
  r.msgs = [];
  r.msgsAfterAppend = [];
  return m;
}

Deno.test("Raft.tick() starts an election after the election timeout (paper 5.2)", () => {
  const r = raftWithLog(1, [1, 2, 3], [], 0);
  for (let i = 0; i < 2 * r.cfg.electionTick; i++) r.tick();
  eq(r.state, "candidate");
  eq(r.term, 1);
  eq(r.vote, 1);
  const votes = take(r).filter((m) => m.type === "MsgVote").map((m) => m.to);
  eq(votes, [2, 3]);
});

Deno.test("Raft.step() grants at most one vote per term (paper 5.2 election safety)", () => {
  const r = raftWithLog(1, [1, 2, 3], [], 1);
  r.step(newMessage({ type: "MsgVote", from: 2, to: 1, term: 2 }));
  r.step(newMessage({ type: "MsgVote", from: 3, to: 1, term: 2 }));
  const resp = take(r).filter((m) => m.type === "MsgVoteResp");
  eq(resp.map((m) => [m.to, m.reject]), [[2, false], [3, true]]);
  eq(r.vote, 2);
});

Deno.test("Cluster elects exactly one leader per term under partitions (paper 5.2)", () => {
  for (let seed = 1; seed <= 20; seed++) {
    const c = new Cluster([1, 2, 3, 4, 5], { seed });
    c.cutLink(1, 2);
    c.cutLink(3, 4);
    const leadersByTerm = new Map<number, Set<number>>();
    for (let t = 0; t < 100; t++) {
      c.tickAll(1);
      for (const p of c.peers.values()) {
        if (p.node.raft.state !== "leader") continue;
        const set = leadersByTerm.get(p.node.raft.term) ?? new Set();
        set.add(p.id);
        leadersByTerm.set(p.node.raft.term, set);
      }
    }
    ok(leadersByTerm.size > 0, `seed ${seed}: no leader was elected`);
    for (const [term, set] of leadersByTerm) {
      eq(set.size, 1, `seed ${seed}: term ${term} had leaders ${[...set]}`);
    }
  }
});

Deno.test("Raft.step() rejects a candidate whose log is less up to date (paper 5.4.1)", () => {
  // Voter's last entry has term 3; candidate's has term 2 but is longer.
  const r = raftWithLog(1, [1, 2, 3], [1, 3], 3);
  r.step(
    newMessage({
      type: "MsgVote",
      from: 2,
      to: 1,
      term: 4,
      index: 5,
      logTerm: 2,
    }),
  );
  const [resp] = take(r).filter((m) => m.type === "MsgVoteResp");
  eq(resp.reject, true);
  r.step(
    newMessage({
      type: "MsgVote",
      from: 3,
      to: 1,
      term: 4,
      index: 2,
      logTerm: 3,
    }),
  );
  const [resp2] = take(r).filter((m) => m.type === "MsgVoteResp");
  eq(resp2.reject, false);
});

Deno.test("Raft.becomeLeader() appends an empty entry of the new term (paper 5.4.2)", () => {
  const c = new Cluster([1, 2, 3]);
  c.elect(1);
  const r = c.peer(1).node.raft;
  eq(r.state, "leader");
  const last = r.raftLog.allEntries().at(-1)!;
  eq([last.term, last.index, last.data.length], [r.term, 1, 0]);
  eq(r.raftLog.committed, 1);
});

Deno.test("Raft only commits entries of its own term by counting replicas (paper 5.4.2, figure 8)", () => {
  // Leader of term 3 holds entries of terms 1 and 2 it did not create.
  const r = raftWithLog(1, [1, 2, 3], [1, 2], 2);
  r.becomeCandidate();
  r.becomeLeader();
  eq(r.term, 3);
  persist(r); // own log durable, including the empty entry at 3
  take(r);
  // A follower acknowledges index 2 (term 2): a quorum stores it, but an
  // entry of an earlier term must not be committed by counting.
  r.step(newMessage({ type: "MsgAppResp", from: 2, to: 1, term: 3, index: 2 }));
  eq(r.raftLog.committed, 0);
  // Once the entry of term 3 is on a quorum, everything before it commits.
  r.step(newMessage({ type: "MsgAppResp", from: 2, to: 1, term: 3, index: 3 }));
  eq(r.raftLog.committed, 3);
});

Deno.test("Figure 8: an entry of an old term replicated to a majority can be overwritten, never a committed one (paper 5.4.2)", () => {
  const c = new Cluster([1, 2, 3, 4, 5]);
  c.elect(1); // term 1, index 1 committed everywhere
  // (a) S1 leads term 2 and replicates index 2 only to S2.
  c.isolate(1);
  c.cut.delete("1->2");
  c.cut.delete("2->1");
  c.peer(1).node.campaign(); // term 2 with votes... S1 can only reach S2: no win
  c.stabilize();
  c.heal();
  c.elect(1);
  const t = c.peer(1).node.raft.term;
  c.isolate(1);
  c.cut.delete("1->2");
  c.cut.delete("2->1");
  c.peer(1).node.propose(bytes("x"));
  c.stabilize();
  eq(
    c.peer(2).node.raft.raftLog.lastIndex(),
    c.peer(1).node.raft.raftLog.lastIndex(),
  );
  // (b) S1 crashes (isolated); S5 leads with votes from S3, S4, S5.
  c.isolate(1);
  c.isolate(2);
  c.elect(5);
  eq(c.peer(5).node.raft.state, "leader");
  ok(c.peer(5).node.raft.term > t);
  c.peer(5).node.propose(bytes("y"));
  c.stabilize();
  // "x" was on two of five nodes and never committed; "y" replaces it.
  c.heal();
  c.tickAll(3);
  for (const id of [1, 2, 3, 4, 5]) {
    eq(c.appliedData(id), ["y"], `node ${id}`);
  }
});

Deno.test("Leader overwrites a follower's conflicting entries (paper 5.3 log matching)", () => {
  const c = new Cluster([1, 2, 3]);
  c.elect(1);
  // Leader 1 appends entries no one else receives.
  c.isolate(1);
  c.peer(1).node.propose(bytes("bad1"));
  c.peer(1).node.propose(bytes("bad2"));
  c.stabilize();
  eq(c.peer(1).node.raft.raftLog.lastIndex(), 3);
  // 2 and 3 move on in term 2 and commit a different entry at index 2.
  c.elect(2);
  c.peer(2).node.propose(bytes("a"));
  c.stabilize();
  c.heal();
  c.tickAll(3);
  const logs = [1, 2, 3].map((id) =>
    c.peer(id).node.raft.raftLog.allEntries().map((e) => `${e.term}/${e.index}`)
  );
  eq(logs[0], logs[1]);
  eq(logs[2], logs[1]);
  for (const id of [1, 2, 3]) eq(c.appliedData(id), ["a"], `node ${id}`);
});

Deno.test("Fast backtracking needs one round trip per term, not per entry (paper 5.3)", () => {
  // Follower has 50 entries of term 2 the leader does not have.
  const leader = raftWithLog(1, [1, 2, 3], [1, 1, 1], 3);
  leader.becomeCandidate();
  leader.becomeLeader();
  persist(leader);
  take(leader);
  const follower = raftWithLog(2, [1, 2, 3], [1, ...Array(50).fill(2)], 3);
  let rounds = 0;
  leader.sendAppend(2);
  for (; rounds < 10; rounds++) {
    const app = take(leader).filter((m) => m.type === "MsgApp" && m.to === 2);
    if (app.length === 0) break;
    for (const m of app) follower.step(m);
    persist(follower);
    const resps = take(follower);
    for (const m of resps) leader.step(m);
    if (leader.trk.progress.get(2)!.match === 4) break;
  }
  eq(leader.trk.progress.get(2)!.match, 4);
  ok(rounds <= 3, `took ${rounds} rounds`);
});

Deno.test("Ready puts follower acks in persistedMessages and leader appends in messages (raft-rs split)", () => {
  const c = new Cluster([1, 2, 3]);
  c.elect(1);
  c.hold = true;
  c.peer(1).node.propose(bytes("p"));
  const rd = c.peer(1).node.ready();
  ok(rd.messages.some((m) => m.type === "MsgApp"));
  eq(rd.persistedMessages.length, 0);
  ok(rd.mustSync);
  // Leader does not count its own unsynced entry: not committed yet.
  c.peer(2).node.step(rd.messages.find((m) => m.to === 2)!);
  c.peer(1).storage.append(rd.entries);
  const rd2 = c.peer(2).node.ready();
  eq(rd2.messages.length, 0);
  eq(rd2.persistedMessages.map((m) => m.type), ["MsgAppResp"]);
  c.peer(1).node.step(rd2.persistedMessages[0]);
  eq(
    c.peer(1).node.raft.raftLog.committed,
    1,
    "one follower is not a quorum without the leader's sync",
  );
  c.peer(1).node.advance(rd);
  eq(c.peer(1).node.raft.raftLog.committed, 2);
});

Deno.test("Pre-vote keeps a rejoining partitioned node from disrupting the leader (dissertation 9.6)", () => {
  const c = new Cluster([1, 2, 3], { config: { preVote: true } });
  c.elect(1);
  const term = c.peer(1).node.raft.term;
  c.isolate(3);
  c.tick(3, 100);
  eq(c.peer(3).node.raft.term, term, "pre-candidate did not raise its term");
  eq(c.peer(3).node.raft.state, "preCandidate");
  c.heal();
  c.tickAll(5);
  eq(c.peer(1).node.raft.state, "leader");
  eq(c.peer(1).node.raft.term, term);
});

Deno.test("Check-quorum makes an isolated leader step down (paper 6.2 / dissertation 6.2)", () => {
  const c = new Cluster([1, 2, 3], { config: { checkQuorum: true } });
  c.elect(1);
  c.isolate(1);
  c.tick(1, 2 * c.peer(1).node.raft.cfg.electionTick + 1);
  eq(c.peer(1).node.raft.state, "follower");
});

Deno.test("Check-quorum followers ignore votes while they hear from a leader (leader lease)", () => {
  const c = new Cluster([1, 2, 3], { config: { checkQuorum: true } });
  c.elect(1);
  const term = c.peer(1).node.raft.term;
  c.peer(3).node.raft.becomeCandidate(); // disruptive candidate
  c.peer(3).node.raft.campaign("election");
  c.stabilize();
  // 1 and 2 ignore the vote; 3's higher term reaches 1 via responses only
  // when 1 sends it an append, and then 3 rejoins as follower.
  c.tickAll(3);
  eq(c.leader() !== 3, true);
  ok(c.peer(1).node.raft.term >= term);
});

Deno.test("RawNode.readIndex() on the leader answers after a quorum heartbeat (paper 8)", () => {
  const c = new Cluster([1, 2, 3]);
  c.elect(1);
  c.peer(1).node.propose(bytes("w"));
  c.stabilize();
  c.peer(1).node.readIndex(bytes("r1"));
  c.stabilize();
  const rs = c.peer(1).readStates;
  eq(rs.length, 1);
  eq(rs[0].index, c.peer(1).node.raft.raftLog.committed);
});

Deno.test("RawNode.readIndex() is forwarded from a follower and answered with the leader's commit", () => {
  const c = new Cluster([1, 2, 3]);
  c.elect(1);
  c.peer(1).node.propose(bytes("w"));
  c.stabilize();
  c.peer(2).node.readIndex(bytes("r2"));
  c.stabilize();
  const rs = c.peer(2).readStates;
  eq(rs.map((r) => new TextDecoder().decode(r.requestCtx)), ["r2"]);
  eq(rs[0].index, 2);
});

Deno.test("ReadIndex on a new leader waits for an entry of its term to commit (paper 8)", () => {
  const c = new Cluster([1, 2, 3]);
  c.elect(1);
  c.ignored.add("MsgAppResp");
  c.elect(2);
  eq(c.peer(2).node.raft.state, "leader");
  c.peer(2).node.readIndex(bytes("r"));
  c.stabilize();
  eq(c.peer(2).readStates.length, 0);
  c.ignored.clear();
  c.tickAll(2);
  eq(c.peer(2).readStates.length, 1);
  eq(c.peer(2).readStates[0].index, c.peer(2).node.raft.raftLog.committed);
});

Deno.test("Lease-based reads answer without a heartbeat round while the lease holds", () => {
  const c = new Cluster([1, 2, 3], {
    config: { checkQuorum: true, readOnlyOption: "leaseBased" },
  });
  // Nodes refuse votes for an election timeout after they start.
  c.tickAll(30);
  const lead = c.leader();
  ok(lead !== 0);
  c.hold = true;
  c.peer(lead).node.readIndex(bytes("lease"));
  const rd = c.peer(lead).node.ready();
  eq(rd.readStates.length, 1);
  eq(rd.messages.filter((m) => m.type === "MsgHeartbeat").length, 0);
});

Deno.test("Lease-based reads fall back to a heartbeat quorum once the lease expired", () => {
  const c = new Cluster([1, 2, 3], {
    config: { checkQuorum: true, readOnlyOption: "leaseBased" },
  });
  c.tickAll(30);
  const lead = c.leader();
  c.isolate(lead);
  // Less than two check-quorum rounds: still leader, but the lease is gone.
  c.tick(lead, 10);
  eq(c.peer(lead).node.raft.state, "leader");
  c.peer(lead).node.readIndex(bytes("late"));
  c.stabilize();
  eq(c.peer(lead).readStates.length, 0);
});

Deno.test("RawNode.propose() on a follower is forwarded to the leader", () => {
  const c = new Cluster([1, 2, 3]);
  c.elect(1);
  c.peer(3).node.propose(bytes("fwd"));
  c.stabilize();
  eq(c.appliedData(1), ["fwd"]);
});

Deno.test("RawNode.propose() throws ProposalDroppedError without a leader or forwarding", async () => {
  const { ProposalDroppedError } = await import("../../src/raft/mod.ts");
  const c = new Cluster([1, 2, 3], {
    config: { disableProposalForwarding: true },
  });
  let err: unknown;
  try {
    c.peer(2).node.propose(bytes("x"));
  } catch (e) {
    err = e;
  }
  ok(err instanceof ProposalDroppedError);
  c.elect(1);
  err = undefined;
  try {
    c.peer(2).node.propose(bytes("x"));
  } catch (e) {
    err = e;
  }
  ok(err instanceof ProposalDroppedError);
  eq((err as InstanceType<typeof ProposalDroppedError>).lead, 1);
});

Deno.test("Leader sends a snapshot to a follower behind its compaction point", () => {
  const c = new Cluster([1, 2, 3]);
  c.elect(1);
  c.isolate(3);
  for (let i = 0; i < 10; i++) c.peer(1).node.propose(bytes(`e${i}`));
  c.stabilize();
  const leader = c.peer(1);
  const applied = leader.node.raft.raftLog.applied;
  leader.storage.createSnapshot(applied, { data: bytes("state") });
  leader.storage.compact(applied);
  c.heal();
  c.tickAll(3);
  const f = c.peer(3);
  eq(f.storage.snapshot().metadata.index, applied);
  eq(f.node.raft.raftLog.committed, leader.node.raft.raftLog.committed);
  eq(leader.node.status().progress!.get(3)!.state, "replicate");
});

Deno.test("Inflights bound the MsgApp in flight while replicating (flow control)", () => {
  const c = new Cluster([1, 2], {
    config: { maxInflightMsgs: 3, maxSizePerMsg: 1 },
  });
  c.elect(1);
  c.hold = true;
  for (let i = 0; i < 10; i++) c.peer(1).node.propose(bytes(`p${i}`));
  c.handleReady(1);
  const apps = c.queue.filter((m) => m.type === "MsgApp" && m.to === 2);
  eq(apps.length, 3);
  eq(c.peer(1).node.status().progress!.get(2)!.inflight, 3);
  c.hold = false;
  c.stabilize();
  eq(c.appliedData(2).length, 10);
});

Deno.test("Learners receive the log but never vote or count for commit (membership)", () => {
  const c = new Cluster([1, 2, 3], { learners: [4] });
  c.elect(1);
  c.isolate(2);
  c.isolate(3);
  c.peer(1).node.propose(bytes("x"));
  c.stabilize();
  // Leader + learner is not a quorum of voters {1,2,3}.
  eq(c.appliedData(4).length, 0);
  eq(c.peer(4).node.raft.raftLog.lastIndex(), 2);
  c.tick(4, 100);
  eq(c.peer(4).node.raft.state, "follower");
  eq(c.peer(4).node.raft.term, c.peer(1).node.raft.term);
});

Deno.test("Membership: add a learner, promote it, remove the leader", () => {
  const c = new Cluster([1, 2, 3]);
  c.elect(1);
  // A joiner boots with the founders' membership and replays the log.
  c.addPeer(4);
  c.peer(1).node.proposeConfChange({ type: "addLearnerNode", nodeId: 4 });
  c.stabilize();
  c.tickAll(3);
  eq(c.peer(1).node.status().confState, { voters: [1, 2, 3], learners: [4] });
  c.peer(1).node.proposeConfChange({ type: "addNode", nodeId: 4 });
  c.stabilize();
  eq(c.peer(4).node.status().confState, { voters: [1, 2, 3, 4], learners: [] });
  c.peer(1).node.proposeConfChange({ type: "removeNode", nodeId: 1 });
  c.stabilize();
  eq(c.peer(1).node.raft.state, "follower");
  c.tickAll(40);
  const lead = c.leader();
  ok([2, 3, 4].includes(lead), `leader ${lead}`);
  c.peer(lead).node.propose(bytes("after"));
  c.stabilize();
  for (const id of [2, 3, 4]) eq(c.appliedData(id), ["after"]);
});

Deno.test("Only one conf change may be pending (dissertation 4.1)", async () => {
  const { ProposalDroppedError } = await import("../../src/raft/mod.ts");
  const c = new Cluster([1, 2, 3]);
  c.elect(1);
  c.hold = true;
  c.peer(1).node.proposeConfChange({ type: "addLearnerNode", nodeId: 4 });
  let err: unknown;
  try {
    c.peer(1).node.proposeConfChange({ type: "addLearnerNode", nodeId: 5 });
  } catch (e) {
    err = e;
  }
  ok(err instanceof ProposalDroppedError);
});

Deno.test("RawNode.transferLeader() hands leadership to a lagging follower", async () => {
  const { ProposalDroppedError } = await import("../../src/raft/mod.ts");
  const c = new Cluster([1, 2, 3]);
  c.elect(1);
  c.isolate(3);
  c.peer(1).node.propose(bytes("x"));
  c.stabilize();
  c.heal();
  c.hold = true;
  c.peer(1).node.transferLeader(3);
  let err: unknown;
  try {
    c.peer(1).node.propose(bytes("refused"));
  } catch (e) {
    err = e;
  }
  ok(
    err instanceof ProposalDroppedError,
    "proposals are refused during a transfer",
  );
  c.hold = false;
  c.stabilize();
  eq(c.leader(), 3);
  eq(
    c.peer(3).node.raft.raftLog.committed,
    c.peer(3).node.raft.raftLog.lastIndex(),
  );
});

Deno.test("RawNode.status() reports role, term, leader and follower progress", () => {
  const c = new Cluster([1, 2, 3]);
  c.elect(1);
  const s = c.peer(1).node.status();
  eq([s.role, s.term, s.lead, s.commit, s.applied], ["leader", 1, 1, 1, 1]);
  eq(s.progress!.get(2)!.match, 1);
  eq(s.progress!.get(2)!.state, "replicate");
  eq(c.peer(2).node.status().progress, undefined);
});

Deno.test("RawNode restarts from storage with term, vote and log intact", () => {
  const c = new Cluster([1, 2, 3]);
  c.elect(1);
  c.peer(1).node.propose(bytes("x"));
  c.stabilize();
  const st = c.peer(2).storage;
  const hs = st.initialState().hardState;
  const n = new RawNode({
    id: 2,
    storage: st,
    random: seededRandom(9),
    applied: 2,
  });
  eq(n.raft.term, hs.term);
  eq(n.raft.vote, hs.vote);
  eq(n.raft.raftLog.lastIndex(), 2);
});

Deno.test("A candidate never counts a learner's vote (membership)", () => {
  const c = new Cluster([1, 2, 3], { learners: [4] });
  c.cutLink(1, 2);
  c.cutLink(1, 3);
  c.peer(1).node.campaign();
  c.stabilize();
  // Only the learner could answer; a learner's grant does not count.
  eq(c.peer(1).node.raft.state, "candidate");
  eq(c.peer(1).node.raft.trk.tallyVotes().granted, 1);
});

Deno.test("Removing voters one at a time shrinks the quorum (dissertation 4.1)", () => {
  const c = new Cluster([1, 2, 3, 4, 5]);
  c.elect(1);
  c.peer(1).node.proposeConfChange({ type: "removeNode", nodeId: 5 });
  c.stabilize();
  c.peer(1).node.proposeConfChange({ type: "removeNode", nodeId: 4 });
  c.stabilize();
  eq(c.peer(1).node.status().confState.voters, [1, 2, 3]);
  c.isolate(3);
  c.isolate(4);
  c.isolate(5);
  // Two of the three voters left are a quorum; two of five were not.
  c.peer(1).node.propose(bytes("after"));
  c.stabilize();
  eq(c.appliedData(1), ["after"]);
});
