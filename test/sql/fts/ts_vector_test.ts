import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import {
  concatTsvector,
  formatTsvector,
  lexemesOf,
  makeTsvector,
  parseTsvector,
  stripTsvector,
  toTsvector,
  tsvectorEquals,
  TsVectorSyntaxError,
  UnknownTsConfigError,
} from "../../../src/sql/fts/mod.ts";

const positions = (text: string, config?: string) =>
  Object.fromEntries(toTsvector(text, config).lexemes);

Deno.test("toTsvector() lowercases, stems and skips stop words keeping their positions", () => {
  const v = toTsvector("The Fat cats SAT on the mat");
  deepStrictEqual(positions("The Fat cats SAT on the mat"), {
    cat: [3],
    fat: [2],
    mat: [7],
    sat: [4],
  });
  strictEqual(v.length, 4);
  deepStrictEqual([...v.lexemes.keys()], ["cat", "fat", "mat", "sat"]);
});

Deno.test("toTsvector() collects repeated lexemes into sorted positions", () => {
  deepStrictEqual(positions("running runs ran run"), {
    ran: [3],
    run: [1, 2, 4],
  });
  strictEqual(toTsvector("running runs ran run").length, 4);
});

Deno.test("toTsvector() splits on punctuation and is Unicode aware", () => {
  deepStrictEqual(positions("naïve_café, Ünïcode-2024! 日本語", "simple"), {
    "2024": [4],
    café: [2],
    naïve: [1],
    ünïcode: [3],
    日本語: [5],
  });
});

Deno.test("toTsvector() treats composed and decomposed accents alike", () => {
  strictEqual(
    formatTsvector(toTsvector("cafe\u0301", "simple")),
    formatTsvector(toTsvector("caf\u00e9", "simple")),
  );
});

Deno.test("toTsvector() keeps numbers unstemmed under english", () => {
  deepStrictEqual(positions("123 abc123"), { "123": [1], abc123: [2] });
});

Deno.test("toTsvector() with simple keeps stop words and does not stem", () => {
  deepStrictEqual(positions("The cats", "simple"), { cats: [2], the: [1] });
});

Deno.test("toTsvector() of empty or stop-word-only text is empty", () => {
  strictEqual(toTsvector("").length, 0);
  strictEqual(toTsvector("the and of a").lexemes.size, 0);
  strictEqual(toTsvector("--- !!!").length, 0);
});

Deno.test("toTsvector() rejects an unknown configuration", () => {
  throws(() => toTsvector("x", "klingon"), UnknownTsConfigError);
  strictEqual(
    toTsvector("cats", "pg_catalog.English").lexemes.has("cat"),
    true,
  );
});

Deno.test("lexemesOf() gives one entry per token with null for stop words", () => {
  deepStrictEqual(lexemesOf("The cats sat"), [null, "cat", "sat"]);
});

Deno.test("formatTsvector() writes the PostgreSQL text form", () => {
  strictEqual(
    formatTsvector(toTsvector("cat sat cat", "simple")),
    "'cat':1,3 'sat':2",
  );
  strictEqual(
    formatTsvector(makeTsvector([["it's", [1]], ["a\\b", []]])),
    "'a\\\\b' 'it''s':1",
  );
  strictEqual(formatTsvector(toTsvector("")), "");
});

Deno.test("parseTsvector() reads quoted, unquoted, weighted and position-less lexemes", () => {
  const v = parseTsvector("  'sat':2 cat:3A,1  'it''s' 'a\\'b':4  ");
  deepStrictEqual(Object.fromEntries(v.lexemes), {
    "a'b": [4],
    cat: [1, 3],
    "it's": [],
    sat: [2],
  });
  strictEqual(v.length, 5);
});

Deno.test("parseTsvector() merges duplicate lexemes", () => {
  deepStrictEqual(
    Object.fromEntries(parseTsvector("cat:3 cat:1,3").lexemes),
    { cat: [1, 3] },
  );
});

Deno.test("parseTsvector() rejects malformed text with a position", () => {
  for (
    const [text, position] of [
      ["'cat", 4],
      ["cat:", 4],
      ["cat:0", 4],
      ["cat:1,", 6],
      ["cat:1x", 5],
      ["''", 0],
      ["ca't", 2],
    ] as const
  ) {
    throws(
      () => parseTsvector(text),
      (e: unknown) =>
        e instanceof TsVectorSyntaxError && e.position === position &&
        e.name === "TsVectorSyntaxError",
      text,
    );
  }
});

Deno.test("parseTsvector() inverts formatTsvector()", () => {
  const v = toTsvector(
    "It's a 'quoted' \\ back-slashed text, it's it",
    "simple",
  );
  strictEqual(tsvectorEquals(parseTsvector(formatTsvector(v)), v), true);
});

Deno.test("tsvectorEquals() compares lexemes and positions", () => {
  strictEqual(tsvectorEquals(toTsvector("cat"), toTsvector("cats")), true);
  strictEqual(
    tsvectorEquals(toTsvector("cat dog"), toTsvector("dog cat")),
    false,
  );
});

Deno.test("concatTsvector() shifts the right side past the left's last position", () => {
  const v = concatTsvector(toTsvector("fat cat"), toTsvector("cat nap"));
  strictEqual(formatTsvector(v), "'cat':2,3 'fat':1 'nap':4");
  strictEqual(v.length, 4);
  strictEqual(
    formatTsvector(concatTsvector(toTsvector(""), toTsvector("cat"))),
    "'cat':1",
  );
});

Deno.test("stripTsvector() drops positions", () => {
  const v = stripTsvector(toTsvector("fat cat cat"));
  strictEqual(formatTsvector(v), "'cat' 'fat'");
  strictEqual(v.length, 2);
});
