import { assertEquals, engine, run } from "./_helpers.ts";

const SETUP = `
CREATE TABLE d (id INTEGER PRIMARY KEY, body TEXT);
INSERT INTO d (body) VALUES ('Cats and dogs'), ('the'), ('running cats');
CREATE INDEX d_body ON d USING GIN (body);
`;

Deno.test("@@ parses a text query with the config of its to_tsvector side", () => {
  const db = engine(SETUP);
  // With 'simple', 'Cats' stays 'cats' on both sides; with the default
  // (english) the query would be stemmed to 'cat' and match nothing.
  assertEquals(
    run(
      db,
      "SELECT id FROM d WHERE to_tsvector('simple', body) @@ 'Cats' ORDER BY id",
    ),
    [[1n], [3n]],
  );
  assertEquals(
    run(
      db,
      "SELECT id FROM d WHERE 'Cats' @@ to_tsvector('simple', body) ORDER BY id",
    ),
    [[1n], [3n]],
  );
  assertEquals(
    run(
      db,
      "SELECT ts_rank(to_tsvector('simple', body), 'running') > 0 FROM d WHERE id = 3",
    ),
    [[1n]],
  );
});

Deno.test("@@ with a text query agrees between the GIN path and the row path", () => {
  const db = engine(SETUP);
  const viaIndex = run(db, "SELECT id FROM d WHERE body @@ ? ORDER BY id", [
    "cats & running",
  ]);
  const viaRows = run(
    db,
    "SELECT id FROM d WHERE body || '' @@ ? ORDER BY id",
    ["cats & running"],
  );
  assertEquals(viaIndex, [[3n]]);
  assertEquals(viaRows, viaIndex);
});

Deno.test("@@ with a stop-word-only query matches nothing and ranks 0", () => {
  const db = engine(SETUP);
  for (
    const sql of [
      "SELECT id FROM d WHERE body @@ to_tsquery('the')",
      "SELECT id FROM d WHERE body @@ 'the & a'",
      "SELECT id FROM d WHERE body || '' @@ to_tsquery('the')",
      "SELECT id FROM d WHERE to_tsvector(body) @@ plainto_tsquery('the a')",
    ]
  ) assertEquals(run(db, sql), [], sql);
  assertEquals(
    run(db, "SELECT ts_rank(to_tsvector(body), to_tsquery('the')) FROM d"),
    [[0], [0], [0]],
  );
});

Deno.test("websearch_to_tsquery(), ts_headline(), strip() and tsvector || work in SQL", () => {
  const db = engine(SETUP);
  assertEquals(
    run(
      db,
      `SELECT id FROM d WHERE body @@ websearch_to_tsquery('"running cats" -dogs')`,
    ),
    [[3n]],
  );
  assertEquals(
    run(db, "SELECT strip(to_tsvector('fat cats'))"),
    run(db, "SELECT strip(to_tsvector('fat cats'))"),
  );
  assertEquals(run(db, "SELECT CAST(strip(to_tsvector('fat cats')) AS TEXT)"), [
    [
      "'cat' 'fat'",
    ],
  ]);
  assertEquals(
    run(db, "SELECT CAST(to_tsvector('fat') || to_tsvector('cat') AS TEXT)"),
    [["'cat':2 'fat':1"]],
  );
  const [[h]] = run(db, "SELECT ts_headline('the fat cat', to_tsquery('cat'))");
  assertEquals(h, "the fat <b>cat</b>");
});
