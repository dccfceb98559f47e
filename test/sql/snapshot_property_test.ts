import fc from "fast-check";
import { assertEquals, engine, run } from "./_helpers.ts";
import { ReefDB } from "../../src/sql/reef_db.ts";
import type { Value } from "../../src/sql/value.ts";

const SCHEMA = `
CREATE TABLE items (id INTEGER PRIMARY KEY, k INT, name TEXT, price REAL, body TEXT, tsv TSVECTOR);
CREATE TABLE tags (item INT REFERENCES items(id) ON DELETE CASCADE, tag TEXT);
`;
const INDEXES = `
CREATE INDEX items_k ON items (k, price);
CREATE UNIQUE INDEX items_name ON items (name);
CREATE GIN INDEX items_tsv ON items (tsv);
CREATE INDEX tags_tag ON tags (tag);
`;

const QUERIES = [
  "SELECT id, k, name, price FROM items ORDER BY id",
  "SELECT id FROM items WHERE k = 3 ORDER BY id",
  "SELECT id FROM items WHERE k > 2 AND price < 50 ORDER BY id",
  "SELECT id FROM items WHERE k IN (1, 4) ORDER BY id",
  "SELECT k, count(*), sum(price), max(name) FROM items GROUP BY k ORDER BY k",
  "SELECT id FROM items WHERE name = 'n7'",
  "SELECT k, name FROM items ORDER BY k DESC, name LIMIT 5",
  "SELECT id, ts_rank(tsv, to_tsquery('fox | dog')) FROM items WHERE tsv @@ to_tsquery('fox | dog') ORDER BY id",
  "SELECT id FROM items WHERE tsv @@ to_tsquery('cat & !dog') ORDER BY id",
  "SELECT i.id, t.tag FROM items i LEFT JOIN tags t ON t.item = i.id ORDER BY i.id, t.tag",
  "SELECT tag, count(*) FROM tags JOIN items ON items.id = tags.item WHERE items.k >= 2 GROUP BY tag ORDER BY tag",
];

const WORDS = ["fox", "dog", "cat", "runs", "the", "quick", "lazy", "jumps"];
const row = fc.record({
  k: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 5 })),
  price: fc.oneof(
    fc.constant(null),
    fc.double({ min: 0, max: 100, noNaN: true }),
  ),
  words: fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }),
  tags: fc.array(fc.constantFrom("red", "green", "blue"), { maxLength: 3 }),
});

function load(
  db: ReefDB,
  rows: {
    k: number | null;
    price: number | null;
    words: string[];
    tags: string[];
  }[],
  deletes: number[],
): void {
  rows.forEach((r, i) => {
    const body = r.words.join(" ");
    const params: Value[] = [
      r.k === null ? null : BigInt(r.k),
      `n${i}`,
      r.price,
      body,
    ];
    run(
      db,
      "INSERT INTO items (k, name, price, body, tsv) VALUES (?, ?, ?, ?, to_tsvector(?4))",
      params,
    );
    for (const t of r.tags) {
      run(db, "INSERT INTO tags VALUES (?, ?)", [BigInt(i + 1), t]);
    }
  });
  for (const d of deletes) {
    run(db, "DELETE FROM items WHERE id = ?", [BigInt(d)]);
  }
  run(db, "UPDATE items SET k = k + 1 WHERE price > 60");
}

Deno.test("a restored database answers queries exactly like the original (and like one without indexes)", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(row, { maxLength: 25 }),
      fc.array(fc.integer({ min: 1, max: 25 }), { maxLength: 5 }),
      async (rows, deletes) => {
        const original = engine(SCHEMA + INDEXES);
        const plain = engine(SCHEMA);
        load(original, rows, deletes);
        load(plain, rows, deletes);
        const restored = new ReefDB();
        await restored.restoreFromChunks(
          original.snapshotChunks({ rowsPerChunk: 3 }),
        );
        for (const q of QUERIES) {
          const want = run(original, q);
          assertEquals(run(restored, q), want, q);
          assertEquals(run(plain, q), want, `${q} (no indexes)`);
        }
      },
    ),
    { numRuns: Deno.env.get("REEF_LONG") ? 500 : 40 },
  );
});
