/**
 * An inverted (GIN-style) index over tsvector values.
 *
 * @module
 */

import sortedBtree from "sorted-btree";
import { leftSpine } from "./_spine.ts";
import type { CorpusStats } from "./ts_rank.ts";
import type { TsQuery } from "./ts_query.ts";
import { compareLexemes, type TsVector } from "./ts_vector.ts";

// sorted-btree is CommonJS: under Deno its default import is the `exports`
// object, and the class is that object's `default` (the typings agree).
const BTree = sortedBtree.default;

/**
 * Maps each lexeme to the set of rows that contain it, with lexemes kept in
 * a sorted B-tree so a prefix query reads one contiguous range. It also
 * keeps the collection statistics BM25 needs, so it is a
 * {@linkcode CorpusStats}.
 *
 * The index remembers the vector each row was added with and removes that
 * one, so postings and statistics cannot drift from a caller passing a
 * different vector to {@linkcode GinIndex.remove}.
 *
 * @example
 * ```ts
 * import { GinIndex, toTsquery, toTsvector } from "./mod.ts";
 * const gin = new GinIndex();
 * gin.add(1n, toTsvector("fat cat"));
 * gin.add(2n, toTsvector("fat dog"));
 * console.log(gin.candidates(toTsquery("fat & cat"))); // Set { 1n }
 * console.log(gin.candidates(toTsquery("!cat"))); // null: cannot narrow
 * ```
 */
export class GinIndex implements CorpusStats {
  #postings = new BTree<string, Set<bigint>>(undefined, compareLexemes);
  #docs = new Map<bigint, TsVector>();
  #totalLength = 0;

  /** Number of rows in the index (N). */
  get docCount(): number {
    return this.#docs.size;
  }

  /** Sum of the lengths of the indexed rows' vectors. */
  get totalLength(): number {
    return this.#totalLength;
  }

  /** Number of distinct lexemes. */
  get lexemeCount(): number {
    return this.#postings.size;
  }

  /**
   * Number of rows whose vector contains the lexeme.
   *
   * @param lexeme The lexeme.
   * @returns The document frequency.
   *
   * @example
   * ```ts
   * import { GinIndex, toTsvector } from "./mod.ts";
   * const gin = new GinIndex();
   * gin.add(1n, toTsvector("cat"));
   * console.log(gin.docFreq("cat"), gin.docFreq("dog")); // 1 0
   * ```
   */
  docFreq(lexeme: string): number {
    return this.#postings.get(lexeme)?.size ?? 0;
  }

  /**
   * Tells whether a row is indexed.
   *
   * @param rowId The row.
   * @returns `true` when it was added and not removed.
   *
   * @example
   * ```ts
   * import { GinIndex, toTsvector } from "./mod.ts";
   * const gin = new GinIndex();
   * gin.add(7n, toTsvector("cat"));
   * console.log(gin.has(7n)); // true
   * ```
   */
  has(rowId: bigint): boolean {
    return this.#docs.has(rowId);
  }

  /**
   * Indexes a row.
   *
   * @param rowId The row; must not be indexed already.
   * @param v Its vector.
   * @throws {RangeError} when the row is already indexed (remove it first).
   *
   * @example
   * ```ts
   * import { GinIndex, toTsvector } from "./mod.ts";
   * const gin = new GinIndex();
   * gin.add(1n, toTsvector("fat cat"));
   * console.log(gin.docCount, gin.totalLength); // 1 2
   * ```
   */
  add(rowId: bigint, v: TsVector): void {
    if (this.#docs.has(rowId)) {
      throw new RangeError(`Row ${rowId} is already in the GIN index`);
    }
    this.#docs.set(rowId, v);
    this.#totalLength += v.length;
    for (const lexeme of v.lexemes.keys()) {
      const posting = this.#postings.get(lexeme);
      if (posting === undefined) this.#postings.set(lexeme, new Set([rowId]));
      else posting.add(rowId);
    }
  }

