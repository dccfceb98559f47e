/**
 * A secondary B-tree index: keys are the indexed values then the row id.
 *
 * @module
 */
import { BTree } from "./_btree.ts";
import type { Row } from "../value.ts";
import {
  type IndexKey,
  KEY_MAX,
  KEY_MIN,
  keyComparator,
  type KeyPart,
} from "./key_compare.ts";
import type { IndexSchema } from "./schema.ts";

/**
 * An ordered index over some columns of a table.
 *
 * @example
 * ```ts
 * const ix = new BTreeIndex({ name: "i", table: "t", columns: [{ name: "a", desc: false }], unique: false, kind: "btree", auto: false }, [0]);
 * ix.add([5n], 1n);
 * [...ix.equal([5n])]; // [1n]
 * ```
 */
export class BTreeIndex {
  readonly schema: IndexSchema;
  /** Positions of the indexed columns in the table row. */
  columnPositions: number[];
  /** Keys map to the row itself, so a scan needs no lookup by row id. */
  tree: BTree<IndexKey, Row>;

  constructor(schema: IndexSchema, columnPositions: number[]) {
    this.schema = schema;
    this.columnPositions = columnPositions;
    this.tree = new BTree<IndexKey, Row>(
      undefined,
      keyComparator(schema.columns.map((c) => c.desc)),
    );
  }

  /** The index key of a row (values then row id). */
  keyOf(row: Row, rowid: bigint): IndexKey {
    const p = this.columnPositions;
    const k: IndexKey = new Array(p.length + 1);
    for (let i = 0; i < p.length; i++) k[i] = row[p[i]];
    k[p.length] = rowid;
    return k;
  }

  /** Adds a row's entry. */
  add(row: Row, rowid: bigint): void {
    this.tree.set(this.keyOf(row, rowid), row);
  }

  /** Removes a row's entry. */
  remove(row: Row, rowid: bigint): void {
    this.tree.delete(this.keyOf(row, rowid));
  }

  /** Removes every entry. */
  clear(): void {
    this.tree.clear();
  }

  /**
   * A row id whose indexed values equal `values` (a full key), other than
   * `exceptRowid`; for unique checks. NULLs never conflict.
   */
  conflict(row: Row, exceptRowid: bigint | null): bigint | null {
    const p = this.columnPositions;
    const prefix: IndexKey = new Array(p.length);
    for (let i = 0; i < p.length; i++) {
      const v = row[p[i]];
      if (v === null) return null;
      prefix[i] = v;
    }
    for (const rowid of this.equal(prefix)) {
      if (rowid !== exceptRowid) return rowid;
    }
    return null;
  }

  /** Row ids whose leading indexed values equal `prefix`, in index order. */
  *equal(prefix: readonly KeyPart[]): Generator<bigint> {
    const low: IndexKey = [...prefix, KEY_MIN];
    const high: IndexKey = [...prefix, KEY_MAX];
    yield* this.range(low, high);
  }

  /** Row ids with keys in [low, high] (tree order), ascending or reversed. */
  *range(low: IndexKey, high: IndexKey, reverse = false): Generator<bigint> {
    const n = this.columnPositions.length;
    const cmp = this.tree._compare;
    if (!reverse) {
      for (const [k] of this.tree.entries(low)) {
        if (cmp(k, high) > 0) return;
        yield k[n] as bigint;
      }
    } else {
      for (const [k] of this.tree.entriesReversed(high)) {
        if (cmp(k, low) < 0) return;
        yield k[n] as bigint;
      }
    }
  }

  /**
   * Calls `cb` with the row ids and rows whose keys are in [low, high]
   * (tree order) until it returns false; faster than {@linkcode range}.
   */
  scanRange(
    low: IndexKey,
    high: IndexKey,
    cb: (rowid: bigint, row: Row) => boolean | void,
  ): void {
    const n = this.columnPositions.length;
    // sorted-btree stops a range walk when the callback returns {break}.
    const onFound = ((
      k: IndexKey,
      row: Row,
    ) => (cb(k[n] as bigint, row) === false ? { break: true } : undefined)) as (
      k: IndexKey,
      row: Row,
    ) => void;
    this.tree.forRange(low, high, true, onFound);
  }

  /** Every (row id, row) in index order, optionally reversed. */
  *allRows(reverse = false): Generator<[bigint, Row]> {
    const n = this.columnPositions.length;
    const it = reverse ? this.tree.entriesReversed() : this.tree.entries();
    for (const [k, row] of it) yield [k[n] as bigint, row];
  }

  /** Every row id in index order. */
  *all(reverse = false): Generator<bigint> {
    yield* this.range([KEY_MIN], [KEY_MAX], reverse);
  }

  /** Number of entries. */
  get size(): number {
    return this.tree.size;
  }
}
