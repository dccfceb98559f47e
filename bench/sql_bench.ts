/**
 * SQL engine benchmarks, each beside the same work on node:sqlite
 * (in-memory) as its baseline. Run: `deno bench -A bench/sql_bench.ts`
 * (`REEF_BENCH_ROWS=100000` for a smaller big table).
 *
 * Data sets are built on first use, outside the measured part
 * (`b.start()`/`b.end()`), so the insert group runs on a small heap.
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

// --- 100k single-row INSERTs through applyBatch ------------------------------
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

Deno.bench(
  {
    name: "reef: 100k single-row INSERT batches (applyBatch)",
    group: "insert",
    n: 10,
    warmup: 2,
  },
  (b) => {
    const db = new ReefDB();
    apply(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, k INT, v TEXT)");
    b.start();
    for (const batch of insertBatches) db.applyBatch(batch);
    b.end();
  },
);

Deno.bench(
  {
    name: "sqlite: 100k single-row INSERTs (autocommit)",
    group: "insert",
    baseline: true,
    n: 10,
    warmup: 2,
  },
  (b) => {
    const s = new DatabaseSync(":memory:");
    s.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, k INT, v TEXT)");
    const ins = s.prepare("INSERT INTO t (k, v) VALUES (?, ?)");
    b.start();
    for (let i = 0; i < INSERTS; i++) ins.run(i % 1000, `value ${i}`);
    b.end();
    s.close();
  },
);

// --- a 1M-row table in both engines --------------------------------------------
let big: { reef: ReefDB; lite: DatabaseSync } | null = null;
function ensureBig(): { reef: ReefDB; lite: DatabaseSync } {
  if (big) return big;
  const reef = new ReefDB();
  apply(
    reef,
    "CREATE TABLE big (id INTEGER PRIMARY KEY, k INT, n INT, v TEXT)",
  );
  apply(reef, "CREATE INDEX big_k ON big (k)");
  const lite = new DatabaseSync(":memory:");
  lite.exec("CREATE TABLE big (id INTEGER PRIMARY KEY, k INT, n INT, v TEXT)");
  lite.exec("CREATE INDEX big_k ON big (k)");
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
  big = { reef, lite };
  return big;
}

const pointIds: bigint[] = Array.from(
  { length: 10_000 },
  () => BigInt(1 + rnd(BIG)),
);
const POINT_SQL = "SELECT v FROM big WHERE id = ?";

Deno.bench({
  name: "reef: 10k point SELECTs by primary key (1M rows)",
  group: "point select",
}, (b) => {
  const { reef } = ensureBig();
  const stmt = reef.prepare(POINT_SQL)[0];
  b.start();
  for (const id of pointIds) reef.read(stmt, [id]);
  b.end();
});
Deno.bench(
  {
    name: "sqlite: 10k point SELECTs by primary key (1M rows)",
    group: "point select",
    baseline: true,
  },
  (b) => {
    const { lite } = ensureBig();
    const stmt = lite.prepare(POINT_SQL);
    b.start();
    for (const id of pointIds) stmt.get(id);
    b.end();
  },
);

const ranges: [number, number][] = Array.from({ length: 100 }, () => {
  const lo = rnd(9_990);
  return [lo, lo + 9];
});
const RANGE_SQL = "SELECT id, v FROM big WHERE k BETWEEN ? AND ?";

Deno.bench({
  name: "reef: 100 indexed range scans (~1000 rows each)",
  group: "range scan",
}, (b) => {
  const { reef } = ensureBig();
  const stmt = reef.prepare(RANGE_SQL)[0];
  b.start();
  for (const [lo, hi] of ranges) {
    reef.read(stmt, [BigInt(lo), BigInt(hi)] as Value[]);
  }
  b.end();
});
Deno.bench(
  {
    name: "sqlite: 100 indexed range scans (~1000 rows each)",
    group: "range scan",
    baseline: true,
  },
  (b) => {
    const { lite } = ensureBig();
    const stmt = lite.prepare(RANGE_SQL);
    b.start();
    for (const [lo, hi] of ranges) stmt.all(lo, hi);
    b.end();
  },
);

const SCAN_SQL =
  "SELECT count(*) FROM big WHERE n % 100 = 7 AND v LIKE 'row 1%'";

Deno.bench({
  name: "reef: full-scan filter over 1M rows",
  group: "full scan",
  n: 5,
  warmup: 1,
}, (b) => {
  const { reef } = ensureBig();
  const stmt = reef.prepare(SCAN_SQL)[0];
  b.start();
  reef.read(stmt);
  b.end();
});
Deno.bench(
  {
    name: "sqlite: full-scan filter over 1M rows",
    group: "full scan",
    baseline: true,
    n: 5,
    warmup: 1,
  },
  (b) => {
    const { lite } = ensureBig();
    const stmt = lite.prepare(SCAN_SQL);
    b.start();
    stmt.get();
    b.end();
  },
);

// --- FTS over 100k short documents ---------------------------------------------
const VOCAB = Array.from({ length: 2000 }, (_, i) => `w${i.toString(36)}x`);
let fts: { reef: ReefDB; lite: DatabaseSync } | null = null;
function ensureFts(): { reef: ReefDB; lite: DatabaseSync } {
  if (fts) return fts;
  const docs = Array.from(
    { length: DOCS },
    () => Array.from({ length: 8 }, () => VOCAB[rnd(VOCAB.length)]).join(" "),
  );
  const reef = new ReefDB();
  apply(reef, "CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT)");
  apply(reef, "CREATE INDEX docs_body ON docs USING GIN (body)");
  bulk(reef, "docs", ["body"], docs.map((d) => [d]));
  const lite = new DatabaseSync(":memory:");
  lite.exec("CREATE VIRTUAL TABLE docs USING fts5(body)");
  const ins = lite.prepare("INSERT INTO docs (body) VALUES (?)");
  lite.exec("BEGIN");
  for (const d of docs) ins.run(d);
  lite.exec("COMMIT");
  fts = { reef, lite };
  return fts;
}
const terms = Array.from(
  { length: 100 },
  () => [VOCAB[rnd(VOCAB.length)], VOCAB[rnd(VOCAB.length)]],
);

Deno.bench({
  name: "reef: 100 FTS queries (a | b) over 100k docs (GIN)",
  group: "fts",
}, (b) => {
  const { reef } = ensureFts();
  const stmt =
    reef.prepare("SELECT id FROM docs WHERE body @@ to_tsquery(?)")[0];
  b.start();
  for (const [x, y] of terms) reef.read(stmt, [`${x} | ${y}`]);
  b.end();
});
Deno.bench({
  name: "sqlite: 100 FTS5 queries (a OR b) over 100k docs",
  group: "fts",
  baseline: true,
}, (b) => {
  const { lite } = ensureFts();
  const stmt = lite.prepare("SELECT rowid FROM docs WHERE docs MATCH ?");
  b.start();
  for (const [x, y] of terms) stmt.all(`${x} OR ${y}`);
  b.end();
});
