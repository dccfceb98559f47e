/**
 * Full-text search: tsvector / tsquery values, matching (`@@`), BM25
 * ranking and a GIN inverted index. Pure, synchronous and deterministic.
 *
 * Behaviour follows PostgreSQL 15 wherever the inputs are the same (checked
 * against a live server; see `test/sql/fts/testdata/pg15.json`): `@@` with
 * phrases, `!` inside phrases and stripped vectors, how dropped stop words
 * shift phrase distances, `plainto_`/`phraseto_`/`websearch_to_tsquery`,
 * and the text forms of both types. Deliberate differences:
 *
 * - Tokens are maximal runs of Unicode letters, digits and marks, so
 *   `fat-cat` is two words and there are no email/URL/number-with-dot
 *   tokens. `english` uses the `stopword` package's list (it differs from
 *   PostgreSQL's: e.g. `like`, `make` are stop words here, `not`, `no` are
 *   not) and the Porter2 stemmer (same stems as PostgreSQL's `english`).
 * - Weights (`'cat':1A`, `cat:AB`) are accepted and ignored.
 * - Positions are not capped at 16383.
 * - `tsRank` is Okapi BM25 (k1 1.2, b 0.75), not PostgreSQL's `ts_rank`.
 * - Lexemes sort in UTF-16 code unit order (PostgreSQL: UTF-8 bytes); the
 *   two differ only for characters outside the Basic Multilingual Plane.
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
export * from "./plainto_tsquery.ts";
export * from "./to_tsquery.ts";
export * from "./ts_config.ts";
export * from "./ts_headline.ts";
export * from "./ts_match.ts";
export * from "./ts_query.ts";
export * from "./ts_rank.ts";
export * from "./ts_vector.ts";
export * from "./websearch_to_tsquery.ts";
