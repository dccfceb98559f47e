/**
 * Interaction scripts in the spirit of etcd-io/raft's `testdata/*.txt`:
 * a command, `----`, and the output it must print. Set `REEF_RECORD=1`
 * to rewrite the expected output.
 *
 * @module
 */
import {
  decodeConfChange,
  type Entry,
  EntryType,
  type HardState,
  MemoryStorage,
  type Message,
  type RaftConfig,
  RawNode,
  type Ready,
  seededRandom,
} from "../../src/raft/mod.ts";

/** One command block of a script. */
export interface Block {
  /** Comment and blank lines before the command, kept when recording. */
  prefix: string[];
  command: string;
  expected: string[];
}

/**
 * Parses a script into blocks.
 *
 * @example
 * ```ts
 * parseScript("campaign 1\n----\nok\n");
 * ```
 */
export function parseScript(text: string): Block[] {
  const lines = text.split("\n");
  const blocks: Block[] = [];
  let prefix: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "" || line.startsWith("#")) {
      prefix.push(line);
      i++;
      continue;
    }
    const command = line;
    i++;
    if (lines[i] !== "----") {
      throw new Error(`line ${i + 1}: expected ---- after "${command}"`);
    }
    i++;
    const expected: string[] = [];
    while (i < lines.length && lines[i] !== "") expected.push(lines[i++]);
    blocks.push({ prefix, command, expected });
    prefix = [];
  }
  return blocks;
}

/**
 * Renders blocks back to a script with the given outputs.
 *
 * @example
 * ```ts
 * renderScript([{ prefix: [], command: "x", expected: [] }], [["ok"]]);
 * ```
 */
export function renderScript(blocks: Block[], outputs: string[][]): string {
  const out: string[] = [];
  blocks.forEach((b, i) => {
    out.push(...b.prefix, b.command, "----", ...outputs[i]);
  });
  return out.join("\n") + "\n";
}

const dec = new TextDecoder();
const enc = new TextEncoder();

function fmtEntry(e: Entry): string {
  if (e.type === EntryType.ConfChange) {
    const cc = decodeConfChange(e.data);
    return `${e.term}/${e.index} ${cc.type} ${cc.nodeId}`;
  }
  return `${e.term}/${e.index} EntryNormal "${dec.decode(e.data)}"`;
}

function fmtHs(hs: HardState): string {
  return `HardState Term:${hs.term} Vote:${hs.vote} Commit:${hs.commit}`;
}

/**
 * Formats a message on one line.
 *
 * @example
 * ```ts
 * import { newMessage } from "../../src/raft/mod.ts";
 * fmtMessage(newMessage({ type: "MsgHeartbeat", from: 1, to: 2, term: 1 }));
 * ```
 */
export function fmtMessage(m: Message): string {
  let s = `${m.from}->${m.to} ${m.type} Term:${m.term}`;
  switch (m.type) {
    case "MsgApp":
      s += ` Log:${m.logTerm}/${m.index} Commit:${m.commit}`;
      break;
    case "MsgAppResp":
      s += m.reject
        ? ` Rejected (Hint: ${m.rejectHint}/${m.logTerm}) Index:${m.index}`
        : ` Log:0/${m.index}`;
      break;
    case "MsgVote":
    case "MsgPreVote":
      s += ` Log:${m.logTerm}/${m.index}`;
      break;
    case "MsgVoteResp":
    case "MsgPreVoteResp":
      if (m.reject) s += " Rejected";
      break;
    case "MsgHeartbeat":
      s += ` Commit:${m.commit}`;
      break;
    case "MsgSnap": {
      const md = m.snapshot!.metadata;
      s +=
        ` Snapshot: Index:${md.index} Term:${md.term} Voters:[${md.confState.voters}]` +
        ` Learners:[${md.confState.learners}]`;
      break;
    }
    case "MsgReadIndexResp":
      s += ` Index:${m.index}`;
      break;
  }
  if (m.type === "MsgReadIndex" || m.type === "MsgReadIndexResp") {
    s += ` Ctx:"${dec.decode(m.entries[0]?.data ?? new Uint8Array())}"`;
  } else if (m.entries.length > 0) {
    s += ` Entries:[${m.entries.map(fmtEntry).join(", ")}]`;
  }
  if (
    m.context && (m.type === "MsgHeartbeat" || m.type === "MsgHeartbeatResp")
  ) {
    s += ` Context:"${dec.decode(m.context)}"`;
  }
  return s;
}

interface ScriptNode {
  id: number;
  node: RawNode;
  storage: MemoryStorage;
}

