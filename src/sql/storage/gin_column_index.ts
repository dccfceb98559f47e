/**
 * A GIN (inverted) index over one column: a TSVECTOR column directly, or a
 * TEXT column through `to_tsvector(config, text)`.
 *
 * @module
 */
import { GinIndex, toTsvector, type TsVector } from "../fts/mod.ts";
import { isTsVector, type Row } from "../value.ts";
import type { IndexSchema } from "./schema.ts";

/**
 * Keeps a {@linkcode GinIndex} in step with one column of a table.
 *
 * @example
 * ```ts
 * const g = new GinColumnIndex({ name: "g", table: "t", columns: [{ name: "body", desc: false }], unique: false, kind: "gin", auto: false }, 0, "english");
 * g.add(["the cat sat"], 1n);
 * ```
 */
export class GinColumnIndex {
  readonly schema: IndexSchema;
  column: number;
  /** Text search configuration used for TEXT columns. */
  readonly config: string;
  readonly gin: GinIndex = new GinIndex();
  /**
   * Vectors of TEXT rows by row object (rows are never mutated in place),
   * so `col @@ query` need not re-tokenise a candidate row.
   */
  readonly textVectors: WeakMap<Row, TsVector> = new WeakMap();
  /**
   * Indexed rows by row id, so a search fetches its candidates by hash
   * instead of walking the table's B-tree once per candidate. Ids within
   * ±(2^53 - 1) are keyed as numbers: hashing a bigint is several times
   * slower than hashing a small number.
   */
  readonly rowsByNumber: Map<number, Row> = new Map();
  /** Rows whose id is outside the range of {@linkcode rowsByNumber}. */
  readonly rowsByBigint: Map<bigint, Row> = new Map();

  constructor(schema: IndexSchema, column: number, config: string) {
    this.schema = schema;
    this.column = column;
    this.config = config;
  }

  /** The vector the index holds for a row, or null for NULL/non-text. */
  vectorOf(row: Row): TsVector | null {
    const v = row[this.column];
    if (v === null || v === undefined) return null;
    if (isTsVector(v)) return v as TsVector;
    if (typeof v === "string") return toTsvector(v, this.config);
    return null;
  }

  /** Adds a row. */
  add(row: Row, rowid: bigint): void {
    const v = this.vectorOf(row);
    if (!v) return;
    this.gin.add(rowid, v);
    if (isSafeId(rowid)) this.rowsByNumber.set(Number(rowid), row);
    else this.rowsByBigint.set(rowid, row);
    if (typeof row[this.column] === "string") this.textVectors.set(row, v);
  }

  /** Removes a row. */
  remove(row: Row, rowid: bigint): void {
    const v = this.textVectors.get(row) ?? this.vectorOf(row);
    if (v) this.gin.remove(rowid, v);
    if (isSafeId(rowid)) this.rowsByNumber.delete(Number(rowid));
    else this.rowsByBigint.delete(rowid);
  }

  /** The indexed row with id `rowid`, if any. */
  rowOf(rowid: bigint): Row | undefined {
    return isSafeId(rowid)
      ? this.rowsByNumber.get(Number(rowid))
      : this.rowsByBigint.get(rowid);
  }

  /** Removes everything. */
  clear(): void {
    this.gin.clear();
    this.rowsByNumber.clear();
    this.rowsByBigint.clear();
  }
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function isSafeId(id: bigint): boolean {
  return id <= SAFE && id >= -SAFE;
}
