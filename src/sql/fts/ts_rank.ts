/**
 * BM25 ranking of a document against a query.
 *
 * @module
 */

import { matchingLexemes } from "./ts_match.ts";
import { positiveTerms, type TsQuery } from "./ts_query.ts";
import type { TsVector } from "./ts_vector.ts";

/**
 * What BM25 needs to know about the whole collection of documents.
 *
 * @example
 * ```ts
 * import { corpusStatsOf, toTsvector, type CorpusStats } from "./mod.ts";
 * const stats: CorpusStats = corpusStatsOf([toTsvector("fat cat"), toTsvector("cat")]);
 * console.log(stats.docCount, stats.totalLength, stats.docFreq("cat")); // 2 3 2
 * ```
 */
export interface CorpusStats {
  /** Number of documents (N). */
  readonly docCount: number;
  /** Sum of the documents' lengths (N times the average length). */
  readonly totalLength: number;
  /** Number of documents that contain the lexeme. */
  docFreq(lexeme: string): number;
}

/** Options of {@linkcode tsRank}. */
export interface TsRankOptions {
  /**
   * Term-frequency saturation.
   * @default {1.2}
   */
  k1?: number;
  /**
   * Document-length normalisation (0 = none, 1 = full).
   * @default {0.75}
   */
  b?: number;
}

/**
 * Computes the statistics of a collection of vectors, for tables that have
 * no {@linkcode GinIndex} to keep them.
 *
 * @param vectors The documents (each counted once per occurrence).
 * @returns The statistics, frozen at the time of the call.
 *
 * @example
 * ```ts
 * import { corpusStatsOf, toTsvector } from "./mod.ts";
 * const stats = corpusStatsOf(["fat cat", "thin cat"].map((t) => toTsvector(t)));
 * console.log(stats.docFreq("fat")); // 1
 * ```
 */
export function corpusStatsOf(vectors: Iterable<TsVector>): CorpusStats {
  let docCount = 0;
  let totalLength = 0;
  const df = new Map<string, number>();
  for (const v of vectors) {
    docCount++;
    totalLength += v.length;
    for (const k of v.lexemes.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  }
  return {
    docCount,
    totalLength,
    docFreq: (lexeme: string) => df.get(lexeme) ?? 0,
  };
}

/**
 * The BM25 inverse document frequency, `ln(1 + (N - df + 0.5) / (df + 0.5))`
 * (always positive).
 *
 * @param docCount N, the number of documents.
 * @param docFreq df, the documents containing the lexeme.
 * @returns The idf.
 *
 * @example
 * ```ts
 * import { bm25Idf } from "./mod.ts";
 * console.log(bm25Idf(10, 1)); // Math.log(1 + 9.5 / 1.5)
 * ```
 */
export function bm25Idf(docCount: number, docFreq: number): number {
  return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
}

/**
 * Ranks a document against a query with Okapi BM25:
 * `sum over t of idf(t) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))`.
 *
 * The sum runs over the distinct lexemes of the document that a positive
 * query term (one not under `!`) matches; a prefix term contributes every
 * lexeme of the document with that prefix. `tf` is the lexeme's number of
 * positions in this document (1 if it has none), `dl` this document's
 * length, `avgdl` is `stats.totalLength / stats.docCount` (when the stats
 * are empty, `dl` stands in for it). A document with none of the terms
 * scores 0.
 *
 * @param v The document.
 * @param q The query.
 * @param stats Collection statistics (a {@linkcode GinIndex} or
 * {@linkcode corpusStatsOf}).
 * @param options `k1` (default 1.2) and `b` (default 0.75).
 * @returns The score, 0 or more.
 * @throws {RangeError} when `k1` is negative or `b` is outside [0, 1].
 *
 * @example
 * ```ts
 * import { corpusStatsOf, toTsquery, toTsvector, tsRank } from "./mod.ts";
 * const docs = ["fat cat", "fat cat cat", "dog"].map((t) => toTsvector(t));
 * const stats = corpusStatsOf(docs);
 * const q = toTsquery("cat");
 * console.log(tsRank(docs[1], q, stats) > tsRank(docs[0], q, stats)); // true
 * ```
 */
export function tsRank(
  v: TsVector,
  q: TsQuery,
  stats: CorpusStats,
  options: TsRankOptions = {},
): number {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  if (!(k1 >= 0 && Number.isFinite(k1)) || !(b >= 0 && b <= 1)) {
    throw new RangeError(
      `BM25 needs k1 >= 0 and 0 <= b <= 1 (k1 ${k1}, b ${b})`,
    );
  }
  const lexemes = new Set<string>();
  for (const term of positiveTerms(q)) {
    for (const lexeme of matchingLexemes(v, term)) lexemes.add(lexeme);
  }
  if (lexemes.size === 0) return 0;
  const dl = v.length;
  const avgdl = stats.docCount > 0 && stats.totalLength > 0
    ? stats.totalLength / stats.docCount
    : dl;
  const norm = avgdl > 0 ? 1 - b + b * dl / avgdl : 1;
  let score = 0;
  // Sorted so the floating-point sum does not depend on query order.
  for (const lexeme of [...lexemes].sort()) {
    const tf = Math.max(1, v.lexemes.get(lexeme)!.length);
    const idf = bm25Idf(stats.docCount, stats.docFreq(lexeme));
    score += idf * tf * (k1 + 1) / (tf + k1 * norm);
  }
  return score;
}