/**
 * Runs script commands against an in-process cluster whose messages are
 * delivered only when a command says so.
 *
 * @example
 * ```ts
 * const env = new InteractionEnv();
 * env.run("add-nodes 3");
 * ```
 */
export class InteractionEnv {
  nodes = new Map<number, ScriptNode>();
  inbox = new Map<number, Message[]>();
  cut = new Set<string>();
  voters: number[] = [];
  config: Partial<RaftConfig> = {};
  out: string[] = [];

  #p(s: string): void {
    this.out.push(s);
  }

  /** Runs one command; returns its output lines. */
  run(command: string): string[] {
    this.out = [];
    const [cmd, ...args] = command.trim().split(/\s+/);
    const kv = new Map<string, string>();
    const pos: string[] = [];
    for (const a of args) {
      const eq = a.indexOf("=");
      if (eq > 0) kv.set(a.slice(0, eq), a.slice(eq + 1));
      else pos.push(a);
    }
    const id = Number(pos[0]);
    try {
      this.#dispatch(cmd, id, pos, kv);
    } catch (e) {
      this.#p(
        `error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
      );
    }
    if (this.out.length === 0) this.#p("ok");
    return this.out;
  }

  #dispatch(
    cmd: string,
    id: number,
    pos: string[],
    kv: Map<string, string>,
  ): void {
    switch (cmd) {
      case "add-nodes":
        return this.#addNodes(id, kv);
      case "add-node":
        return this.#addNode(id);
      case "campaign":
        return this.#node(id).campaign();
      case "tick": {
        const n = Number(pos[1] ?? 1);
        for (let i = 0; i < n; i++) this.#node(id).tick();
        return;
      }
      case "tick-election": {
        const node = this.#node(id);
        // Past the largest randomized timeout: exactly one election.
        for (let i = 0; i < node.raft.randomizedElectionTimeout; i++) {
          node.tick();
        }
        return;
      }
      case "tick-heartbeat": {
        const node = this.#node(id);
        for (let i = 0; i < node.raft.cfg.heartbeatTick; i++) node.tick();
        return;
      }
      case "propose":
        return this.#node(id).propose(enc.encode(pos[1]));
      case "propose-conf-change": {
        const type = pos[1] as "addNode" | "addLearnerNode" | "removeNode";
        return this.#node(id).proposeConfChange({
          type,
          nodeId: Number(pos[2]),
        });
      }
      case "read-index":
        return this.#node(id).readIndex(enc.encode(pos[1]));
      case "transfer-leadership":
        return this.#node(Number(kv.get("from"))).transferLeader(
          Number(kv.get("to")),
        );
      case "isolate":
        for (const other of this.nodes.keys()) {
          if (other === id) continue;
          this.cut.add(`${id}-${other}`);
          this.cut.add(`${other}-${id}`);
        }
        return;
      case "heal":
        this.cut.clear();
        return;
      case "compact": {
        const n = this.nodes.get(id)!;
        const applied = n.node.raft.raftLog.applied;
        n.storage.createSnapshot(applied, {
          confState: n.node.raft.trk.confState(),
          data: enc.encode(`snap@${applied}`),
        });
        n.storage.compact(applied);
        this.#p(
          `compacted ${id} to ${applied}; first index ${n.storage.firstIndex()}`,
        );
        return;
      }
      case "stabilize":
        return this.#stabilize(
          pos.length > 0 ? pos.map(Number) : [...this.nodes.keys()],
        );
      case "process-ready":
        for (const i of pos.map(Number)) this.#processReady(i);
        return;
      case "deliver-msgs":
        for (const i of pos.map(Number)) {
          this.#deliver(i, kv.get("drop") === "true");
        }
        return;
      case "status":
        return this.#status(id);
      case "raft-log":
        return this.#raftLog(id);
      case "raft-state":
        for (const n of this.nodes.values()) {
          const r = n.node.raft;
          this.#p(`${n.id}: ${r.state} Term:${r.term} Lead:${r.lead}`);
        }
        return;
      default:
        throw new Error(`unknown command ${cmd}`);
    }
  }

  #node(id: number): RawNode {
    const n = this.nodes.get(id);
    if (!n) throw new Error(`no node ${id}`);
    return n.node;
  }

  #addNodes(count: number, kv: Map<string, string>): void {
    this.config = {
      preVote: kv.get("prevote") === "true",
      checkQuorum: kv.get("checkquorum") === "true",
      readOnlyOption: kv.get("lease") === "true" ? "leaseBased" : "safe",
      electionTick: 10,
      heartbeatTick: 1,
    };
    this.voters = [];
    for (let i = 1; i <= count; i++) this.voters.push(i);
    for (const id of this.voters) this.#addNode(id);
    this.#p(
      `${count} voters, prevote=${this.config.preVote} checkquorum=${this.config.checkQuorum}`,
    );
  }

  #addNode(id: number): void {
    const storage = MemoryStorage.withVoters(this.voters);
    const node = new RawNode({
      id,
      storage,
      random: seededRandom(id),
      ...this.config,
    });
    this.nodes.set(id, { id, node, storage });
    this.inbox.set(id, []);
  }

  #processReady(id: number): boolean {
    const n = this.nodes.get(id)!;
    if (!n.node.hasReady()) return false;
    const rd: Ready = n.node.ready();
    this.#p(`> ${id} handling Ready`);
    if (rd.softState) {
      this.#p(`  Lead:${rd.softState.lead} State:${rd.softState.role}`);
    }
    if (rd.hardState) this.#p(`  ${fmtHs(rd.hardState)}`);
    if (rd.snapshot) {
      const md = rd.snapshot.metadata;
      this.#p(
        `  Snapshot Index:${md.index} Term:${md.term} Voters:[${md.confState.voters}]`,
      );
      n.storage.applySnapshot(rd.snapshot);
    }
    if (rd.entries.length > 0) {
      this.#p(`  Entries: ${rd.entries.map(fmtEntry).join(", ")}`);
    }
    n.storage.append(rd.entries);
    if (rd.hardState) n.storage.setHardState(rd.hardState);
    if (rd.committedEntries.length > 0) {
      this.#p(
        `  CommittedEntries: ${rd.committedEntries.map(fmtEntry).join(", ")}`,
      );
    }
    const lost = (m: Message) =>
      this.cut.has(`${m.from}-${m.to}`) ? " LOST (partition)" : "";
    for (const m of rd.messages) this.#p(`  send ${fmtMessage(m)}${lost(m)}`);
    for (const m of rd.persistedMessages) {
      this.#p(`  send after persist ${fmtMessage(m)}${lost(m)}`);
    }
    for (const rs of rd.readStates) {
      this.#p(
        `  ReadState Index:${rs.index} Ctx:"${dec.decode(rs.requestCtx)}"`,
      );
    }
    for (const m of [...rd.messages, ...rd.persistedMessages]) {
      // A cut link loses messages as they are sent.
      if (!this.cut.has(`${m.from}-${m.to}`)) this.inbox.get(m.to)?.push(m);
    }
    for (const e of rd.committedEntries) {
      if (e.type !== EntryType.ConfChange) continue;
      const cs = n.node.applyConfChange(decodeConfChange(e.data));
      this.#p(
        `  applied conf change: Voters:[${cs.voters}] Learners:[${cs.learners}]`,
      );
    }
    n.node.advance(rd);
    return true;
  }

  #deliver(id: number, drop: boolean): boolean {
    const box = this.inbox.get(id) ?? [];
    if (box.length === 0) return false;
    this.inbox.set(id, []);
    this.#p(`> ${id} ${drop ? "dropping" : "receiving"} messages`);
    for (const m of box) {
      if (drop || this.cut.has(`${m.from}-${m.to}`)) {
        this.#p(`  ${fmtMessage(m)} DROPPED`);
        continue;
      }
      this.#p(`  ${fmtMessage(m)}`);
      this.#node(id).step(m);
    }
    return true;
  }

  #stabilize(ids: number[]): void {
    for (let round = 0; round < 200; round++) {
      let moved = false;
      for (const id of ids) while (this.#processReady(id)) moved = true;
      for (const id of ids) if (this.#deliver(id, false)) moved = true;
      if (!moved) return;
    }
    this.#p("error: did not stabilize");
  }

  #status(id: number): void {
    const s = this.#node(id).status();
    this.#p(
      `${s.id}: ${s.role} Term:${s.term} Vote:${s.vote} Lead:${s.lead} Commit:${s.commit}` +
        ` Applied:${s.applied} LastIndex:${s.lastIndex} Transferee:${s.leadTransferee}`,
    );
    this.#p(
      `  Voters:[${s.confState.voters}] Learners:[${s.confState.learners}]`,
    );
    for (const [pid, pr] of s.progress ?? []) {
      const extra = (pr.isLearner ? " learner" : "") +
        (pr.inflight > 0 ? ` inflight=${pr.inflight}` : "");
      this.#p(
        `  ${pid}: ${pr.state} match=${pr.match} next=${pr.next}${extra}`,
      );
    }
  }

  #raftLog(id: number): void {
    const log = this.nodes.get(id)!.node.raft.raftLog;
    const ents = log.allEntries();
    this.#p(`first index ${log.firstIndex()}, last index ${log.lastIndex()}`);
    for (const e of ents) this.#p(fmtEntry(e));
  }
}
