import { deepStrictEqual, ok } from "node:assert/strict";
import fc from "fast-check";
import { SimFileSystem } from "../../src/internal/mod.ts";
import { checkHeader, frameEnd } from "../../src/wal/_format.ts";
import {
  openWal,
  type Wal,
  WalCorruptError,
  type WalEntryInput,
  type WalHardState,
  type WalOptions,
} from "../../src/wal/mod.ts";
import { entry, plain } from "./_helpers.ts";

const DIR = "/d/raft/wal";
const RUNS = Deno.env.get("REEF_LONG") ? 2000 : 120;

type Cmd =
  | { kind: "save"; count: number; back: number; size: number; hs: boolean }
  | { kind: "snapshot"; back: number }
  | { kind: "release" }
  | { kind: "reopen" }
  | { kind: "crash"; inFlight: boolean }
  | { kind: "burst"; saves: number; crash: boolean }
  | { kind: "fault"; op: "write" | "datasync" };

const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("save" as const),
      count: fc.integer({ min: 0, max: 12 }),
      back: fc.integer({ min: 0, max: 4 }),
      size: fc.constantFrom(0, 5, 100, 700),
      hs: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("snapshot" as const),
      back: fc.integer({ min: 0, max: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "release" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "reopen" as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("crash" as const),
      inFlight: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("burst" as const),
      saves: fc.integer({ min: 2, max: 6 }),
      crash: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("fault" as const),
      op: fc.constantFrom("write" as const, "datasync" as const),
    }),
  },
);

/** What a reopened log must hold: the replay of acknowledged operations. */
class Model {
  entries: WalEntryInput[] = [];
  snap = 0;
  hs: WalHardState = { term: 0, vote: 0, commit: 0 };

  get last(): number {
    return this.entries.length
      ? Number(this.entries[this.entries.length - 1].index)
      : this.snap;
  }

  clone(): Model {
    const m = new Model();
    m.entries = [...this.entries];
    m.snap = this.snap;
    m.hs = { ...this.hs };
    return m;
  }

  save(hs: WalHardState | undefined, es: WalEntryInput[]): void {
    if (hs) this.hs = hs;
    if (es.length === 0) return;
    const first = Number(es[0].index);
    this.entries = this.entries.filter((e) => Number(e.index) < first);
    this.entries.push(...es);
  }

  snapshot(index: number): void {
    this.snap = index;
    this.entries = this.entries.filter((e) => Number(e.index) > index);
  }

  matches(r: { entries: unknown[]; hardState: WalHardState }): boolean {
    try {
      deepStrictEqual(plain(r.entries as WalEntryInput[]), plain(this.entries));
      deepStrictEqual(r.hardState, this.hs);
      return true;
    } catch {
      return false;
    }
  }
}

async function run(seed: number, cmds: Cmd[]): Promise<void> {
  const fs = new SimFileSystem({ seed });
  const opts: WalOptions = { fs, segmentSize: 4096 };
  let model = new Model();
  // States the log may also be in: after each operation that failed or was
  // cut short, in order (a crash keeps a prefix of the frames written).
  let maybe: Model[] = [];
  let term = 1;
  let wal: Wal | undefined = (await openWal(DIR, opts)).wal;

  const reopen = async (crash: boolean) => {
    if (crash) fs.crash();
    else await wal?.close();
    fs.clearFaults();
    const r = await openWal(DIR, opts);
    const found = [model, ...maybe].find((m) => m.matches(r));
    ok(
      found,
      `reopened log differs: got ${r.entries.length} entries, hs ${
        JSON.stringify(r.hardState)
      }; expected ${model.entries.length} (or ${
        maybe.map((m) => m.entries.length)
      })`,
    );
    model = found;
    maybe = [];
    wal = r.wal;
  };

  try {
    for (const c of cmds) {
      if (c.kind === "save") {
        const first = Math.max(model.snap + 1, model.last + 1 - c.back);
        if (c.back > 0) term++;
        const es: WalEntryInput[] = [];
        for (let i = 0; i < c.count; i++) {
          es.push(entry(first + i, term, c.size));
        }
        const hs = c.hs ? { term, vote: 1, commit: model.last } : undefined;
        if (!hs && es.length === 0) continue;
        const next = model.clone();
        next.save(hs, es);
        try {
          await wal!.save(hs, es);
          model = next;
        } catch {
          maybe = [next];
          await reopen(fs.generation % 2 === 0);
        }
      } else if (c.kind === "snapshot") {
        const index = Math.max(model.snap, model.last - c.back);
        const next = model.clone();
        next.snapshot(index);
        try {
          await wal!.saveSnapshot({ index, term });
          model = next;
        } catch {
          maybe = [next];
          await reopen(true);
        }
      } else if (c.kind === "burst") {
        // Concurrent saves: group-committed, maybe crashed before all land.
        const states: Model[] = [];
        const promises: Promise<boolean>[] = [];
        let m = model;
        for (let k = 0; k < c.saves; k++) {
          const es = [entry(m.last + 1, term, 50 + k * 200)];
          const hs = { term, vote: 1, commit: m.last };
          m = m.clone();
          m.save(hs, es);
          states.push(m);
          promises.push(wal!.save(hs, es).then(() => true, () => false));
        }
        if (c.crash) {
          maybe = states;
          await reopen(true);
          await Promise.all(promises);
        } else {
          const results = await Promise.all(promises);
          const okCount = results.indexOf(false) < 0
            ? results.length
            : results.indexOf(false);
          if (okCount > 0) model = states[okCount - 1];
          if (okCount < results.length) {
            maybe = states.slice(okCount);
            await reopen(true);
          }
        }
      } else if (c.kind === "release") {
        await wal!.releaseTo(model.snap);
      } else if (c.kind === "reopen") {
        await reopen(false);
      } else if (c.kind === "crash") {
        if (c.inFlight && model.last > 0) {
          // Crash after the write of a save, before its fsync.
          const es = [entry(model.last + 1, term, 300)];
          const next = model.clone();
          next.save(undefined, es);
          const p = wal!.save(undefined, es).catch(() => {});
          maybe = [next];
          await reopen(true);
          await p;
        } else {
          await reopen(true);
        }
      } else {
        fs.injectFault({ op: c.op, path: ".wal" });
      }
    }
    fs.clearFaults();
    await reopen(false);
  } finally {
    fs.clearFaults();
    await wal?.close();
  }
}

