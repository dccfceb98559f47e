import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert/strict";
import { FsError, SimFileSystem } from "../../src/internal/mod.ts";
import { openWal, WalCorruptError, WalFailedError } from "../../src/wal/mod.ts";
import { entries, entry, plain } from "./_helpers.ts";

const DIR = "/data/raft/wal";

async function twoSegments(fs: SimFileSystem) {
  const opts = { fs, segmentSize: 4096, preallocate: false };
  const { wal } = await openWal(DIR, opts);
  for (let i = 1; i <= 120; i += 10) {
    await wal.save(null, entries(i, i + 9, 1, 60));
  }
  const names = wal.segments;
  await wal.close();
  ok(names.length >= 2);
  return { opts, names };
}

Deno.test("openWal() refuses a torn frame in a segment that is not the last", async () => {
  const fs = new SimFileSystem();
  const { opts, names } = await twoSegments(fs);
  const first = `${DIR}/${names[0]}`;
  const f = await fs.open(first);
  const size = await f.size();
  await f.writeAt(new Uint8Array(512), Math.floor(size / 512 - 1) * 512);
  f.close();
  await rejects(openWal(DIR, opts), (e) => {
    ok(e instanceof WalCorruptError);
    strictEqual(e.segment, names[0]);
    return true;
  });
});

Deno.test("openWal() refuses a log with a missing segment", async () => {
  const fs = new SimFileSystem();
  const { opts, names } = await twoSegments(fs);
  ok(names.length >= 3, `${names.length} segments`);
  await fs.remove(`${DIR}/${names[1]}`);
  await rejects(openWal(DIR, opts), WalCorruptError);
});

Deno.test("openWal() cuts garbage after the last frame of the last segment", async () => {
  const fs = new SimFileSystem();
  const { opts, names } = await twoSegments(fs);
  const last = `${DIR}/${names.at(-1)}`;
  const f = await fs.open(last);
  await f.append(new Uint8Array(16).fill(0));
  await f.append(new Uint8Array(100).fill(0xab));
  f.close();
  const r = await openWal(DIR, opts);
  ok(r.repaired);
  strictEqual(r.entries.length, 120);
  await r.wal.close();
});

Deno.test("Wal fails stop on ENOSPC and keeps what was acknowledged", async () => {
  const fs = new SimFileSystem({ capacity: 20_000 });
  const opts = { fs, segmentSize: 4096, preallocate: false };
  const { wal } = await openWal(DIR, opts);
  let acked = 0;
  let error: unknown;
  for (let i = 1; i < 1000 && !error; i++) {
    try {
      await wal.save(null, [entry(i, 1, 200)]);
      acked = i;
    } catch (err) {
      error = err;
    }
  }
  ok(error instanceof WalFailedError);
  ok(error.cause instanceof FsError && error.cause.code === "ENOSPC");
  await rejects(wal.save(null, [entry(acked + 1)]), WalFailedError);
  await wal.close();
  fs.crash();
  const r = await openWal(DIR, { ...opts, fs });
  ok(r.entries.length >= acked);
  const want = Array.from({ length: acked }, (_, i) => entry(i + 1, 1, 200));
  deepStrictEqual(plain(r.entries.slice(0, acked)), plain(want));
  await r.wal.close();
});

Deno.test("Wal fails stop when the next segment cannot be prepared", async () => {
  const fs = new SimFileSystem();
  fs.injectFault({ op: "write", path: "0000000000000001.wal.tmp" });
  const { wal } = await openWal(DIR, { fs, segmentSize: 4096 });
  let error: unknown;
  for (let i = 1; i < 200 && !error; i++) {
    await wal.save(null, [entry(i, 1, 100)]).catch((e) => (error = e));
  }
  ok(error instanceof WalFailedError);
  await wal.close();
});

Deno.test("openWal() reports a flipped bit in a last frame that holds zero sectors", async () => {
  const fs = new SimFileSystem();
  const opts = { fs, segmentSize: 8192, preallocate: false };
  const { wal } = await openWal(DIR, opts);
  await wal.save(null, entries(1, 3));
  const seg = `${DIR}/${wal.segments[0]}`;
  const start = fs.fileSize(seg);
  // Zero data spanning whole sectors: a torn write would look alike if the
  // frame did not record how many zero sectors it had.
  const data = new Uint8Array(3000);
  data[2999] = 7;
  await wal.save(null, [{ term: 1, index: 4, type: 0, data }]);
  await wal.close();
  fs.flipBit(seg, (start + 2000) * 8);
  await rejects(openWal(DIR, opts), WalCorruptError);
  fs.flipBit(seg, (start + 2000) * 8);
  // The same frame torn (a data sector of it never written) is repaired.
  const f = await fs.open(seg);
  const last = start + 16 + 22 + 2999;
  await f.writeAt(new Uint8Array(512), Math.floor(last / 512) * 512);
  f.close();
  const r = await openWal(DIR, opts);
  ok(r.repaired);
  deepStrictEqual(plain(r.entries), plain(entries(1, 3)));
  await r.wal.close();
});
