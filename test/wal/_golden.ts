// Writes the golden WAL directories under test/wal/golden/v1/. Run it only
// when adding a new golden case; existing ones must never change:
//   deno run -A test/wal/_golden.ts
import { DenoFileSystem } from "../../src/internal/mod.ts";
import { openWal, type Wal, type WalOpenResult } from "../../src/wal/mod.ts";
import { checkHeader, frameEnd } from "../../src/wal/_format.ts";
import { entries } from "./_helpers.ts";

export const GOLDEN = new URL("./golden/v1/", import.meta.url).pathname;
export const GOLDEN_OPTIONS = { segmentSize: 4096, preallocate: false };

/** The JSON form of what openWal() returned. */
export function summarize(r: WalOpenResult) {
  return {
    hardState: r.hardState,
    snapshot: r.snapshot ?? null,
    entries: r.entries.map((e) => [
      e.index,
      e.term,
      e.type,
      Array.from(e.data, (b) => b.toString(16).padStart(2, "0")).join(""),
    ]),
  };
}

function toJson(s: ReturnType<typeof summarize>): string {
  const lines = s.entries.map((e) => `  ${JSON.stringify(e)}`);
  return `{\n "hardState": ${JSON.stringify(s.hardState)},\n "snapshot": ${
    JSON.stringify(s.snapshot)
  },\n "entries": [\n${lines.join(",\n")}\n ]\n}\n`;
}

async function history(wal: Wal): Promise<void> {
  await wal.save({ term: 1, vote: 1, commit: 0 }, entries(1, 20, 1, 50));
  await wal.save({ term: 2, vote: 2, commit: 12 }, entries(15, 18, 2, 70));
  await wal.saveSnapshot({ index: 10, term: 1 });
  for (let i = 19; i <= 60; i += 6) {
    await wal.save({ term: 2, vote: 2, commit: i }, entries(i, i + 5, 2, 90));
  }
}

async function make(name: string, after?: (wal: Wal) => Promise<void>) {
  const dir = `${GOLDEN}${name}`;
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  const fs = new DenoFileSystem();
  const { wal } = await openWal(dir, { fs, ...GOLDEN_OPTIONS });
  await history(wal);
  await after?.(wal);
  await wal.close();
  for await (const e of Deno.readDir(dir)) {
    if (e.name.endsWith(".tmp")) await Deno.remove(`${dir}/${e.name}`);
  }
  const r = await openWal(dir, { fs, ...GOLDEN_OPTIONS });
  await r.wal.close();
  for await (const e of Deno.readDir(dir)) {
    if (e.name.endsWith(".tmp")) await Deno.remove(`${dir}/${e.name}`);
  }
  return r;
}

if (import.meta.main) {
  const basic = await make("basic");
  await Deno.writeTextFile(
    `${GOLDEN}basic.json`,
    toJson(summarize(basic)),
  );
  const released = await make("released", async (wal) => {
    await wal.saveSnapshot({ index: 40, term: 2 });
    await wal.releaseTo(40);
  });
  await Deno.writeTextFile(
    `${GOLDEN}released.json`,
    toJson(summarize(released)),
  );
  // Frames holding whole zero sectors (their header counts them); and the
  // same log with a bit flipped in the last frame's zeros: it must be
  // reported, not cut off as if torn.
  const zeros = await make("zeros", async (wal) => {
    const blank = { term: 2, type: 0, data: new Uint8Array(1500) };
    await wal.save(null, [{ ...blank, index: 61 }, { ...blank, index: 62 }]);
    await wal.save(null, [{ ...blank, index: 63 }]);
  });
  await Deno.writeTextFile(`${GOLDEN}zeros.json`, toJson(summarize(zeros)));
  const flipped = `${GOLDEN}zeros_flipped`;
  await Deno.remove(flipped, { recursive: true }).catch(() => {});
  await Deno.mkdir(flipped);
  const names = [...Deno.readDirSync(`${GOLDEN}zeros`)].map((e) => e.name)
    .sort();
  for (const n of names) {
    await Deno.copyFile(`${GOLDEN}zeros/${n}`, `${flipped}/${n}`);
  }
  const lastSeg = `${flipped}/${names.at(-1)}`;
  const seg = await Deno.readFile(lastSeg);
  seg[seg.length - 700] ^= 0x10; // inside the zero data of the last frame
  await Deno.writeFile(lastSeg, seg);
  await Deno.writeTextFile(
    `${GOLDEN}zeros_flipped.json`,
    JSON.stringify({ error: "WalCorruptError", segment: names.at(-1) }) + "\n",
  );

  // A torn last frame: one of its sectors never reached the disk.
  await make("torn");
  const tornDir = `${GOLDEN}torn`;
  {
    const { wal } = await openWal(tornDir, GOLDEN_OPTIONS);
    await wal.save(null, entries(61, 63, 3, 20));
    await wal.close();
  }
  const expected = await openWal(tornDir, GOLDEN_OPTIONS);
  await expected.wal.close();
  let last = "";
  {
    const { wal } = await openWal(tornDir, GOLDEN_OPTIONS);
    await wal.save(null, entries(64, 70, 3, 100));
    last = `${tornDir}/${wal.segments.at(-1)}`;
    await wal.close();
  }
  for await (const e of Deno.readDir(tornDir)) {
    if (e.name.endsWith(".tmp")) await Deno.remove(`${tornDir}/${e.name}`);
  }
  const bytes = await Deno.readFile(last);
  const view = new DataView(bytes.buffer);
  let before = 0;
  for (let off = 0;;) {
    const h = checkHeader(bytes, view, off);
    if (h.kind !== "ok") break;
    before = off;
    off = frameEnd(off, h.bodyLen);
  }
  const sector = Math.ceil((before + 1) / 512) * 512;
  bytes.fill(0, sector, Math.min(bytes.length, sector + 512));
  await Deno.writeFile(last, bytes);
  await Deno.writeTextFile(`${GOLDEN}torn.json`, toJson(summarize(expected)));
  console.log("golden files written to", GOLDEN);
}
