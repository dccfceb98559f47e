import { ok, strictEqual, throws } from "node:assert/strict";
import {
  bm25Idf,
  corpusStatsOf,
  GinIndex,
  parseTsquery,
  parseTsvector,
  toTsquery,
  toTsvector,
  tsRank,
} from "../../../src/sql/fts/mod.ts";

// N = 3, total length 6, avgdl = 2.
const D1 = toTsvector("cat dog", "simple");
const D2 = toTsvector("cat cat fish", "simple");
const D3 = toTsvector("bird", "simple");
const STATS = corpusStatsOf([D1, D2, D3]);

const close = (actual: number, expected: number) =>
  ok(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);

Deno.test("corpusStatsOf() counts documents, length and document frequency", () => {
  strictEqual(STATS.docCount, 3);
  strictEqual(STATS.totalLength, 6);
  strictEqual(STATS.docFreq("cat"), 2);
  strictEqual(STATS.docFreq("fish"), 1);
  strictEqual(STATS.docFreq("whale"), 0);
});

Deno.test("bm25Idf() is ln(1 + (N - df + 0.5) / (df + 0.5))", () => {
  close(bm25Idf(3, 2), Math.log(1.6));
  close(bm25Idf(3, 1), Math.log(1 + 2.5 / 1.5));
  ok(bm25Idf(3, 3) > 0);
});

Deno.test("tsRank() matches hand-computed BM25 for an average-length document", () => {
  // idf = ln(1.6); tf = 1; dl = avgdl so the norm is 1: 1 * 2.2 / (1 + 1.2).
  close(tsRank(D1, parseTsquery("cat"), STATS), Math.log(1.6));
  close(tsRank(D1, parseTsquery("cat"), STATS), 0.47000362924573563);
});

Deno.test("tsRank() saturates tf and normalises by document length", () => {
  // tf = 2, dl = 3: norm = 0.25 + 0.75 * 3 / 2 = 1.375.
  close(
    tsRank(D2, parseTsquery("cat"), STATS),
    Math.log(1.6) * (2 * 2.2) / (2 + 1.2 * 1.375),
  );
});

Deno.test("tsRank() sums over the distinct positive terms present", () => {
  const cat = Math.log(1.6) * (2 * 2.2) / (2 + 1.2 * 1.375);
  const fish = Math.log(1 + 2.5 / 1.5) * 2.2 / (1 + 1.2 * 1.375);
  close(tsRank(D2, parseTsquery("cat | fish"), STATS), cat + fish);
  close(
    tsRank(D2, parseTsquery("cat & cat & (fish | whale)"), STATS),
    cat + fish,
  );
  close(tsRank(D2, parseTsquery("cat & !fish"), STATS), cat);
  close(tsRank(D2, parseTsquery("cat <-> fish"), STATS), cat + fish);
});

Deno.test("tsRank() honours k1 and b", () => {
  // b = 0 removes length normalisation; k1 = 0 makes tf irrelevant.
  close(
    tsRank(D2, parseTsquery("cat"), STATS, { b: 0 }),
    Math.log(1.6) * (2 * 2.2) / (2 + 1.2),
  );
  close(tsRank(D2, parseTsquery("cat"), STATS, { k1: 0 }), Math.log(1.6));
  throws(() => tsRank(D2, parseTsquery("cat"), STATS, { k1: -1 }), RangeError);
  throws(() => tsRank(D2, parseTsquery("cat"), STATS, { b: 1.5 }), RangeError);
});

Deno.test("tsRank() expands a prefix term to the document's lexemes", () => {
  const docs = ["superb supper", "super"].map((t) => toTsvector(t, "simple"));
  const stats = corpusStatsOf(docs);
  // N = 2, avgdl = 1.5; doc 0: dl = 2, norm = 0.25 + 0.75 * 2 / 1.5 = 1.25.
  const one = Math.log(1 + 1.5 / 1.5) * 2.2 / (1 + 1.2 * 1.25);
  close(tsRank(docs[0], parseTsquery("sup:*"), stats), 2 * one);
});

Deno.test("tsRank() is 0 for a document without the terms", () => {
  strictEqual(tsRank(D3, parseTsquery("cat | fish"), STATS), 0);
  strictEqual(tsRank(D1, toTsquery("the"), STATS), 0);
});

Deno.test("tsRank() ranks by each document's own text", () => {
  const docs = [
    "A tutorial about databases",
    "Raft consensus and Raft logs in a replicated database",
    "Cooking pasta",
  ].map((t) => toTsvector(t));
  const gin = new GinIndex();
  docs.forEach((v, i) => gin.add(BigInt(i), v));
  const q = toTsquery("raft & database");
  ok(tsRank(docs[1], q, gin) > tsRank(docs[0], q, gin));
  ok(tsRank(docs[0], q, gin) > tsRank(docs[2], q, gin));
});

Deno.test("tsRank() falls back to the document length when stats are empty", () => {
  // N = 0, df = 0: idf = ln 2; dl stands in for avgdl so the norm is 1.
  const v = parseTsvector("cat");
  close(tsRank(v, parseTsquery("cat"), corpusStatsOf([])), Math.log(2));
});
