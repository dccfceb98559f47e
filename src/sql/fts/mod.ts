/**
 * Full-text search: tsvector / tsquery values, matching (`@@`), BM25
 * ranking and a GIN inverted index. Pure, synchronous and deterministic.
 *
 * @example
 * ```ts
 * import { GinIndex, toTsquery, toTsvector, tsMatch, tsRank } from "./mod.ts";
 * const gin = new GinIndex();
 * const docs = ["The fat cat sat", "A fat dog", "Cats and dogs"].map((t) => toTsvector(t));
 * docs.forEach((v, i) => gin.add(BigInt(i + 1), v));
 * const q = toTsquery("cat");
 * const hits = [...gin.candidates(q)!].filter((id) => tsMatch(docs[Number(id) - 1], q));
 * const scores = hits.map((id) => tsRank(docs[Number(id) - 1], q, gin));
 * console.log(hits, scores.length); // [1n, 3n] 2
 * ```
 *
 * @module
 */

export * from "./errors.ts";
export * from "./gin_index.ts";
export * from "./ts_config.ts";
export * from "./ts_headline.ts";
export * from "./ts_match.ts";
export * from "./ts_query.ts";
export * from "./ts_query_parse.ts";
export * from "./ts_rank.ts";
export * from "./ts_vector.ts";
