import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert/strict";
import { DenoFileSystem, SimFileSystem } from "../../src/internal/mod.ts";
import {
  openWal,
  WalClosedError,
  WalCorruptError,
  WalFailedError,
} from "../../src/wal/mod.ts";
import { entries, entry, plain } from "./_helpers.ts";

const DIR = "/data/raft/wal";

Deno.test("openWal() creates an empty log and save() round-trips", async () => {
  const fs = new SimFileSystem();
  const first = await openWal(DIR, { fs, segmentSize: 4096 });
  deepStrictEqual(first.entries, []);
  deepStrictEqual(first.hardState, { term: 0, vote: 0, commit: 0 });
  strictEqual(first.snapshot, undefined);
  await first.wal.save({ term: 2n, vote: 1n, commit: 3n }, entries(1, 5));
  await first.wal.save({ term: 2, vote: 1, commit: 5 }, []);
  await first.wal.close();
  const again = await openWal(DIR, { fs, segmentSize: 4096 });
  deepStrictEqual(again.hardState, { term: 2, vote: 1, commit: 5 });
  deepStrictEqual(plain(again.entries), plain(entries(1, 5)));
  strictEqual(again.repaired, undefined);
  await again.wal.close();
});

Deno.test("Wal.save() truncates a conflicting suffix logically", async () => {
  const fs = new SimFileSystem();
  const { wal } = await openWal(DIR, { fs, segmentSize: 4096 });
  await wal.save(null, entries(1, 10, 1));
  await wal.save(null, entries(6, 7, 2));
  strictEqual(wal.lastIndex, 7);
  await wal.close();
  const r = await openWal(DIR, { fs, segmentSize: 4096 });
  deepStrictEqual(
    plain(r.entries),
    plain([...entries(1, 5, 1), ...entries(6, 7, 2)]),
  );
  await r.wal.close();
});

Deno.test("Wal.save() rejects gaps and entries under the snapshot", async () => {
  const fs = new SimFileSystem();
  const { wal } = await openWal(DIR, { fs, segmentSize: 4096 });
  await wal.save(null, entries(1, 3));
  await rejects(wal.save(null, [entry(5)]), RangeError);
  await rejects(wal.save(null, [entry(4), entry(6)]), RangeError);
  await wal.saveSnapshot({ index: 2, term: 1 });
  await rejects(wal.save(null, [entry(2)]), RangeError);
  await rejects(wal.saveSnapshot({ index: 1, term: 1 }), RangeError);
  await wal.save(null, [entry(3, 2)]);
  await wal.close();
});

Deno.test("openWal() returns entries after the newest snapshot marker", async () => {
  const fs = new SimFileSystem();
  const { wal } = await openWal(DIR, { fs, segmentSize: 4096 });
  await wal.save(null, entries(1, 10));
  await wal.saveSnapshot({ index: 4, term: 1 });
  await wal.saveSnapshot({ index: 20, term: 3 });
  await wal.save(null, entries(21, 22, 3));
  await wal.close();
  const r = await openWal(DIR, { fs, segmentSize: 4096 });
  deepStrictEqual(r.snapshot, { index: 20, term: 3 });
  deepStrictEqual(plain(r.entries), plain(entries(21, 22, 3)));
  await r.wal.close();
});

Deno.test("Wal cuts segments and releaseTo() deletes only covered ones", async () => {
  const fs = new SimFileSystem();
  const { wal } = await openWal(DIR, { fs, segmentSize: 4096 });
  for (let i = 1; i <= 200; i += 10) {
    await wal.save({ term: 1, vote: 1, commit: i }, entries(i, i + 9, 1, 100));
  }
  ok(wal.segments.length > 3, `${wal.segments.length} segments`);
  deepStrictEqual(await wal.releaseTo(150), [], "no durable snapshot yet");
  await wal.saveSnapshot({ index: 150, term: 1 });
  const released = await wal.releaseTo(150);
  ok(released.length > 0);
  ok(wal.segments.length >= 1);
  await wal.close();
  const r = await openWal(DIR, { fs, segmentSize: 4096 });
  deepStrictEqual(r.snapshot, { index: 150, term: 1 });
  deepStrictEqual(r.hardState, { term: 1, vote: 1, commit: 191 });
  deepStrictEqual(plain(r.entries), plain(entries(151, 200, 1, 100)));
  await r.wal.close();
});

Deno.test("openWal() repairs a torn tail and keeps a .broken copy", async () => {
  const fs = new SimFileSystem();
  const opts = { fs, segmentSize: 8192, preallocate: false };
  const { wal } = await openWal(DIR, opts);
  await wal.save(null, entries(1, 3));
  const seg = `${DIR}/${wal.segments[0]}`;
  const goodSize = fs.fileSize(seg);
  await wal.close();
  // A frame whose second half never reached the disk.
  const r0 = await openWal(DIR, opts);
  await r0.wal.save(null, [entry(4, 1, 2000)]);
  await r0.wal.close();
  const f = await fs.open(seg);
  const cut = Math.ceil((goodSize + 600) / 512) * 512;
  await f.writeAt(new Uint8Array(fs.fileSize(seg) - cut), cut);
  await f.datasync();
  f.close();
  const r = await openWal(DIR, opts);
  deepStrictEqual(plain(r.entries), plain(entries(1, 3)));
  deepStrictEqual(r.repaired, { segment: r.wal.segments[0], offset: goodSize });
  ok((await fs.readDir(DIR)).includes(`${r.wal.segments[0]}.broken`));
  await r.wal.save(null, entries(4, 5));
  await r.wal.close();
  const r2 = await openWal(DIR, opts);
  deepStrictEqual(plain(r2.entries), plain(entries(1, 5)));
  strictEqual(r2.repaired, undefined);
  await r2.wal.close();
});

