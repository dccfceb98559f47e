// Answers recorded from PostgreSQL 15.18 (testdata/pg15.json): 600 random
// `tsvector @@ tsquery` pairs over a small vocabulary, half with positions
// stripped, 300 more where only some lexemes have positions, plus to_tsquery / to_tsvector with the `simple` configuration,
// and to_tsquery with `english` over words whose stop-word status and stem
// agree between PostgreSQL and this library (how dropped stop words shift
// phrase distances), and websearch_to_tsquery with both configurations.
// They were produced by running the same texts through psql.
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import {
  formatTsquery,
  formatTsvector,
  parseTsquery,
  parseTsvector,
  toTsquery,
  toTsvector,
  tsMatch,
  websearchToTsquery,
} from "../../../src/sql/fts/mod.ts";
import pg from "./testdata/pg15.json" with { type: "json" };

Deno.test("tsMatch() agrees with PostgreSQL 15 on recorded @@ cases", () => {
  const wrong = (pg.match as [string, string, boolean][])
    .filter(([v, q, expected]) =>
      tsMatch(parseTsvector(v), parseTsquery(q)) !== expected
    );
  deepStrictEqual(wrong, []);
  strictEqual(pg.match.length, 600);
});

Deno.test("tsMatch() agrees with PostgreSQL 15 when only some lexemes have positions", () => {
  const wrong = (pg.matchMixed as [string, string, boolean][])
    .filter(([v, q, expected]) =>
      tsMatch(parseTsvector(v), parseTsquery(q)) !== expected
    );
  deepStrictEqual(wrong, []);
  strictEqual(pg.matchMixed.length, 300);
});

Deno.test("formatTsquery() prints what PostgreSQL 15 prints", () => {
  for (const [, q] of pg.match as [string, string, boolean][]) {
    strictEqual(formatTsquery(parseTsquery(q)), q);
  }
});

Deno.test("toTsquery() with simple agrees with PostgreSQL 15", () => {
  for (const [text, expected] of pg.toTsquerySimple) {
    strictEqual(formatTsquery(toTsquery(text, "simple")), expected, text);
  }
});

Deno.test("toTsvector() with simple agrees with PostgreSQL 15", () => {
  for (const [text, expected] of pg.toTsvectorSimple) {
    strictEqual(formatTsvector(toTsvector(text, "simple")), expected, text);
  }
});

Deno.test("toTsquery() with english drops stop words as PostgreSQL 15 does", () => {
  const wrong = pg.toTsqueryEnglish.filter(([text, expected]) =>
    formatTsquery(toTsquery(text, "english")) !== expected
  );
  deepStrictEqual(wrong, []);
  strictEqual(pg.toTsqueryEnglish.length, 80);
});

Deno.test("websearchToTsquery() agrees with PostgreSQL 15", () => {
  const wrong = pg.websearch.filter(([text, config, expected]) =>
    formatTsquery(websearchToTsquery(text, config)) !== expected
  );
  deepStrictEqual(wrong, []);
  strictEqual(pg.websearch.length, 120);
});
