/**
 * The database state: tables, indexes and views by name (case-insensitive),
 * plus the undo log that makes statements and batches atomic.
 *
 * @module
 */
import { UnknownTableError } from "../errors.ts";
import type { Table, UndoLog } from "./table.ts";
import type { ViewSchema } from "./schema.ts";

/**
 * Everything a query can see; mutated only through apply.
 *
 * @example
 * ```ts
 * const c = new Catalog();
 * c.findTable("t"); // undefined
 * ```
 */
export class Catalog {
  /** Tables by lower-cased name, in creation order. */
  readonly tables: Map<string, Table> = new Map();
  /** Views by lower-cased name, in creation order. */
  readonly views: Map<string, ViewSchema> = new Map();
  /** Index name (lower-cased) -> owning table name (lower-cased). */
  readonly indexOwners: Map<string, string> = new Map();
  /** Undo records of the statement/batch being applied. */
  undo: UndoLog = [];
  /** Bumped on every schema change, so cached plans know to recompile. */
  schemaVersion = 0;

  /** The table named `name`, or undefined. */
  findTable(name: string): Table | undefined {
    return this.tables.get(name.toLowerCase());
  }

  /** The table named `name`; throws {@linkcode UnknownTableError}. */
  table(name: string): Table {
    const t = this.tables.get(name.toLowerCase());
    if (!t) throw new UnknownTableError(name);
    return t;
  }

  /** Rolls back undo records down to `mark`. */
  rollbackTo(mark: number): void {
    const u = this.undo;
    if (u.length <= mark) return;
    while (u.length > mark) u.pop()!();
    // Undone DDL must not leave compiled plans pointing at dropped objects.
    this.schemaVersion++;
  }

  /** Records a schema change (and its undo). */
  touchSchema(): void {
    this.schemaVersion++;
  }
}
