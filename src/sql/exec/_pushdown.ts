/**
 * Predicate pushdown for a FROM plan: places each WHERE/ON conjunct at the
 * lowest join level where it is correct, then picks per level an access
 * path or a hash join.
 *
 * @module
 */
import type { Expr } from "../parse/ast.ts";
import { formatExpr } from "../parse/mod.ts";
import { parseNumericText, type Value, valueToText } from "../value.ts";
import { chooseAccessPath } from "./access_path.ts";
import { affinityOf, type CompileEnv, compileExpr } from "./compile_expr.ts";
import { hasSubquery, walkExpr } from "./expr_util.ts";
import type { Scope } from "./scope.ts";
import type { FromPlan, Level, PlanFromOptions } from "./from_plan.ts";
import { runPlan } from "./_run_plan.ts";

function levelOfIndex(levels: Level[], index: number): number {
  for (let i = levels.length - 1; i >= 0; i--) {
    if (index >= levels[i].src.offset) return i;
  }
  return 0;
}

/** Levels an expression references (-1 when it has a subquery: treat as "all"). */
function refLevels(e: Expr, levels: Level[], scope: Scope): Set<number> | null {
  if (hasSubquery(e)) return null;
  const out = new Set<number>();
  walkExpr(e, (x) => {
    if (x.kind !== "column") return;
    const r = scope.resolve(x.table, x.name);
    if (r.depth === 0) out.add(levelOfIndex(levels, r.index));
  });
  return out;
}

function maxOf(s: Set<number> | null, all: number): number {
  if (s === null) return all;
  let m = 0;
  for (const v of s) if (v > m) m = v;
  return m;
}

export function finishPlan(
  levels: Level[],
  where: Expr[],
  options: PlanFromOptions,
): FromPlan {
  const { env } = options;
  const scope = env.scope;
  const last = Math.max(0, levels.length - 1);
  const rightFullBefore = (k: number) => {
    let r = 0;
    for (let i = 1; i <= k && i < levels.length; i++) {
      if (levels[i].type === "RIGHT" || levels[i].type === "FULL") r = i;
    }
    return r;
  };
  const lastRightFull = rightFullBefore(last);
  const placed: Expr[][] = levels.map(() => []);
  const place = (e: Expr, floor: number) => {
    const refs = refLevels(e, levels, scope);
    const k = Math.max(maxOf(refs, last), floor);
    if (levels.length === 0) return;
    placed[Math.min(k, last)].push(e);
  };
  for (let k = 0; k < levels.length; k++) {
    const lv = levels[k];
    if (lv.type === "INNER" || lv.type === "CROSS") {
      for (const e of lv.on) place(e, rightFullBefore(k));
    } else {
      lv.matchExprs.push(...lv.on);
    }
  }
  const constWhere: Expr[] = [];
  for (const e of where) {
    if (levels.length === 0) constWhere.push(e);
    else place(e, lastRightFull);
  }
  for (let k = 0; k < levels.length; k++) {
    const lv = levels[k];
    if (lv.type === "INNER" || lv.type === "CROSS") {
      lv.matchExprs.push(...placed[k]);
    } else lv.postExprs.push(...placed[k]);
  }
  // Compile predicates and choose access paths / join methods.
  const refsLevel = (k: number) => (e: Expr) => {
    const r = refLevels(e, levels, scope);
    return r === null || r.has(k);
  };
  const refsLater = (k: number) => (e: Expr) => {
    const r = refLevels(e, levels, scope);
    return r === null || maxOf(r, last) >= k;
  };
  for (let k = 0; k < levels.length; k++) {
    const lv = levels[k];
    lv.match = lv.matchExprs.map((e) => compileExpr(e, env));
    lv.post = lv.postExprs.map((e) => compileExpr(e, env));
    const localExprs = lv.matchExprs.filter((e) => {
      const r = refLevels(e, levels, scope);
      return r !== null && [...r].every((x) => x === k);
    });
    lv.local = lv.type === "RIGHT" || lv.type === "FULL"
      ? []
      : localExprs.map((e) => compileExpr(e, env));
    const name = lv.table ? lv.table.schema.name : "(subquery)";
    const prefix = k === 0
      ? ""
      : lv.type === "INNER" || lv.type === "CROSS"
      ? ""
      : `${lv.type} JOIN `;
    if (lv.table && lv.type !== "RIGHT" && lv.type !== "FULL") {
      const usable = lv.matchExprs.filter((e) => !hasSubquery(e));
      const path = chooseAccessPath(lv.table, {
        alias: lv.src.alias,
        offset: lv.src.offset,
        predicates: usable,
        env,
        refsThis: refsLevel(k),
        refsRow: (e) => {
          const r = refLevels(e, levels, scope);
          return r === null || [...r].some((x) => x < k);
        },
        wantOrder: k === 0 && options.wantOrder
          ? options.wantOrder(lv.src)
          : null,
      });
      lv.access = path;
      if (k > 0 && path.describe.startsWith("SCAN")) {
        lv.hash = findHash(lv, k, levels, env, refsLater);
      }
      lv.describe = prefix +
        (lv.hash ? `HASH JOIN ${name} (${lv.hash.label})` : path.describe);
    } else {
      if (k > 0) lv.hash = findHash(lv, k, levels, env, refsLater);
      const what = lv.table
        ? `SCAN ${name}`
        : `SCAN ${lv.src.alias ? "subquery " + lv.src.alias : "subquery"}`;
      lv.describe = prefix +
        (lv.hash
          ? `HASH JOIN ${lv.table ? name : "subquery"} (${lv.hash.label})`
          : (k > 0 ? "NESTED LOOP " : "") + what);
    }
  }
  const constFilters = constWhere.map((e) => compileExpr(e, env));
  const plan: FromPlan = {
    levels,
    ordered: levels.length === 1 && !!levels[0].access?.ordered &&
        !!levels[0].access.orderIndex ||
      (levels.length === 1 && !!levels[0].access &&
        levels[0].access.describe.startsWith("SCAN") &&
        levels[0].access.orderIndex === null),
    explain: () => levels.map((l) => l.describe),
    run: (ctx, emit) => runPlan(levels, scope.width, constFilters, ctx, emit),
  };
  return plan;
}

