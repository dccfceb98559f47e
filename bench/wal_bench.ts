// WAL throughput against raw write + fdatasync of the same bytes, in the same
// run, and replay time of a 1,000,000-entry log.
//
//   deno run -A bench/wal_bench.ts            full grid + replay (~1 min)
//   deno run -A bench/wal_bench.ts --quick    shorter cells
//   deno bench -A bench/wal_bench.ts          a small Deno.bench subset
//   --sizes=100 --counts=1,1000 --no-replay   a part of the grid
//   --slice=50 --rounds=30                    finer interleaving (ms, count)
import process from "node:process";
import { openWal, type Wal, type WalEntryInput } from "../src/wal/mod.ts";

const listArg = (name: string, all: number[]) => {
  const a = Deno.args.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3).split(",").map(Number) : all;
};
const SIZES = listArg("sizes", [100, 1024, 16 * 1024]);
const COUNTS = listArg("counts", [1, 10, 100, 1000]);
const PREALLOC = 64 * 1024 * 1024;

function makeEntries(n: number, size: number): WalEntryInput[] {
  const data = new Uint8Array(size).map((_, i) => (i * 7 + 1) & 0xff);
  return Array.from(
    { length: n },
    () => ({ term: 1, index: 0, type: 0, data }),
  );
}

/** Raw baseline: one write of `bytes` and one fdatasync per call. */
async function rawAppender(dir: string) {
  const file = await Deno.open(`${dir}/raw-append`, {
    create: true,
    write: true,
    truncate: true,
  });
  return {
    async step(bytes: Uint8Array) {
      let done = 0;
      while (done < bytes.length) {
        done += await file.write(bytes.subarray(done));
      }
      await file.syncData();
    },
    close: () => file.close(),
  };
}

/**
 * Raw append with `writeSync` (as the WAL does for small frames) and an async
 * fdatasync: shows how much of the WAL's lead comes from the sync write.
 */
async function rawSyncAppender(dir: string) {
  const file = await Deno.open(`${dir}/raw-append-sync`, {
    create: true,
    write: true,
    truncate: true,
  });
  return {
    async step(bytes: Uint8Array) {
      let done = 0;
      while (done < bytes.length) done += file.writeSync(bytes.subarray(done));
      await file.syncData();
    },
    close: () => file.close(),
  };
}

/** Raw baseline over zero-filled, synced blocks (no size or block changes). */
async function rawOverwriter(dir: string, span: number) {
  const file = await Deno.open(`${dir}/raw-prealloc`, {
    create: true,
    write: true,
    truncate: true,
  });
  const zeros = new Uint8Array(1 << 20);
  for (let off = 0; off < span; off += zeros.length) await file.write(zeros);
  await file.syncData();
  let pos = 0;
  await file.seek(0, Deno.SeekMode.Start);
  return {
    async step(bytes: Uint8Array) {
      if (pos + bytes.length > span) {
        pos = 0;
        await file.seek(0, Deno.SeekMode.Start);
      }
      let done = 0;
      while (done < bytes.length) {
        done += await file.write(bytes.subarray(done));
      }
      pos += bytes.length;
      await file.syncData();
    },
    close: () => file.close(),
  };
}

async function walSaver(dir: string, n: number, size: number) {
  const { wal } = await openWal(`${dir}/wal`);
  // The next segment (64 MiB of zeros and an fsync) is prepared in the
  // background; in a steady state that happens once per 64 MiB of log, so
  // keep it out of the timed loop.
  await wal.settled();
  const es = makeEntries(n, size);
  let next = 1;
  return {
    wal,
    async step() {
      for (const e of es) e.index = next++;
      await wal.save({ term: 1, vote: 1, commit: next - 1 }, es);
    },
    close: () => wal.close(),
  };
}

async function rateFor(
  step: () => Promise<void>,
  sliceMs: number,
): Promise<number> {
  let iters = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < sliceMs || iters < 3) {
    await step();
    iters++;
    t = performance.now();
  }
  return iters / ((t - t0) / 1000);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const fmt = (n: number) =>
  n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(1);

/**
 * Each cell runs raw append, raw overwrite and the WAL in interleaved slices
 * and reports the median rate of each, so a load change on a shared machine
 * hits all three alike.
 */
