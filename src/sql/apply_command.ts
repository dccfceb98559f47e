/**
 * Applies one replicated command to a catalog.
 *
 * @module
 */
import type { ReplicatedCommand } from "./commands.ts";
import type { CommandResult } from "./outcome.ts";
import type { Catalog } from "./storage/catalog.ts";
import {
  alterTable,
  createIndex,
  createTable,
  createView,
  dropIndex,
  dropTable,
  dropView,
} from "./exec/ddl.ts";
import {
  deleteStatement,
  insertRows,
  insertStatement,
  updateStatement,
} from "./exec/dml.ts";
import type { RunCtx } from "./exec/scope.ts";

/**
 * Runs `cmd` against `catalog`, recording undo entries in `catalog.undo`.
 * Throws on any error; the caller rolls back.
 *
 * @example
 * ```ts
 * // applyCommand({ op: "dropTable", name: "t", ifExists: true }, catalog, ctx)
 * ```
 */
export function applyCommand(
  cmd: ReplicatedCommand,
  catalog: Catalog,
  ctx: RunCtx,
): CommandResult {
  const none: CommandResult = { rowsAffected: 0, lastInsertId: null };
  switch (cmd.op) {
    case "createTable":
      return {
        rowsAffected: createTable(cmd.stmt, catalog, ctx),
        lastInsertId: null,
      };
    case "dropTable":
      dropTable(cmd.name, cmd.ifExists, catalog);
      return none;
    case "alterTable":
      alterTable(cmd.stmt, catalog, ctx);
      return none;
    case "createIndex":
      createIndex(cmd.stmt, catalog);
      return none;
    case "dropIndex":
      dropIndex(cmd.name, cmd.ifExists, catalog);
      return none;
    case "createView":
      createView(cmd.stmt, catalog);
      return none;
    case "dropView":
      dropView(cmd.name, cmd.ifExists, catalog);
      return none;
    case "insertRows":
      return insertRows(
        catalog.table(cmd.table),
        cmd.columns,
        cmd.rows,
        catalog,
        ctx,
        { or: cmd.or },
      );
    case "insert":
      return insertStatement(cmd.stmt, catalog, ctx);
    case "update":
      return updateStatement(cmd.stmt, catalog, ctx);
    case "delete":
      return deleteStatement(cmd.stmt, catalog, ctx);
    default:
      throw new TypeError(`unknown command ${(cmd as { op: string }).op}`);
  }
}