function findHash(
  lv: Level,
  k: number,
  levels: Level[],
  env: CompileEnv,
  refsLater: (k: number) => (e: Expr) => boolean,
): Level["hash"] {
  const scope = env.scope;
  for (const e of lv.matchExprs) {
    if (e.kind !== "binary" || e.op !== "=" || hasSubquery(e)) continue;
    const l = refLevels(e.left, levels, scope),
      r = refLevels(e.right, levels, scope);
    if (!l || !r || l.size === 0 || r.size === 0) continue;
    let leftE: Expr, rightE: Expr;
    if ([...r].every((x) => x === k) && !refsLater(k)(e.left)) {
      [leftE, rightE] = [e.left, e.right];
    } else if ([...l].every((x) => x === k) && !refsLater(k)(e.right)) {
      [leftE, rightE] = [e.right, e.left];
    } else continue;
    const la = affinityOf(leftE, env), ra = affinityOf(rightE, env);
    let norm: (v: Value) => Value = (v) => v;
    if (la === "numeric" || ra === "numeric") {
      if (la !== ra) {
        norm = (v) => (typeof v === "string" ? parseNumericText(v) ?? v : v);
      }
    } else if (
      (la === "text" && ra === "none") || (ra === "text" && la === "none")
    ) {
      {
        norm = (
          v,
        ) => (typeof v === "bigint" || typeof v === "number"
          ? valueToText(v)
          : v);
      }
    }
    return {
      left: compileExpr(leftE, env),
      right: compileExpr(rightE, env),
      norm,
      label: `${formatExpr(rightE)}=${formatExpr(leftE)}`,
    };
  }
  return null;
}