Deno.test("Wal keeps every acknowledged save across crashes and faults (property)", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      fc.array(cmdArb, { maxLength: 40 }),
      run,
    ),
    { numRuns: RUNS },
  );
});

function frameSpans(buf: Uint8Array): [number, number][] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const spans: [number, number][] = [];
  let off = 0;
  for (;;) {
    const h = checkHeader(buf, view, off);
    if (h.kind !== "ok") return spans;
    spans.push([off, off + 16 + h.bodyLen]);
    off = frameEnd(off, h.bodyLen);
  }
}

Deno.test("openWal() reports any flipped bit in any frame (property)", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          count: fc.integer({ min: 1, max: 30 }),
          size: fc.constantFrom(20, 700),
          zeros: fc.boolean(),
        }),
        { minLength: 2, maxLength: 15 },
      ),
      fc.nat(),
      async (batches, pick) => {
        const fs = new SimFileSystem();
        const opts = { fs, segmentSize: 4096, preallocate: false };
        const { wal } = await openWal(DIR, opts);
        let next = 1;
        for (const b of batches) {
          const es = [];
          for (let i = 0; i < b.count; i++) {
            const e = entry(next++, 1, b.size);
            if (b.zeros) e.data.fill(0);
            es.push(e);
          }
          await wal.save({ term: 1, vote: 0, commit: next - 1 }, es);
        }
        const names = wal.segments;
        await wal.close();
        const targets: {
          name: string;
          bit: number;
          body: number;
          end: number;
        }[] = [];
        for (const name of names) {
          const spans = frameSpans(await fs.readFile(`${DIR}/${name}`));
          for (const [a, b] of spans) {
            for (let bit = a * 8; bit < b * 8; bit += 7) {
              targets.push({ name, bit, body: a + 16, end: b });
            }
          }
        }
        const t = targets[pick % targets.length];
        const path = `${DIR}/${t.name}`;
        fs.flipBit(path, t.bit);
        // The one documented blind spot: a flip that leaves a whole piece of
        // the body (cut at 512-byte sectors) reading as zeros looks like a
        // torn write and may be cut off.
        const after = await fs.readFile(path);
        const byte = t.bit >> 3;
        const sector = Math.floor(byte / 512) * 512;
        const piece = after.subarray(
          Math.max(sector, t.body),
          Math.min(sector + 512, t.end),
        );
        const blind = byte >= t.body && piece.every((x) => x === 0);
        let error: unknown;
        try {
          const r = await openWal(DIR, opts);
          await r.wal.close();
        } catch (err) {
          error = err;
        }
        if (blind && !(error instanceof WalCorruptError)) return;
        ok(error instanceof WalCorruptError, `bit ${t.bit} of ${t.name}`);
        ok(error.segment === t.name);
      },
    ),
    { numRuns: RUNS },
  );
});