async function grid(sliceMs: number, rounds: number): Promise<void> {
  console.log(
    "| entry | per save | raw append saves/s | raw append, writeSync saves/s | raw prealloc saves/s | WAL saves/s | WAL entries/s | WAL MB/s | WAL / raw append | WAL / raw append, writeSync | WAL / raw prealloc |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const size of SIZES) {
    for (const n of COUNTS) {
      const dir = await Deno.makeTempDir({ dir: Deno.env.get("BENCH_DIR") });
      try {
        const bytes = new Uint8Array(n * size).fill(7);
        const app = await rawAppender(dir);
        const sapp = await rawSyncAppender(dir);
        const ow = await rawOverwriter(dir, PREALLOC);
        const w = await walSaver(dir, n, size);
        const rates: number[][] = [[], [], [], []];
        const steps = [
          () => app.step(bytes),
          () => sapp.step(bytes),
          () => ow.step(bytes),
          w.step,
        ];
        for (const s of steps) for (let i = 0; i < 3; i++) await s(); // warm-up
        for (let r = 0; r < rounds; r++) {
          for (let k = 0; k < steps.length; k++) {
            rates[k].push(await rateFor(steps[k], sliceMs));
          }
        }
        app.close();
        sapp.close();
        ow.close();
        await w.close();
        const [rawApp, rawSync, rawPre, walRate] = rates.map(median);
        const x = (base: number) => `${(walRate / base).toFixed(2)}x`;
        console.log(
          `| ${size} B | ${n} | ${fmt(rawApp)} | ${fmt(rawSync)} | ${
            fmt(rawPre)
          } | ${fmt(walRate)} | ${fmt(walRate * n)} | ${
            fmt((walRate * n * size) / 1e6)
          } | ${x(rawApp)} | ${x(rawSync)} | ${x(rawPre)} |`,
        );
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    }
  }
}

async function replay(total: number): Promise<void> {
  const dir = await Deno.makeTempDir({ dir: Deno.env.get("BENCH_DIR") });
  try {
    let wal: Wal = (await openWal(`${dir}/wal`)).wal;
    const es = makeEntries(1000, 100);
    let next = 1;
    const tw = performance.now();
    for (let i = 0; i < total / 1000; i++) {
      for (const e of es) e.index = next++;
      await wal.save({ term: 1, vote: 1, commit: next - 1 }, es);
    }
    const writeMs = performance.now() - tw;
    await wal.close();
    const times: number[] = [];
    const cpus: number[] = [];
    let count = 0;
    for (let i = 0; i < 5; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await openWal(`${dir}/wal`);
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpus.push((c.user + c.system) / 1000);
      count = r.entries.length;
      wal = r.wal;
      await wal.close();
    }
    times.sort((a, b) => a - b);
    cpus.sort((a, b) => a - b);
    console.log(
      `\nwrite ${fmt(total)} x 100 B in saves of 1000: ${
        writeMs.toFixed(0)
      } ms (${fmt(total / (writeMs / 1000))} entries/s)`,
    );
    console.log(
      `replay (openWal) of ${
        fmt(count)
      } x 100 B entries, 5 runs, warm page cache: best ${
        times[0].toFixed(0)
      } ms, median ${times[2].toFixed(0)} ms, worst ${
        times[4].toFixed(0)
      } ms; process CPU time best ${cpus[0].toFixed(0)} ms, median ${
        cpus[2].toFixed(0)
      } ms`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) {
  const quick = Deno.args.includes("--quick");
  console.log(
    `Deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} CPUs, ${
      new Date().toISOString()
    }, load average ${Deno.loadavg().join(" ")}\n`,
  );
  const slice = listArg("slice", [quick ? 100 : 250])[0];
  await grid(slice, listArg("rounds", [quick ? 3 : 6])[0]);
  if (!Deno.args.includes("--no-replay")) await replay(1_000_000);
  console.log(`\nload average ${Deno.loadavg().join(" ")}`);
} else {
  // A light subset for `deno bench`: one entry of 100 B per save. Files are
  // opened on first use: handles opened at module top level are not usable
  // from bench functions under `deno bench` (Deno 2.9.6).
  const dir = Deno.makeTempDirSync();
  const bytes = new Uint8Array(100).fill(7);
  let app: Awaited<ReturnType<typeof rawAppender>> | undefined;
  let w: Awaited<ReturnType<typeof walSaver>> | undefined;
  Deno.bench("raw write + fdatasync, 100 B", {
    group: "save 1 x 100 B",
    baseline: true,
  }, async () => {
    app ??= await rawAppender(dir);
    await app.step(bytes);
  });
  Deno.bench("Wal.save(), 1 x 100 B", { group: "save 1 x 100 B" }, async () => {
    w ??= await walSaver(dir, 1, 100);
    await w.step();
  });
  // Files stay open until the process exits (Deno.bench has no teardown);
  // unlinking their directory early is harmless on Linux.
  globalThis.addEventListener("unload", () => {
    Deno.removeSync(dir, { recursive: true });
  });
}
