/**
 * ReefDB: an embeddable-yet-distributed SQL database for Deno.
 *
 * @example
 * ```ts
 * import { open } from "./mod.ts";
 * await using db = await open();
 * await db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)");
 * ```
 *
 * @module
 */
export * from "./src/api/mod.ts";
export { open, type OpenOptions } from "./src/embedded/mod.ts";
export {
  ConstraintError,
  type ConstraintKind,
  SnapshotCorruptError,
  SqlError,
  SqlSyntaxError,
  SqlUsageError,
  TransactionError,
  TypeMismatchError,
  UnknownColumnError,
  UnknownTableError,
} from "./src/sql/mod.ts";
