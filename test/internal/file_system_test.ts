import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert/strict";
import {
  DenoFileSystem,
  type FileSystem,
  FsError,
  isNotFound,
  SimFileSystem,
} from "../../src/internal/mod.ts";
import { SYNC_WRITE_MAX } from "../../src/internal/deno_file_system.ts";

async function contract(fs: FileSystem, root: string): Promise<void> {
  await fs.mkdir(`${root}/a/b`);
  const f = await fs.open(`${root}/a/b/x`, { create: true });
  await f.writeAt(new Uint8Array([1, 2, 3]), 0);
  await f.append(new Uint8Array([4]));
  await f.writeAt(new Uint8Array([9]), 1);
  strictEqual(await f.size(), 4);
  const buf = new Uint8Array(8);
  strictEqual(await f.readAt(buf, 1), 3);
  deepStrictEqual([...buf.subarray(0, 3)], [9, 3, 4]);
  await f.truncate(6);
  await f.datasync();
  f.close();
  deepStrictEqual([...await fs.readFile(`${root}/a/b/x`)], [1, 9, 3, 4, 0, 0]);
  await fs.rename(`${root}/a/b/x`, `${root}/a/b/y`);
  await fs.syncDir(`${root}/a/b`);
  deepStrictEqual(await fs.readDir(`${root}/a/b`), ["y"]);
  deepStrictEqual(await fs.readDir(`${root}/a`), ["b"]);
  await rejects(fs.open(`${root}/a/b/x`), (e) => isNotFound(e));
  await rejects(
    fs.open(`${root}/a/b/y`, { create: true, createNew: true }),
    (e) => e instanceof Error,
  );
  await fs.remove(`${root}/a/b/y`);
  deepStrictEqual(await fs.readDir(`${root}/a/b`), []);
}

Deno.test("DenoFileSystem implements the FileSystem contract", async () => {
  const root = await Deno.makeTempDir();
  try {
    await contract(new DenoFileSystem(), root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("DenoFileSystem writeAt() mixes small sync and large async writes at any position", async () => {
  const root = await Deno.makeTempDir();
  try {
    const fs = new DenoFileSystem();
    const big = new Uint8Array(SYNC_WRITE_MAX + 1000).map((_, i) => i % 251);
    const want = new Uint8Array(big.length + 20);
    {
      using f = await fs.open(`${root}/x`, { create: true });
      await f.writeAt(new Uint8Array([5, 6]), 10);
      await f.writeAt(big, 20);
      await f.writeAt(new Uint8Array([7]), 0);
      // Back to a small write right after a large one, and a large one after.
      await f.writeAt(new Uint8Array([8, 9]), 21);
      await f.writeAt(big.subarray(0, SYNC_WRITE_MAX), 20);
      await f.datasync();
      const head = new Uint8Array(4);
      strictEqual(await f.readAt(head, 19), 4);
      deepStrictEqual([...head], [0, 0, 1, 2]);
    }
    want[0] = 7;
    want.set([5, 6], 10);
    want.set(big, 20);
    deepStrictEqual(await fs.readFile(`${root}/x`), want);
    // A sync write on a closed handle rejects instead of throwing.
    const f = await fs.open(`${root}/x`);
    f.close();
    await rejects(f.writeAt(new Uint8Array([1]), 0), (e) => e instanceof Error);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("SimFileSystem implements the FileSystem contract", async () => {
  await contract(new SimFileSystem(), "/data");
});

Deno.test("SimFileSystem.crash() keeps synced data and directory entries", async () => {
  for (let seed = 1; seed <= 20; seed++) {
    const fs = new SimFileSystem({ seed });
    await fs.mkdir("/d");
    const f = await fs.open("/d/a", { create: true });
    await f.writeAt(new Uint8Array(1000).fill(7), 0);
    await f.datasync();
    await fs.syncDir("/d");
    await f.writeAt(new Uint8Array(2000).fill(8), 1000);
    fs.crash();
    const after = await fs.readFile("/d/a");
    ok(after.length === 1000 || after.length === 3000);
    ok(after.subarray(0, 1000).every((b) => b === 7));
    // Each unsynced sector is either new data or the old content (zeros).
    for (let s = 1024; s < after.length; s += 512) {
      const sec = after.subarray(s, Math.min(after.length, s + 512));
      ok(sec.every((b) => b === 8) || sec.every((b) => b === 0));
    }
  }
});

Deno.test("SimFileSystem.crash() can lose unsynced files and tear writes", async () => {
  let lostFile = 0;
  let torn = 0;
  for (let seed = 1; seed <= 40; seed++) {
    const fs = new SimFileSystem({ seed });
    await fs.mkdir("/d");
    const f = await fs.open("/d/a", { create: true });
    await f.writeAt(new Uint8Array(4096).fill(1), 0);
    fs.crash();
    const names = await fs.readDir("/d");
    if (names.length === 0) {
      lostFile++;
      continue;
    }
    const data = await fs.readFile("/d/a");
    const ones = data.filter((b) => b === 1).length;
    if (ones > 0 && ones < 4096) torn++;
  }
  ok(lostFile > 0, "some crash lost the unsynced directory entry");
  ok(torn > 0, "some crash kept only part of the sectors");
});

Deno.test("SimFileSystem.crash() invalidates open handles", async () => {
  const fs = new SimFileSystem();
  await fs.mkdir("/d");
  const f = await fs.open("/d/a", { create: true });
  fs.crash();
  await rejects(
    () => f.writeAt(new Uint8Array(1), 0),
    (e) => e instanceof FsError && e.code === "EBADF",
  );
});

Deno.test("SimFileSystem.injectFault() fails the chosen operation once", async () => {
  const fs = new SimFileSystem();
  await fs.mkdir("/d");
  fs.injectFault({ op: "datasync", path: "/d/a", after: 1 });
  const f = await fs.open("/d/a", { create: true });
  await f.datasync();
  await rejects(
    () => f.datasync(),
    (e) => e instanceof FsError && e.code === "EIO",
  );
  await f.datasync();
});

Deno.test("SimFileSystem capacity makes growth throw ENOSPC", async () => {
  const fs = new SimFileSystem({ capacity: 100 });
  await fs.mkdir("/d");
  const f = await fs.open("/d/a", { create: true });
  await f.writeAt(new Uint8Array(100), 0);
  await f.writeAt(new Uint8Array(10), 50);
  await rejects(
    () => f.append(new Uint8Array(1)),
    (e) => e instanceof FsError && e.code === "ENOSPC",
  );
});

Deno.test("SimFileSystem.flipBit() changes exactly one bit", async () => {
  const fs = new SimFileSystem();
  await fs.mkdir("/d");
  const f = await fs.open("/d/a", { create: true });
  await f.writeAt(new Uint8Array(4), 0);
  await f.datasync();
  fs.flipBit("/d/a", 17);
  deepStrictEqual([...await fs.readFile("/d/a")], [0, 0, 2, 0]);
});
