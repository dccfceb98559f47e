/**
 * EXPLAIN: the plan of a SELECT, or of the row scan of an UPDATE or DELETE.
 *
 * @module
 */
import type { ExplainStmt, SelectStmt } from "./parse/ast.ts";
import { Scope } from "./exec/scope.ts";
import { SelectCompiler } from "./exec/select.ts";
import type { Catalog } from "./storage/catalog.ts";
import type { Value } from "./value.ts";

/**
 * The plan lines of an EXPLAIN statement, one per row of a `plan` column.
 *
 * @example
 * ```ts
 * import { parse } from "./parse/mod.ts";
 * import { Catalog } from "./storage/catalog.ts";
 * const [stmt] = parse("EXPLAIN CREATE TABLE t (a INT)");
 * if (stmt.kind === "explain") explainPlan(new Catalog(), stmt); // rows: [["CREATE TABLE"]]
 * ```
 */
export function explainPlan(
  catalog: Catalog,
  stmt: ExplainStmt,
): { columns: string[]; rows: Value[][] } {
  const inner = stmt.statement;
  let select: SelectStmt | null = null;
  if (inner.kind === "select") select = inner;
  else if (inner.kind === "update" || inner.kind === "delete") {
    select = {
      kind: "select",
      pos: inner.pos,
      orderBy: [],
      body: {
        kind: "select_core",
        pos: inner.pos,
        distinct: false,
        columns: [{
          pos: inner.pos,
          expr: { kind: "star", pos: inner.pos },
          text: "*",
        }],
        from: {
          kind: "table",
          pos: inner.pos,
          name: inner.table,
          alias: inner.alias,
        },
        where: inner.where,
        groupBy: [],
      },
    };
  }
  if (!select) {
    return {
      columns: ["plan"],
      rows: [[`${inner.kind.toUpperCase().replace("_", " ")}`]],
    };
  }
  const q = new SelectCompiler(catalog).compile(select, new Scope(null));
  return { columns: ["plan"], rows: q.explain().map((l) => [l]) };
}
