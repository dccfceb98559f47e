/**
 * SQL engine benchmarks, each beside the same work on node:sqlite
 * (in-memory) as its baseline. Run: `deno bench -A bench/sql_bench.ts`.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import { ReefDB } from "../src/sql/reef_db.ts";
import type { CommandBatch, PlainValue } from "../src/sql/commands.ts";
import type { Value } from "../src/sql/value.ts";

const BIG = Number(Deno.env.get("REEF_BENCH_ROWS") ?? 1_000_000);
const INSERTS = 100_000;
const DOCS = 100_000;
const NOW = "2024-01-01 00:00:00";

function apply(db: ReefDB, sql: string): void {
  const out = db.applyBatch({
    id: db.nextCommandId(),
    commands: [db.commandFor(db.prepare(sql)[0], [])!],
    now: NOW,
    seed: 1n,
  });
  if (out.status !== "ok") throw new Error(JSON.stringify(out));
}

function bulk(
  db: ReefDB,
  table: string,
  columns: string[],
  rows: PlainValue[][],
): void {
  for (let i = 0; i < rows.length; i += 5000) {
    db.applyBatch({
      id: db.nextCommandId(),
      commands: [{
        op: "insertRows",
        table,
        columns,
        rows: rows.slice(i, i + 5000),
      }],
      now: NOW,
    });
  }
}

// A deterministic PRNG (mulberry32) so both engines get the same data.
let seed = 12345;
function rnd(n: number): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return (((t ^ (t >>> 14)) >>> 0) / 4294967296 * n) | 0;
}

// --- 100k single-row INSERTs through applyBatch ----------------------------
const insertBatches: CommandBatch[] = [];
{
  const proposer = new ReefDB({ sessionId: 3n });
  for (let i = 0; i < INSERTS; i++) {
    insertBatches.push({
      id: proposer.nextCommandId(),
      commands: [{
        op: "insertRows",
        table: "t",
        columns: ["k", "v"],
        rows: [[BigInt(i % 1000), `value ${i}`]],
      }],
      now: NOW,
    });
  }
}

Deno.bench({
  name: "reef: 100k single-row INSERT batches (applyBatch)",
  group: "insert",
  n: 5,
  warmup: 1,
}, () => {
  const db = new ReefDB();
  apply(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, k INT, v TEXT)");
  for (const b of insertBatches) db.applyBatch(b);
});

Deno.bench({
  name: "sqlite: 100k single-row INSERTs (autocommit)",
  group: "insert",
  baseline: true,
  n: 5,
  warmup: 1,
}, () => {
  const s = new DatabaseSync(":memory:");
  s.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, k INT, v TEXT)");
  const ins = s.prepare("INSERT INTO t (k, v) VALUES (?, ?)");
  for (let i = 0; i < INSERTS; i++) ins.run(i % 1000, `value ${i}`);
  s.close();
});

// --- a 1M-row table in both engines ----------------------------------------
const reef = new ReefDB();
apply(reef, "CREATE TABLE big (id INTEGER PRIMARY KEY, k INT, n INT, v TEXT)");
apply(reef, "CREATE INDEX big_k ON big (k)");
const lite = new DatabaseSync(":memory:");
lite.exec("CREATE TABLE big (id INTEGER PRIMARY KEY, k INT, n INT, v TEXT)");
lite.exec("CREATE INDEX big_k ON big (k)");
{
  const rows: PlainValue[][] = [];
  const ins = lite.prepare("INSERT INTO big (k, n, v) VALUES (?, ?, ?)");
  lite.exec("BEGIN");
  for (let i = 0; i < BIG; i++) {
    const k = rnd(10_000), n = rnd(1_000_000);
    rows.push([BigInt(k), BigInt(n), `row ${i}`]);
    ins.run(k, n, `row ${i}`);
  }
  lite.exec("COMMIT");
  bulk(reef, "big", ["k", "n", "v"], rows);
}

const POINTS = 10_000;
const pointIds: bigint[] = Array.from(
  { length: POINTS },
  () => BigInt(1 + rnd(BIG)),
);
const reefPoint = reef.prepare("SELECT v FROM big WHERE id = ?")[0];
const litePoint = lite.prepare("SELECT v FROM big WHERE id = ?");

Deno.bench({
  name: "reef: 10k point SELECTs by primary key (1M rows)",
  group: "point select",
}, () => {
  for (const id of pointIds) reef.read(reefPoint, [id]);
});
Deno.bench({
  name: "sqlite: 10k point SELECTs by primary key (1M rows)",
  group: "point select",
  baseline: true,
}, () => {
  for (const id of pointIds) litePoint.get(id);
});

const reefRange =
  reef.prepare("SELECT id, v FROM big WHERE k BETWEEN ? AND ?")[0];
const liteRange = lite.prepare("SELECT id, v FROM big WHERE k BETWEEN ? AND ?");
const ranges: [number, number][] = Array.from({ length: 100 }, () => {
  const lo = rnd(9_990);
  return [lo, lo + 9];
});

Deno.bench({
  name: "reef: 100 indexed range scans (~1000 rows each)",
  group: "range scan",
}, () => {
  for (const [lo, hi] of ranges) {
    reef.read(reefRange, [BigInt(lo), BigInt(hi)] as Value[]);
  }
});
Deno.bench({
  name: "sqlite: 100 indexed range scans (~1000 rows each)",
  group: "range scan",
  baseline: true,
}, () => {
  for (const [lo, hi] of ranges) liteRange.all(lo, hi);
});

const reefScan = reef.prepare(
  "SELECT count(*) FROM big WHERE n % 100 = 7 AND v LIKE 'row 1%'",
)[0];
const liteScan = lite.prepare(
  "SELECT count(*) FROM big WHERE n % 100 = 7 AND v LIKE 'row 1%'",
);

Deno.bench({
  name: "reef: full-scan filter over 1M rows",
  group: "full scan",
  n: 5,
  warmup: 1,
}, () => {
  reef.read(reefScan);
});
Deno.bench({
  name: "sqlite: full-scan filter over 1M rows",
  group: "full scan",
  baseline: true,
  n: 5,
  warmup: 1,
}, () => {
  liteScan.get();
});

// --- FTS over 100k short documents -------------------------------------------
const VOCAB = Array.from({ length: 2000 }, (_, i) => `w${i.toString(36)}x`);
const docs: string[] = Array.from(
  { length: DOCS },
  () => Array.from({ length: 8 }, () => VOCAB[rnd(VOCAB.length)]).join(" "),
);
const reefFts = new ReefDB();
apply(reefFts, "CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT)");
apply(reefFts, "CREATE INDEX docs_body ON docs USING GIN (body)");
bulk(reefFts, "docs", ["body"], docs.map((d) => [d]));
const liteFts = new DatabaseSync(":memory:");
liteFts.exec("CREATE VIRTUAL TABLE docs USING fts5(body)");
{
  const ins = liteFts.prepare("INSERT INTO docs (body) VALUES (?)");
  liteFts.exec("BEGIN");
  for (const d of docs) ins.run(d);
  liteFts.exec("COMMIT");
}
const terms = Array.from(
  { length: 100 },
  () => [VOCAB[rnd(VOCAB.length)], VOCAB[rnd(VOCAB.length)]],
);
const reefFtsQ =
  reefFts.prepare("SELECT id FROM docs WHERE body @@ to_tsquery(?)")[0];
const liteFtsQ = liteFts.prepare("SELECT rowid FROM docs WHERE docs MATCH ?");

Deno.bench({
  name: "reef: 100 FTS queries (a | b) over 100k docs (GIN)",
  group: "fts",
}, () => {
  for (const [a, b] of terms) reefFts.read(reefFtsQ, [`${a} | ${b}`]);
});
Deno.bench({
  name: "sqlite: 100 FTS5 queries (a OR b) over 100k docs",
  group: "fts",
  baseline: true,
}, () => {
  for (const [a, b] of terms) liteFtsQ.all(`${a} OR ${b}`);
});
