/**
 * A table's rows (row id -> row array, ordered) and its indexes, kept in
 * step on every change, with undo records for statement/batch rollback.
 *
 * @module
 */
import { BTree } from "./_btree.ts";
import type { Row } from "../value.ts";
import type { BTreeIndex } from "./btree_index.ts";
import type { GinColumnIndex } from "./gin_column_index.ts";
import type { TableSchema } from "./schema.ts";

/**
 * Undo records: closures that put the state back, run newest first.
 *
 * @example
 * ```ts
 * const undo: UndoLog = []; undo.push(() => {}); undo.pop()!();
 * ```
 */
export type UndoLog = (() => void)[];

function compareRowid(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Rows and indexes of one table.
 *
 * @example
 * ```ts
 * const t = new Table({ name: "t", columns: [], rowidColumn: -1, uniques: [], checks: [], foreignKeys: [] });
 * t.insert(1n, [], []);
 * t.rows.size; // 1
 * ```
 */
export class Table {
  schema: TableSchema;
  rows: BTree<bigint, Row>;
  /** Next row id to allocate (deterministic: part of the state). */
  nextRowId = 1n;
  indexes: BTreeIndex[] = [];
  ginIndexes: GinColumnIndex[] = [];

  constructor(schema: TableSchema) {
    this.schema = schema;
    this.rows = new BTree<bigint, Row>(undefined, compareRowid);
  }

  /**
   * The row id for a new row: one above the largest in use (SQLite's rule,
   * so ids are reused after the top rows are deleted), or with
   * AUTOINCREMENT one above any id ever used.
   */
  newRowid(): bigint {
    const max = this.rows.maxKey();
    const next = max === undefined ? 1n : max + 1n;
    return this.schema.autoincrement && this.nextRowId > next
      ? this.nextRowId
      : next;
  }

  /** Allocates the next row id (recorded in undo). */
  allocateRowid(undo: UndoLog): bigint {
    const id = this.nextRowId;
    this.bumpRowid(id, undo);
    return id;
  }

  /** Makes sure later allocations are above `id`. */
  bumpRowid(id: bigint, undo: UndoLog): void {
    if (id >= this.nextRowId) {
      const prev = this.nextRowId;
      this.nextRowId = id + 1n;
      undo.push(() => (this.nextRowId = prev));
    }
  }

  /** Inserts a new row under `rowid` (which must be free). */
  insert(rowid: bigint, row: Row, undo: UndoLog): void {
    this.rows.set(rowid, row);
    for (const ix of this.indexes) ix.add(row, rowid);
    for (const g of this.ginIndexes) g.add(row, rowid);
    undo.push(() => this.rawDelete(rowid, row));
  }

  /** Deletes the row under `rowid`; returns it. */
  delete(rowid: bigint, undo: UndoLog): Row | undefined {
    const row = this.rows.get(rowid);
    if (row === undefined) return undefined;
    this.rawDelete(rowid, row);
    undo.push(() => this.rawInsert(rowid, row));
    return row;
  }

  /** Replaces the row under `rowid` (the row id itself is unchanged). */
  update(rowid: bigint, newRow: Row, undo: UndoLog): void {
    const old = this.rows.get(rowid)!;
    this.rawDelete(rowid, old);
    this.rawInsert(rowid, newRow);
    undo.push(() => {
      this.rawDelete(rowid, newRow);
      this.rawInsert(rowid, old);
    });
  }

  private rawInsert(rowid: bigint, row: Row): void {
    this.rows.set(rowid, row);
    for (const ix of this.indexes) ix.add(row, rowid);
    for (const g of this.ginIndexes) g.add(row, rowid);
  }

  private rawDelete(rowid: bigint, row: Row): void {
    this.rows.delete(rowid);
    for (const ix of this.indexes) ix.remove(row, rowid);
    for (const g of this.ginIndexes) g.remove(row, rowid);
  }

  /** Rebuilds every index from the rows (after restore or ALTER). */
  rebuildIndexes(): void {
    for (const ix of this.indexes) ix.clear();
    for (const g of this.ginIndexes) g.clear();
    for (const [rowid, row] of this.rows.entries()) {
      for (const ix of this.indexes) ix.add(row, rowid);
      for (const g of this.ginIndexes) g.add(row, rowid);
    }
  }

  /** Position of a column by name (case-insensitive), or -1. */
  columnIndex(name: string): number {
    const l = name.toLowerCase();
    const cols = this.schema.columns;
    for (let i = 0; i < cols.length; i++) {
      if (cols[i].name.toLowerCase() === l) return i;
    }
    return -1;
  }
}
