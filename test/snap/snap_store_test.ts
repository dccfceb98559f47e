import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert/strict";
import fc from "fast-check";
import { DenoFileSystem, SimFileSystem } from "../../src/internal/mod.ts";
import {
  openSnapStore,
  SnapshotCorruptError,
  SnapshotNotFoundError,
  type SnapshotReader,
} from "../../src/snap/mod.ts";

const DIR = "/data/raft/snap";

async function readAll(r: SnapshotReader): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const c of r.chunks()) out.push(c);
  return out;
}

function pattern(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 13 + seed) & 0xff;
  return b;
}

Deno.test("SnapStore.save() and load() round-trip chunks and metadata", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.uint8Array({ minLength: 1, maxLength: 3000 }), {
        maxLength: 8,
      }),
      fc.uint8Array({ maxLength: 40 }),
      async (chunks, meta) => {
        const fs = new SimFileSystem();
        const snaps = await openSnapStore(DIR, { fs });
        const info = await snaps.save({ term: 3n, index: 99, meta }, chunks);
        strictEqual(info.name, "0000000000000003-0000000000000063.snap");
        await using r = await snaps.load(info.name);
        deepStrictEqual([r.term, r.index, [...r.meta]], [3, 99, [...meta]]);
        deepStrictEqual(
          (await readAll(r)).map((c) => [...c]),
          chunks.map((c) => [...c]),
        );
      },
    ),
    { numRuns: 50 },
  );
});

Deno.test("SnapStore.save() streams from an async iterable on the real disk", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const snaps = await openSnapStore(`${dir}/raft/snap`, {
      fs: new DenoFileSystem(),
    });
    const gen = async function* () {
      for (let i = 0; i < 20; i++) yield pattern(100_000 + i, i);
      yield pattern(3 << 20, 99); // bigger than the write buffer
    };
    await snaps.save({ term: 1, index: 10 }, gen());
    await using r = await snaps.loadNewest();
    ok(r);
    const got = await readAll(r);
    strictEqual(got.length, 21);
    deepStrictEqual(got[5], pattern(100_005, 5));
    deepStrictEqual(got[20], pattern(3 << 20, 99));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("SnapStore keeps only the newest snapshots", async () => {
  const fs = new SimFileSystem();
  const snaps = await openSnapStore(DIR, { fs, keep: 2 });
  for (let i = 1; i <= 5; i++) {
    await snaps.save({ term: 1, index: i * 10 }, [pattern(10, i)]);
  }
  deepStrictEqual((await snaps.list()).map((s) => s.index), [50, 40]);
});

Deno.test("SnapStore.loadNewest() sets a corrupt snapshot aside and falls back", async () => {
  const fs = new SimFileSystem();
  const snaps = await openSnapStore(DIR, { fs });
  await snaps.save({ term: 1, index: 10 }, [pattern(5000, 1)]);
  const newest = await snaps.save({ term: 2, index: 20 }, [pattern(5000, 2)]);
  fs.flipBit(`${DIR}/${newest.name}`, 8 * 2500 + 1);
  await rejects(snaps.load(newest.name), SnapshotCorruptError);
  await using r = await snaps.loadNewest();
  strictEqual(r?.index, 10);
  ok((await fs.readDir(DIR)).includes(`${newest.name}.broken`));
  deepStrictEqual((await snaps.list()).map((s) => s.index), [10]);
});

Deno.test("SnapStore.load() detects any flipped bit", async () => {
  const fs = new SimFileSystem();
  const snaps = await openSnapStore(DIR, { fs });
  const info = await snaps.save({ term: 1, index: 1, meta: pattern(7, 1) }, [
    pattern(300, 1),
    pattern(200, 2),
  ]);
  const size = fs.fileSize(`${DIR}/${info.name}`);
  for (let bit = 0; bit < size * 8; bit += 5) {
    fs.flipBit(`${DIR}/${info.name}`, bit);
    await rejects(snaps.load(info.name), SnapshotCorruptError, `bit ${bit}`);
    fs.flipBit(`${DIR}/${info.name}`, bit);
  }
  (await snaps.load(info.name)).close();
});

Deno.test("SnapStore.save() is atomic across a crash", async () => {
  for (let seed = 1; seed <= 30; seed++) {
    const fs = new SimFileSystem({ seed });
    const snaps = await openSnapStore(DIR, { fs });
    await snaps.save({ term: 1, index: 10 }, [pattern(2000, 1)]);
    // Crash in the middle of the next save: its data never became durable.
    const gen = async function* () {
      yield pattern(2000, 2);
      fs.crash();
      yield pattern(2000, 3);
    };
    await rejects(snaps.save({ term: 1, index: 20 }, gen()));
    const again = await openSnapStore(DIR, { fs });
    await using r = await again.loadNewest();
    strictEqual(r?.index, 10);
    deepStrictEqual(await readAll(r!), [pattern(2000, 1)]);
    ok(!(await fs.readDir(DIR)).some((n) => n.endsWith(".tmp")));
  }
});

Deno.test("SnapStore.load() throws SnapshotNotFoundError for a missing file", async () => {
  const snaps = await openSnapStore(DIR, { fs: new SimFileSystem() });
  await rejects(snaps.load("nope.snap"), SnapshotNotFoundError);
  strictEqual(await snaps.loadNewest(), undefined);
});
