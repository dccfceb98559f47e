/**
 * Binding of a parsed write statement and its parameters into the
 * replicated command that a batch carries.
 *
 * @module
 */
import type { Expr, Statement } from "./parse/ast.ts";
import {
  bindStatement,
  type PlainValue,
  type ReplicatedCommand,
} from "./commands.ts";
import { SqlUsageError } from "./errors.ts";
import type { Value } from "./value.ts";

/**
 * The replicated command for a write statement with its parameters bound,
 * or null for statements that are not writes (reads, transaction control).
 *
 * @example
 * ```ts
 * import { parse } from "./parse/mod.ts";
 * const [stmt] = parse("INSERT INTO t VALUES (1, ?)");
 * commandFor(stmt, ["x"]); // { op: "insertRows", table: "t", columns: null, rows: [[1n, "x"]] }
 * ```
 */
export function commandFor(
  stmt: Statement,
  params: readonly Value[],
): ReplicatedCommand | null {
  switch (stmt.kind) {
    case "create_table":
      return { op: "createTable", stmt: bindStatement(stmt, params) };
    case "drop_table":
      return { op: "dropTable", name: stmt.name, ifExists: stmt.ifExists };
    case "alter_table":
      return { op: "alterTable", stmt: bindStatement(stmt, params) };
    case "create_index":
      return { op: "createIndex", stmt: bindStatement(stmt, params) };
    case "drop_index":
      return { op: "dropIndex", name: stmt.name, ifExists: stmt.ifExists };
    case "create_view":
      return { op: "createView", stmt: bindStatement(stmt, params) };
    case "drop_view":
      return { op: "dropView", name: stmt.name, ifExists: stmt.ifExists };
    case "insert": {
      if (stmt.returning || stmt.with) {
        throw new SqlUsageError(
          "RETURNING and WITH on INSERT are not supported",
        );
      }
      const src = stmt.source;
      if (src.kind === "values") {
        const rows = literalRows(src.rows, params);
        if (rows) {
          const cmd: ReplicatedCommand = {
            op: "insertRows",
            table: stmt.table,
            columns: stmt.columns ? [...stmt.columns] : null,
            rows,
          };
          if (stmt.or) cmd.or = stmt.or;
          return cmd;
        }
      }
      return { op: "insert", stmt: bindStatement(stmt, params) };
    }
    case "update":
      if (stmt.returning || stmt.with) {
        throw new SqlUsageError(
          "RETURNING and WITH on UPDATE are not supported",
        );
      }
      return { op: "update", stmt: bindStatement(stmt, params) };
    case "delete":
      if (stmt.returning || stmt.with) {
        throw new SqlUsageError(
          "RETURNING and WITH on DELETE are not supported",
        );
      }
      return { op: "delete", stmt: bindStatement(stmt, params) };
    default:
      return null;
  }
}

function literalRows(
  rows: readonly (readonly Expr[])[],
  params: readonly Value[],
): PlainValue[][] | null {
  const out: PlainValue[][] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const vals: PlainValue[] = new Array(r.length);
    for (let j = 0; j < r.length; j++) {
      const e = r[j];
      let v: Value;
      if (e.kind === "literal") v = e.value;
      else if (e.kind === "param") {
        if (e.index - 1 >= params.length) {
          throw new SqlUsageError(`missing value for parameter ?${e.index}`);
        }
        v = params[e.index - 1];
      } else if (
        e.kind === "unary" && e.op === "-" && e.operand.kind === "literal" &&
        typeof e.operand.value === "bigint"
      ) {
        v = -e.operand.value;
        if (v < -9223372036854775808n) return null;
      } else if (
        e.kind === "unary" && e.op === "-" && e.operand.kind === "literal" &&
        typeof e.operand.value === "number"
      ) {
        v = -e.operand.value;
      } else return null;
      if (v !== null && typeof v === "object") return null;
      vals[j] = v;
    }
    out[i] = vals;
  }
  return out;
}
