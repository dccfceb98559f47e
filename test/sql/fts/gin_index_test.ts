import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import {
  GinIndex,
  parseTsquery,
  toTsquery,
  toTsvector,
} from "../../../src/sql/fts/mod.ts";

function sample(): GinIndex {
  const gin = new GinIndex();
  gin.add(1n, toTsvector("fat cat sat", "simple"));
  gin.add(2n, toTsvector("fat dog", "simple"));
  gin.add(3n, toTsvector("supernova superb", "simple"));
  gin.add(4n, toTsvector("cat", "simple"));
  return gin;
}

const sorted = (s: Set<bigint> | null) =>
  s === null ? null : [...s].sort((a, b) => (a < b ? -1 : 1));

Deno.test("GinIndex.candidates() narrows terms, and, or and phrases", () => {
  const gin = sample();
  const c = (q: string) => sorted(gin.candidates(parseTsquery(q)));
  deepStrictEqual(c("cat"), [1n, 4n]);
  deepStrictEqual(c("fat & cat"), [1n]);
  deepStrictEqual(c("dog | cat"), [1n, 2n, 4n]);
  deepStrictEqual(c("fat <-> cat"), [1n]);
  deepStrictEqual(c("whale"), []);
  deepStrictEqual(c("cat & !fat"), [1n, 4n]);
  deepStrictEqual(c("!fat <-> cat"), [1n, 4n]);
});

Deno.test("GinIndex.candidates() reads a prefix range", () => {
  const gin = sample();
  deepStrictEqual(sorted(gin.candidates(parseTsquery("super:*"))), [3n]);
  deepStrictEqual(sorted(gin.candidates(parseTsquery("s:*"))), [1n, 3n]);
  deepStrictEqual(sorted(gin.candidates(parseTsquery("supper:*"))), []);
});

Deno.test("GinIndex.candidates() is null when it cannot narrow", () => {
  const gin = sample();
  strictEqual(gin.candidates(parseTsquery("!cat")), null);
  strictEqual(gin.candidates(parseTsquery("cat | !dog")), null);
  strictEqual(gin.candidates(parseTsquery("!cat & !dog")), null);
  deepStrictEqual(sorted(gin.candidates(toTsquery("the"))), []);
});

Deno.test("GinIndex.candidates() returns a fresh set each time", () => {
  const gin = sample();
  gin.candidates(parseTsquery("cat"))!.clear();
  deepStrictEqual(sorted(gin.candidates(parseTsquery("cat"))), [1n, 4n]);
});

Deno.test("GinIndex.add() and remove() keep the BM25 statistics", () => {
  const gin = sample();
  strictEqual(gin.docCount, 4);
  strictEqual(gin.totalLength, 8);
  strictEqual(gin.docFreq("fat"), 2);
  strictEqual(gin.lexemeCount, 6);
  gin.remove(1n, toTsvector("fat cat sat", "simple"));
  strictEqual(gin.docCount, 3);
  strictEqual(gin.totalLength, 5);
  strictEqual(gin.docFreq("fat"), 1);
  strictEqual(gin.docFreq("sat"), 0);
  strictEqual(gin.lexemeCount, 5);
});

Deno.test("GinIndex.remove() uses the vector the row was added with", () => {
  const gin = new GinIndex();
  gin.add(1n, toTsvector("cat"));
  strictEqual(gin.remove(1n, toTsvector("dog")), true);
  deepStrictEqual(gin.postings(), []);
  strictEqual(gin.remove(1n), false);
  strictEqual(gin.has(1n), false);
});

Deno.test("GinIndex.add() refuses a row that is already indexed", () => {
  const gin = sample();
  throws(() => gin.add(1n, toTsvector("x")), RangeError);
  strictEqual(gin.docCount, 4);
});

Deno.test("GinIndex.clear() empties postings and statistics", () => {
  const gin = sample();
  gin.clear();
  strictEqual(gin.docCount, 0);
  strictEqual(gin.totalLength, 0);
  deepStrictEqual(gin.postings(), []);
  deepStrictEqual(sorted(gin.candidates(parseTsquery("cat"))), []);
});

Deno.test("GinIndex.postings() lists lexemes and row ids in order", () => {
  const gin = new GinIndex();
  gin.add(2n, toTsvector("cat"));
  gin.add(1n, toTsvector("cat dog"));
  deepStrictEqual(gin.postings(), [["cat", [1n, 2n]], ["dog", [1n]]]);
});