  /**
   * Removes a row. The vector the row was added with is the one removed;
   * `v` is accepted for symmetry with {@linkcode GinIndex.add}.
   *
   * @param rowId The row.
   * @param _v Its vector (unused, see above).
   * @returns `true` when the row was indexed.
   *
   * @example
   * ```ts
   * import { GinIndex, toTsvector } from "./mod.ts";
   * const gin = new GinIndex();
   * const v = toTsvector("cat");
   * gin.add(1n, v);
   * gin.remove(1n, v);
   * console.log(gin.docCount, gin.docFreq("cat")); // 0 0
   * ```
   */
  remove(rowId: bigint, _v?: TsVector): boolean {
    const v = this.#docs.get(rowId);
    if (v === undefined) return false;
    this.#docs.delete(rowId);
    this.#totalLength -= v.length;
    for (const lexeme of v.lexemes.keys()) {
      const posting = this.#postings.get(lexeme);
      if (posting === undefined) continue;
      posting.delete(rowId);
      if (posting.size === 0) this.#postings.delete(lexeme);
    }
    return true;
  }

  /**
   * Empties the index.
   *
   * @example
   * ```ts
   * import { GinIndex, toTsvector } from "./mod.ts";
   * const gin = new GinIndex();
   * gin.add(1n, toTsvector("cat"));
   * gin.clear();
   * console.log(gin.docCount); // 0
   * ```
   */
  clear(): void {
    this.#postings.clear();
    this.#docs.clear();
    this.#totalLength = 0;
  }

  /**
   * The rows that may match a query: a superset of the rows whose vector
   * {@linkcode tsMatch}es it (callers still run `tsMatch` on each), or
   * `null` when the index cannot narrow the search (a query whose every
   * branch is negated, such as `!cat` or `cat | !dog`). The empty query
   * gives the empty set. A fresh set is returned each time.
   *
   * @param q The query.
   * @returns Candidate row ids, or `null` for "scan every row".
   *
   * @example
   * ```ts
   * import { GinIndex, toTsquery, toTsvector } from "./mod.ts";
   * const gin = new GinIndex();
   * gin.add(1n, toTsvector("supernova"));
   * gin.add(2n, toTsvector("superb"));
   * gin.add(3n, toTsvector("star"));
   * console.log(gin.candidates(toTsquery("super:*"))); // Set { 2n, 1n } (any order)
   * ```
   */
  candidates(q: TsQuery): Set<bigint> | null {
    switch (q.kind) {
      case "empty":
        return new Set();
      case "term":
        return this.#termRows(q.lexeme, q.prefix);
      case "not":
        return null;
    }
    // Loop down the left spine (see _spine.ts). `null` means "every row";
    // a phrase needs a non-negated operand to be present, just like `&`.
    const { base, steps } = leftSpine(q);
    let acc = this.candidates(base);
    for (const step of steps) {
      const r = this.candidates(step.right);
      if (step.kind === "or") {
        if (acc === null || r === null) acc = null;
        else for (const id of r) acc.add(id);
      } else if (acc === null) {
        acc = r;
      } else if (r !== null) {
        const [small, big] = acc.size <= r.size ? [acc, r] : [r, acc];
        for (const id of small) if (!big.has(id)) small.delete(id);
        acc = small;
      }
    }
    return acc;
  }

  #termRows(lexeme: string, prefix: boolean): Set<bigint> {
    if (!prefix) return new Set(this.#postings.get(lexeme));
    const out = new Set<bigint>();
    for (const [k, posting] of this.#postings.entries(lexeme)) {
      if (!k.startsWith(lexeme)) break;
      for (const id of posting) out.add(id);
    }
    return out;
  }

  /**
   * Lists the postings, lexemes ascending and row ids ascending: a stable
   * picture of the index for tests, debugging and `EXPLAIN`.
   *
   * @returns `[lexeme, rowIds]` pairs.
   *
   * @example
   * ```ts
   * import { GinIndex, toTsvector } from "./mod.ts";
   * const gin = new GinIndex();
   * gin.add(2n, toTsvector("cat"));
   * gin.add(1n, toTsvector("cat dog"));
   * console.log(gin.postings()); // [["cat", [1n, 2n]], ["dog", [1n]]]
   * ```
   */
  postings(): [string, bigint[]][] {
    const out: [string, bigint[]][] = [];
    for (const [k, posting] of this.#postings.entries()) {
      out.push([k, [...posting].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))]);
    }
    return out;
  }
}
