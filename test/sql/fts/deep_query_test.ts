import { ok, strictEqual, throws } from "node:assert/strict";
import {
  formatTsquery,
  GinIndex,
  MAX_QUERY_NESTING,
  phrasetoTsquery,
  plaintoTsquery,
  positiveTerms,
  toTsquery,
  toTsvector,
  tsMatch,
  TsQuerySyntaxError,
  tsRank,
} from "../../../src/sql/fts/mod.ts";

// 30,000 distinct words: a left-deep tree this long overflows a recursive
// walk, so this checks every walk loops over long chains.
const WORDS = Array.from({ length: 30000 }, (_, i) => `w${i.toString(36)}`);
const TEXT = WORDS.join(" ");
const DOC = toTsvector(TEXT, "simple");

function exercise(q: ReturnType<typeof toTsquery>) {
  const gin = new GinIndex();
  gin.add(1n, DOC);
  return {
    match: tsMatch(DOC, q),
    ranked: tsRank(DOC, q, gin) > 0,
    candidates: gin.candidates(q)?.size,
    terms: positiveTerms(q).length,
    text: formatTsquery(q).length > 0,
  };
}

Deno.test("plaintoTsquery() of a long text builds a query every function handles", () => {
  const r = exercise(plaintoTsquery(TEXT, "simple"));
  strictEqual(r.match, true);
  strictEqual(r.ranked, true);
  strictEqual(r.candidates, 1);
  strictEqual(r.terms, WORDS.length);
});

Deno.test("phrasetoTsquery() of a long text matches the text", () => {
  const r = exercise(phrasetoTsquery(TEXT, "simple"));
  strictEqual(r.match, true);
  strictEqual(r.candidates, 1);
});

Deno.test("toTsquery() parses long & and <-> chains", () => {
  strictEqual(exercise(toTsquery(WORDS.join(" | "), "simple")).match, true);
  const reversed = toTsquery([...WORDS].reverse().join(" <-> "), "simple");
  strictEqual(tsMatch(DOC, reversed), false);
});

Deno.test("toTsquery() accepts nesting up to MAX_QUERY_NESTING and refuses deeper", () => {
  const n = MAX_QUERY_NESTING;
  const nested = "(".repeat(n - 1) + "!w1 <-> w2" + ")".repeat(n - 1);
  ok(exercise(toTsquery(nested, "simple")).text);
  const tooDeep = "(".repeat(n + 1) + "a" + ")".repeat(n + 1);
  throws(
    () => toTsquery(tooDeep),
    (e: unknown) =>
      e instanceof TsQuerySyntaxError && e.position === n &&
      e.message.length < 200,
  );
  throws(() => toTsquery("!".repeat(n + 1) + "a"), TsQuerySyntaxError);
});
