import { assertEquals, engine, run } from "./_helpers.ts";

const DOCS = `
CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, body TEXT, tsv TSVECTOR);
INSERT INTO docs (title, body, tsv) VALUES
  ('first', 'The quick brown fox jumps over the lazy dog', to_tsvector('english', 'The quick brown fox jumps over the lazy dog')),
  ('second', 'Foxes are running in the forest', to_tsvector('english', 'Foxes are running in the forest')),
  ('third', 'A dog sleeps all day long, a dog dreams', to_tsvector('english', 'A dog sleeps all day long, a dog dreams'));
`;

Deno.test("@@ matches on any column, not only the first", () => {
  const db = engine(DOCS);
  assertEquals(
    run(
      db,
      "SELECT id FROM docs WHERE to_tsvector(body) @@ to_tsquery('fox') ORDER BY id",
    ),
    [[1n], [2n]],
  );
  assertEquals(
    run(
      db,
      "SELECT id FROM docs WHERE to_tsvector(title) @@ to_tsquery('second')",
    ),
    [[2n]],
  );
  assertEquals(
    run(db, "SELECT id FROM docs WHERE tsv @@ to_tsquery('dog & !fox')"),
    [[3n]],
  );
  assertEquals(
    run(
      db,
      "SELECT id FROM docs WHERE tsv @@ to_tsquery('run:*') OR tsv @@ to_tsquery('quick <-> brown') ORDER BY id",
    ),
    [[1n], [2n]],
  );
  assertEquals(
    run(db, "SELECT id FROM docs WHERE tsv @@ plainto_tsquery('lazy dogs')"),
    [[1n]],
  );
});

Deno.test("ts_rank is BM25 over each row's own vector and differs between rows", () => {
  const db = engine(DOCS);
  const rows = run(
    db,
    "SELECT id, ts_rank(tsv, to_tsquery('dog')) AS r FROM docs WHERE tsv @@ to_tsquery('dog') ORDER BY r DESC",
  );
  assertEquals(rows.map((r) => r[0]), [3n, 1n]);
  const [r3, r1] = rows.map((r) => r[1] as number);
  if (!(r3 > r1 && r1 > 0)) throw new Error(`ranks not ordered: ${r3} ${r1}`);
  // Ranking over text computed per row gives the same order.
  const viaText = run(
    db,
    "SELECT id FROM docs WHERE to_tsvector(body) @@ to_tsquery('dog') ORDER BY ts_rank(to_tsvector(body), to_tsquery('dog')) DESC",
  );
  assertEquals(viaText, [[3n], [1n]]);
});

Deno.test("the GIN index is used and kept on INSERT, UPDATE and DELETE", () => {
  const db = engine(DOCS + "CREATE GIN INDEX docs_tsv ON docs (tsv);");
  assertEquals(
    run(db, "EXPLAIN SELECT id FROM docs WHERE tsv @@ to_tsquery('fox')"),
    [["SEARCH docs USING GIN INDEX docs_tsv (tsv @@ ?)"]],
  );
  run(
    db,
    "INSERT INTO docs (title, tsv) VALUES ('fourth', to_tsvector('a fox again'))",
  );
  run(db, "UPDATE docs SET tsv = to_tsvector('no animals here') WHERE id = 1");
  run(db, "DELETE FROM docs WHERE id = 2");
  assertEquals(
    run(db, "SELECT id FROM docs WHERE tsv @@ to_tsquery('fox') ORDER BY id"),
    [[4n]],
  );
  assertEquals(
    run(db, "SELECT id FROM docs WHERE tsv @@ to_tsquery('animal')"),
    [[1n]],
  );
});

Deno.test("a GIN index over a TEXT column indexes to_tsvector of it", () => {
  const db = engine(DOCS + "CREATE INDEX docs_body ON docs USING GIN (body);");
  assertEquals(
    run(db, "SELECT id FROM docs WHERE body @@ to_tsquery('forest')"),
    [[2n]],
  );
  assertEquals(
    run(db, "EXPLAIN SELECT id FROM docs WHERE body @@ to_tsquery('forest')"),
    [["SEARCH docs USING GIN INDEX docs_body (body @@ ?)"]],
  );
});

Deno.test("to_tsvector(column) @@ query uses a GIN index over the TEXT column, with the same answers", () => {
  const plain = engine(DOCS);
  const indexed = engine(
    DOCS + "CREATE INDEX docs_body ON docs USING GIN (body);",
  );
  const q =
    "SELECT id, ts_rank(to_tsvector(body), to_tsquery('dog | fox')) FROM docs " +
    "WHERE to_tsquery('dog | fox') @@ to_tsvector('english', body) ORDER BY id";
  assertEquals(run(indexed, "EXPLAIN " + q)[0], [
    "SEARCH docs USING GIN INDEX docs_body (body @@ ?)",
  ]);
  assertEquals(run(indexed, q), run(plain, q));
  assertEquals(run(indexed, q).map((r) => r[0]), [1n, 2n, 3n]);
});
