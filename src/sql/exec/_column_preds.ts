/**
 * Turns a table's WHERE conjuncts into per-column predicates
 * (`column OP expr`) that the access path chooser can use.
 *
 * @module
 */
import type { Expr } from "../parse/ast.ts";
import type { Table } from "../storage/table.ts";
import {
  parseNumericText,
  type Row,
  type Value,
  valueToText,
} from "../value.ts";
import { verifiedRowKey } from "./compile_fts.ts";
import { affinityOf, type CompileEnv, compileExpr } from "./compile_expr.ts";
import type { Fn, RunCtx } from "./scope.ts";
import { type AccessOptions, ginTargetOf } from "./access_path.ts";

/** A predicate on one column of the table, with the other side compiled. */
export interface ColumnPred {
  column: number;
  op: "=" | "<" | "<=" | ">" | ">=" | "in" | "@@";
  values: Fn[];
  /** SQL text of the other side, for EXPLAIN. */
  label: string;
  /** For `@@`: where to mark rows the index proved to match. */
  verifiedKey?: object;
}

function colOf(e: Expr, o: AccessOptions, table: Table): number {
  if (e.kind !== "column") return -1;
  if (e.table !== undefined && e.table.toLowerCase() !== o.alias) return -1;
  try {
    const r = o.env.scope.resolve(e.table, e.name);
    if (r.depth !== 0 || r.source.table !== table) return -1;
    if (r.source.offset !== o.offset) return -1;
    return r.index - o.offset;
  } catch {
    return -1;
  }
}

const FLIP: Record<string, ColumnPred["op"]> = {
  "=": "=",
  "<": ">",
  "<=": ">=",
  ">": "<",
  ">=": "<=",
};

function keyConverter(
  table: Table,
  column: number,
  other: Expr,
  env: CompileEnv,
): (v: Value) => Value {
  const tc = table.schema.columns[column].typeClass;
  const numeric = tc === "integer" || tc === "real" || tc === "numeric" ||
    tc === "boolean";
  const text = tc === "text" || tc === "date" || tc === "timestamp";
  const oa = affinityOf(other, env);
  if (numeric && oa !== "numeric") {
    return (v) => (typeof v === "string" ? parseNumericText(v) ?? v : v);
  }
  if (text && oa === "none") {
    return (
      v,
    ) => (typeof v === "bigint" || typeof v === "number" ? valueToText(v) : v);
  }
  return (v) => v;
}

export function extract(table: Table, o: AccessOptions): ColumnPred[] {
  const out: ColumnPred[] = [];
  for (const p of o.predicates) {
    if (p.kind === "binary" && p.op in FLIP) {
      let c = colOf(p.left, o, table),
        other = p.right,
        op = p.op as ColumnPred["op"];
      if (c < 0 || o.refsThis(other)) {
        c = colOf(p.right, o, table);
        other = p.left;
        op = FLIP[p.op];
        if (c < 0 || o.refsThis(other)) continue;
      }
      const f = compileExpr(other, o.env);
      const conv = keyConverter(table, c, other, o.env);
      out.push({
        column: c,
        op,
        values: [(r, x) => conv(f(r, x))],
        label: "?",
      });
    } else if (p.kind === "between" && !p.not) {
      const c = colOf(p.expr, o, table);
      if (c < 0 || o.refsThis(p.low) || o.refsThis(p.high)) continue;
      const lo = compileExpr(p.low, o.env), hi = compileExpr(p.high, o.env);
      const cl = keyConverter(table, c, p.low, o.env),
        ch = keyConverter(table, c, p.high, o.env);
      out.push({
        column: c,
        op: ">=",
        values: [(r, x) => cl(lo(r, x))],
        label: "?",
      });
      out.push({
        column: c,
        op: "<=",
        values: [(r, x) => ch(hi(r, x))],
        label: "?",
      });
    } else if (p.kind === "in_list" && !p.not) {
      const c = colOf(p.expr, o, table);
      if (c < 0 || p.list.some((x) => o.refsThis(x))) continue;
      const vals = p.list.map((x) => {
        const f = compileExpr(x, o.env),
          conv = keyConverter(table, c, x, o.env);
        return (r: Row, cx: RunCtx) => conv(f(r, cx));
      });
      out.push({ column: c, op: "in", values: vals, label: "?" });
    } else if (p.kind === "binary" && p.op === "@@") {
      // Either side may be the document: a column, or to_tsvector(column)
      // with the index's configuration.
      for (const [doc, query] of [[p.left, p.right], [p.right, p.left]]) {
        const target = ginTargetOf(doc);
        if (!target) continue;
        const c = colOf(target.column, o, table);
        if (c < 0 || o.refsThis(query)) continue;
        if (
          target.viaFunction && table.schema.columns[c].typeClass === "tsvector"
        ) continue;
        out.push({
          column: c,
          op: "@@",
          values: [compileExpr(query, o.env)],
          label: "?",
          verifiedKey: verifiedRowKey(o.env, p),
        });
        break;
      }
    }
  }
  return out;
}
