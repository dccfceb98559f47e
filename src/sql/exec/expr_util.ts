/**
 * Small helpers over expression trees: structural keys, walking, and
 * rewriting.
 *
 * @module
 */
import type { Expr } from "../parse/ast.ts";

/**
 * A string equal for structurally equal expressions (positions and source
 * text ignored; identifiers compared case-insensitively).
 *
 * @example
 * ```ts
 * // exprKey(parse("a+1")) === exprKey(parse("A + 1"))
 * ```
 */
export function exprKey(e: unknown): string {
  return JSON.stringify(e, (k, v) => {
    if (k === "pos" || k === "text" || k === "selectText") return undefined;
    if (typeof v === "bigint") return `${v}n`;
    if ((k === "name" || k === "table") && typeof v === "string") {
      return v.toLowerCase();
    }
    return v;
  });
}

/**
 * Calls `visit` on every expression node under `e` (not descending into
 * subqueries unless `intoSubqueries`).
 *
 * @example
 * ```ts
 * // walkExpr(e, (x) => { if (x.kind === "column") cols.push(x.name); });
 * ```
 */
export function walkExpr(
  e: Expr,
  visit: (e: Expr) => void,
  intoSubqueries = false,
): void {
  visit(e);
  switch (e.kind) {
    case "unary":
      walkExpr(e.operand, visit, intoSubqueries);
      break;
    case "binary":
      walkExpr(e.left, visit, intoSubqueries);
      walkExpr(e.right, visit, intoSubqueries);
      break;
    case "like":
      walkExpr(e.expr, visit, intoSubqueries);
      walkExpr(e.pattern, visit, intoSubqueries);
      if (e.escape) walkExpr(e.escape, visit, intoSubqueries);
      break;
    case "between":
      walkExpr(e.expr, visit, intoSubqueries);
      walkExpr(e.low, visit, intoSubqueries);
      walkExpr(e.high, visit, intoSubqueries);
      break;
    case "in_list":
      walkExpr(e.expr, visit, intoSubqueries);
      for (const x of e.list) walkExpr(x, visit, intoSubqueries);
      break;
    case "in_select":
      walkExpr(e.expr, visit, intoSubqueries);
      break;
    case "is_null":
    case "cast":
    case "collate":
      walkExpr(e.expr, visit, intoSubqueries);
      break;
    case "case":
      if (e.operand) walkExpr(e.operand, visit, intoSubqueries);
      for (const w of e.whens) {
        walkExpr(w.when, visit, intoSubqueries);
        walkExpr(w.then, visit, intoSubqueries);
      }
      if (e.else) walkExpr(e.else, visit, intoSubqueries);
      break;
    case "call":
      for (const a of e.args) walkExpr(a, visit, intoSubqueries);
      break;
    default:
      break;
  }
}

/**
 * True when the expression contains a subquery anywhere.
 *
 * @example
 * ```ts
 * // hasSubquery(parse("a IN (SELECT 1)")) === true
 * ```
 */
export function hasSubquery(e: Expr): boolean {
  let found = false;
  walkExpr(e, (x) => {
    if (
      x.kind === "subquery" || x.kind === "exists" || x.kind === "in_select"
    ) found = true;
  });
  return found;
}

/**
 * Splits a predicate into its AND-ed parts.
 *
 * @example
 * ```ts
 * // conjuncts(parse("a = 1 AND b = 2")).length === 2
 * ```
 */
export function conjuncts(e: Expr | undefined): Expr[] {
  if (!e) return [];
  if (e.kind === "binary" && e.op === "AND") {
    return [...conjuncts(e.left), ...conjuncts(e.right)];
  }
  return [e];
}

/**
 * Rewrites an expression bottom-up (copying only the changed path).
 * `fn` returns a replacement or undefined to keep the node.
 *
 * @example
 * ```ts
 * // mapExpr(e, (x) => x.kind === "param" ? lit(1n) : undefined)
 * ```
 */
export function mapExpr(e: Expr, fn: (e: Expr) => Expr | undefined): Expr {
  // deno-lint-ignore no-explicit-any
  const rec = (x: any): any => {
    if (Array.isArray(x)) return x.map(rec);
    if (x === null || typeof x !== "object") return x;
    if ("kind" in x && typeof x.kind === "string") {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(x)) out[k] = k === "pos" ? x[k] : rec(x[k]);
      const r = fn(out as unknown as Expr);
      return r ?? out;
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x)) out[k] = rec(x[k]);
    return out;
  };
  return rec(e);
}
