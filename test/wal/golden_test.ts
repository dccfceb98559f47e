import { deepStrictEqual, ok, rejects } from "node:assert/strict";
import { openWal, WalCorruptError } from "../../src/wal/mod.ts";
import { GOLDEN, GOLDEN_OPTIONS, summarize } from "./_golden.ts";

async function openCopy(name: string) {
  const dir = await Deno.makeTempDir();
  for await (const e of Deno.readDir(`${GOLDEN}${name}`)) {
    await Deno.copyFile(`${GOLDEN}${name}/${e.name}`, `${dir}/${e.name}`);
  }
  const r = await openWal(dir, GOLDEN_OPTIONS);
  await r.wal.close();
  const expected = JSON.parse(await Deno.readTextFile(`${GOLDEN}${name}.json`));
  const files = [...Deno.readDirSync(dir)].map((e) => e.name);
  await Deno.remove(dir, { recursive: true });
  return { r, expected, files };
}

Deno.test("openWal() reads the v1 golden log", async () => {
  const { r, expected } = await openCopy("basic");
  deepStrictEqual(summarize(r), expected);
  ok(r.repaired === undefined);
});

Deno.test("openWal() reads the v1 golden log after compaction", async () => {
  const { r, expected } = await openCopy("released");
  deepStrictEqual(summarize(r), expected);
});

Deno.test("openWal() repairs the v1 golden torn tail", async () => {
  const { r, expected, files } = await openCopy("torn");
  deepStrictEqual(summarize(r), expected);
  ok(r.repaired !== undefined);
  ok(files.some((f) => f.endsWith(".broken")));
});

Deno.test("openWal() reads the v1 golden log with zero-sector frames", async () => {
  const { r, expected } = await openCopy("zeros");
  deepStrictEqual(summarize(r), expected);
  ok(r.repaired === undefined);
});

Deno.test("openWal() reports the flipped bit of the v1 golden zero-sector log", async () => {
  const dir = await Deno.makeTempDir();
  try {
    for await (const e of Deno.readDir(`${GOLDEN}zeros_flipped`)) {
      await Deno.copyFile(
        `${GOLDEN}zeros_flipped/${e.name}`,
        `${dir}/${e.name}`,
      );
    }
    const expected = JSON.parse(
      await Deno.readTextFile(`${GOLDEN}zeros_flipped.json`),
    );
    await rejects(openWal(dir, GOLDEN_OPTIONS), (err) => {
      ok(err instanceof WalCorruptError);
      deepStrictEqual(
        { error: err.name, segment: err.segment },
        expected,
      );
      return true;
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