Deno.test("openWal() reports a flipped bit before the tail as WalCorruptError", async () => {
  const fs = new SimFileSystem();
  const opts = { fs, segmentSize: 4096, preallocate: false };
  const { wal } = await openWal(DIR, opts);
  await wal.save(null, entries(1, 3));
  const mark = fs.fileSize(`${DIR}/${wal.segments[0]}`);
  await wal.save(null, entries(4, 6));
  const name = wal.segments[0];
  await wal.close();
  // Bits of the first data frame (which starts after the segment header).
  fs.flipBit(`${DIR}/${name}`, (mark - 40) * 8 + 3);
  await rejects(openWal(DIR, opts), (err) => {
    ok(err instanceof WalCorruptError);
    strictEqual(err.segment, name);
    ok(err.offset > 0 && err.offset < mark, `offset ${err.offset}`);
    return true;
  });
});

Deno.test("Wal fails stop after an fsync error", async () => {
  const fs = new SimFileSystem();
  const { wal } = await openWal(DIR, { fs, preallocate: false });
  await wal.save(null, entries(1, 2));
  fs.injectFault({ op: "datasync", path: ".wal" });
  await rejects(wal.save(null, [entry(3)]), WalFailedError);
  await rejects(wal.save(null, [entry(4)]), WalFailedError);
  await wal.close();
  await rejects(wal.save(null, [entry(4)]), WalClosedError);
  const r = await openWal(DIR, { fs, preallocate: false });
  ok(r.entries.length === 2 || r.entries.length === 3);
  await r.wal.close();
});

Deno.test("Wal groups concurrent saves into one write", async () => {
  const fs = new SimFileSystem();
  const { wal } = await openWal(DIR, { fs, preallocate: false });
  const saves = [];
  for (let i = 1; i <= 50; i++) saves.push(wal.save(null, [entry(i)]));
  // The first save goes alone; the 49 queued behind its fsync share one.
  fs.injectFault({ op: "datasync", after: 1 });
  const results = await Promise.allSettled(saves);
  strictEqual(results[0].status, "fulfilled");
  ok(results.slice(1).every((r) => r.status === "rejected"));
  await wal.close();
});

Deno.test("openWal() works on the real file system", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const fs = new DenoFileSystem();
    const opts = { fs, segmentSize: 64 * 1024 };
    const { wal } = await openWal(`${dir}/raft/wal`, opts);
    for (let i = 1; i <= 300; i += 30) {
      const batch = entries(i, i + 29, 1, 1000);
      await wal.save({ term: 1, vote: 0, commit: i }, batch);
    }
    await wal.close();
    const r = await openWal(`${dir}/raft/wal`, opts);
    deepStrictEqual(plain(r.entries), plain(entries(1, 300, 1, 1000)));
    ok(r.wal.segments.length > 1);
    await r.wal.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("Wal.settled() waits for the next segment to be prepared", async () => {
  const fs = new SimFileSystem();
  const { wal } = await openWal(DIR, { fs, segmentSize: 8192 });
  await wal.settled();
  strictEqual(fs.fileSize(`${DIR}/0000000000000001.wal.tmp`), 8192);
  await wal.close();
});

Deno.test("openWal() repair keeps a preallocated segment's size", async () => {
  const fs = new SimFileSystem();
  const opts = { fs, segmentSize: 8192 };
  const { wal } = await openWal(DIR, opts);
  await wal.save(null, entries(1, 3));
  const seg = `${DIR}/${wal.segments[0]}`;
  await wal.save(null, [entry(4, 1, 1500)]);
  await wal.close();
  // Zero the second sector of the last frame: a torn write.
  const f = await fs.open(seg);
  const buf = await fs.readFile(seg);
  let last = 0;
  for (let i = 0; i < buf.length; i += 16) if (buf[i] !== 0) last = i;
  await f.writeAt(new Uint8Array(512), Math.ceil(last / 512) * 512 - 512);
  f.close();
  const r = await openWal(DIR, opts);
  ok(r.repaired);
  deepStrictEqual(plain(r.entries), plain(entries(1, 3)));
  strictEqual(fs.fileSize(seg), 8192);
  await r.wal.save(null, [entry(4)]);
  await r.wal.close();
  const r2 = await openWal(DIR, opts);
  deepStrictEqual(plain(r2.entries), plain(entries(1, 4)));
  await r2.wal.close();
});

Deno.test("Wal.save() round-trips terms and indexes above 2^32", async () => {
  const fs = new SimFileSystem();
  const { wal } = await openWal(DIR, { fs, segmentSize: 4096 });
  const base = 2 ** 40 + 2 ** 32 - 2; // the low word wraps inside the batch
  await wal.saveSnapshot({ index: base - 1, term: 2 ** 33 + 5 });
  const es = [0, 1, 2, 3].map((k) => ({
    term: 2 ** 33 + 7,
    index: base + k,
    type: 1,
    data: new Uint8Array([k]),
  }));
  await wal.save(null, es);
  await wal.save(null, [{
    term: Number.MAX_SAFE_INTEGER,
    index: base + 4,
    type: 0,
    data: new Uint8Array(),
  }]);
  await wal.close();
  const r = await openWal(DIR, { fs, segmentSize: 4096 });
  deepStrictEqual(r.entries.map((e) => [e.term, e.index, e.data[0]]), [
    ...es.map((e) => [e.term, e.index, e.data[0]]),
    [Number.MAX_SAFE_INTEGER, base + 4, undefined],
  ]);
  await r.wal.close();
});
