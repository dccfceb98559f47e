/**
 * Snapshots of the state machine: {@linkcode SnapshotMeta} and
 * {@linkcode SnapshotData}. Taking one is cheap (row trees are cloned
 * copy-on-write), so it can be encoded while writes go on.
 *
 * @module
 */
import type { CommandId } from "./commands.ts";
import type { BatchOutcome } from "./outcome.ts";
import { BTreeIndex } from "./storage/btree_index.ts";
import { Catalog } from "./storage/catalog.ts";
import { GinColumnIndex } from "./storage/gin_column_index.ts";
import type { IndexSchema, TableSchema, ViewSchema } from "./storage/schema.ts";
import { Table } from "./storage/table.ts";
import type { BTree } from "./storage/_btree.ts";
import type { Row } from "./value.ts";
import { repositionIndexes } from "./exec/ddl.ts";

/**
 * Describes a snapshot.
 *
 * @example
 * ```ts
 * const m: SnapshotMeta = { format: 1, lastAppliedCommand: null, appliedBatches: 0n, tableCount: 0, rowCount: 0 };
 * ```
 */
export interface SnapshotMeta {
  /** Format version of the encoding. */
  format: number;
  /** Id of the last batch applied before the snapshot. */
  lastAppliedCommand: CommandId | null;
  /** Number of batches applied before the snapshot. */
  appliedBatches: bigint;
  /** Number of tables and rows, for progress reporting. */
  tableCount: number;
  rowCount: number;
}

/**
 * One table in a snapshot.
 *
 * @example
 * ```ts
 * // const t: TableData = db.snapshot().data.tables[0];
 * ```
 */
export interface TableData {
  schema: TableSchema;
  nextRowId: bigint;
  /** Every index (constraint ones too), in creation order. */
  indexes: IndexSchema[];
  rows: BTree<bigint, Row>;
}

/**
 * One session's idempotency state.
 *
 * @example
 * ```ts
 * const s: SessionData = { session: 1n, maxSeq: 2n, outcomes: [] };
 * ```
 */
export interface SessionData {
  session: bigint;
  maxSeq: bigint;
  outcomes: [bigint, BatchOutcome][];
}

/**
 * The state in a snapshot.
 *
 * @example
 * ```ts
 * // const { data }: { data: SnapshotData } = db.snapshot();
 * ```
 */
export interface SnapshotData {
  tables: TableData[];
  views: ViewSchema[];
  sessions: SessionData[];
}

/**
 * Something that can be snapshotted and restored (the state machine).
 *
 * @example
 * ```ts
 * // const p: SnapshotProvider = new ReefDB();
 * // const { meta, data } = p.snapshot(); other.restore(meta, data);
 * ```
 */
export interface SnapshotProvider {
  snapshot(): { meta: SnapshotMeta; data: SnapshotData };
  restore(meta: SnapshotMeta, data: SnapshotData): void;
}

/**
 * The fields of ReefDB that snapshots read and write.
 *
 * @example
 * ```ts
 * // const target: SnapshotTarget = new ReefDB();
 * ```
 */
export interface SnapshotTarget {
  catalog: Catalog;
  sessions: Map<
    bigint,
    { maxSeq: bigint; outcomes: Map<number, BatchOutcome> }
  >;
  lastAppliedCommand: CommandId | null;
  appliedBatches: bigint;
}

/**
 * Captures the state.
 *
 * @example
 * ```ts
 * // const { meta, data } = takeSnapshot(db);
 * ```
 */
export function takeSnapshot(
  db: SnapshotTarget,
): { meta: SnapshotMeta; data: SnapshotData } {
  const tables: TableData[] = [];
  let rowCount = 0;
  for (const t of db.catalog.tables.values()) {
    // Index order matters for byte-identical output: B-tree then GIN, each
    // in creation order.
    const indexes = [
      ...t.indexes.map((i) => i.schema),
      ...t.ginIndexes.map((g) => g.schema),
    ];
    tables.push({
      schema: t.schema,
      nextRowId: t.nextRowId,
      indexes,
      rows: t.rows.clone(),
    });
    rowCount += t.rows.size;
  }
  const sessions: SessionData[] = [...db.sessions.entries()].map((
    [session, r],
  ) => ({
    session,
    maxSeq: r.maxSeq,
    outcomes: [...r.outcomes.entries()].map(([k, o]) =>
      [BigInt(k), o] as [bigint, BatchOutcome]
    ),
  }));
  return {
    meta: {
      format: 1,
      lastAppliedCommand: db.lastAppliedCommand,
      appliedBatches: db.appliedBatches,
      tableCount: tables.length,
      rowCount,
    },
    data: { tables, views: [...db.catalog.views.values()], sessions },
  };
}

/**
 * Replaces the state with a snapshot's, rebuilding every index.
 *
 * @example
 * ```ts
 * // restoreSnapshot(db, meta, data);
 * ```
 */
export function restoreSnapshot(
  db: SnapshotTarget,
  meta: SnapshotMeta,
  data: SnapshotData,
): void {
  const catalog = new Catalog();
  for (const td of data.tables) {
    const table = new Table(td.schema);
    table.rows = td.rows.clone();
    table.nextRowId = td.nextRowId;
    for (const ix of td.indexes) {
      if (ix.kind === "gin") {
        table.ginIndexes.push(new GinColumnIndex(ix, -1, "english"));
      } else table.indexes.push(new BTreeIndex(ix, []));
      catalog.indexOwners.set(
        ix.name.toLowerCase(),
        td.schema.name.toLowerCase(),
      );
    }
    repositionIndexes(table);
    table.rebuildIndexes();
    catalog.tables.set(td.schema.name.toLowerCase(), table);
  }
  for (const v of data.views) catalog.views.set(v.name.toLowerCase(), v);
  catalog.schemaVersion = db.catalog.schemaVersion + 1;
  const sessions = new Map<
    bigint,
    { maxSeq: bigint; outcomes: Map<number, BatchOutcome> }
  >();
  for (const s of data.sessions) {
    sessions.set(s.session, {
      maxSeq: s.maxSeq,
      outcomes: new Map(s.outcomes.map(([k, o]) => [Number(k), o])),
    });
  }
  db.catalog = catalog;
  db.sessions = sessions;
  db.lastAppliedCommand = meta.lastAppliedCommand;
  db.appliedBatches = meta.appliedBatches;
}
