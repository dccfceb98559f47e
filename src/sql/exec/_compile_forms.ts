/**
 * IN lists, CASE and LIKE/GLOB for the expression compiler.
 *
 * @module
 */
import type { Expr } from "../parse/ast.ts";
import {
  compareValues,
  keyOf,
  truthOf,
  type Value,
  valueToText,
} from "../value.ts";
import type { Fn } from "./scope.ts";
import {
  asciiLikePrefix,
  globToRegExp,
  hasAsciiPrefix,
  likeToRegExp,
} from "./like.ts";
import {
  comparableOperands,
  formatVec,
  numericAff,
  textAff,
} from "./_compile_binary.ts";
import {
  affinityOf,
  type CompileEnv,
  compileExpr,
  FALSE,
  TRUE,
} from "./compile_expr.ts";

export function compileInList(
  x: Expr,
  list: readonly Expr[],
  not: boolean,
  env: CompileEnv,
): Fn {
  const xf = compileExpr(x, env);
  // An empty list never matches, even for NULL (SQLite).
  if (list.length === 0) return not ? () => TRUE : () => FALSE;
  const ax = affinityOf(x, env);
  const allConst = list.every((e) =>
    e.kind === "literal" || e.kind === "param"
  );
  if (allConst && list.every((e) => e.kind === "literal")) {
    const set = new Set<string>();
    let hasNull = false;
    for (const e of list) {
      let v = (e as { value: Value }).value;
      if (v === null) {
        hasNull = true;
        continue;
      }
      if (ax === "numeric") v = numericAff(v);
      else if (ax === "text") v = textAff(v);
      set.add(keyOf(v));
    }
    return (r, c) => {
      const v = xf(r, c);
      if (v === null) return null;
      if (set.has(keyOf(v))) return not ? FALSE : TRUE;
      return hasNull ? null : not ? TRUE : FALSE;
    };
  }
  const items = list.map((e) => {
    // `a IN (x, y)` is `a = +x OR a = +y`: the list items have no affinity.
    const [fa, fb] = comparableOperands(ax, "none");
    return { f: compileExpr(e, env), fa, fb };
  });
  return (r, c) => {
    const v = xf(r, c);
    if (v === null) return null;
    let sawNull = false;
    for (const it of items) {
      let y = it.f(r, c);
      if (y === null) {
        sawNull = true;
        continue;
      }
      if (it.fb) y = it.fb(y);
      if (compareValues(it.fa ? it.fa(v) : v, y) === 0) {
        return not ? FALSE : TRUE;
      }
    }
    return sawNull ? null : not ? TRUE : FALSE;
  };
}

export function compileCase(
  e: Extract<Expr, { kind: "case" }>,
  env: CompileEnv,
): Fn {
  const op = e.operand ? compileExpr(e.operand, env) : null;
  const whens = e.whens.map((w) => ({
    w: compileExpr(w.when, env),
    t: compileExpr(w.then, env),
  }));
  const els = e.else ? compileExpr(e.else, env) : () => null;
  if (op) {
    // `CASE x WHEN y` compares like `x = y`, affinities included.
    const ax = affinityOf(e.operand!, env);
    const convs = e.whens.map((w) =>
      comparableOperands(ax, affinityOf(w.when, env))
    );
    return (r, c) => {
      const v = op(r, c);
      for (let i = 0; i < whens.length; i++) {
        const x = whens[i].w(r, c);
        if (v === null || x === null) continue;
        const [fa, fb] = convs[i];
        if (compareValues(fa ? fa(v) : v, fb ? fb(x) : x) === 0) {
          return whens[i].t(r, c);
        }
      }
      return els(r, c);
    };
  }
  return (r, c) => {
    for (const { w, t } of whens) if (truthOf(w(r, c)) === true) return t(r, c);
    return els(r, c);
  };
}

export function compileLike(
  e: Extract<Expr, { kind: "like" }>,
  env: CompileEnv,
): Fn {
  const x = compileExpr(e.expr, env);
  const p = compileExpr(e.pattern, env);
  const esc = e.escape ? compileExpr(e.escape, env) : null;
  const not = e.not;
  const glob = e.op === "GLOB";
  if (
    !esc && e.pattern.kind === "literal" && typeof e.pattern.value === "string"
  ) {
    const prefix = glob ? null : asciiLikePrefix(e.pattern.value);
    if (prefix !== null) {
      return (r, c) => {
        const v = x(r, c);
        if (v === null) return null;
        const m = hasAsciiPrefix(
          typeof v === "string" ? v : valueToText(v, formatVec)!,
          prefix,
        );
        return (not ? !m : m) ? TRUE : FALSE;
      };
    }
    // A constant pattern compiles to one regular expression.
    const re = glob
      ? globToRegExp(e.pattern.value)
      : likeToRegExp(e.pattern.value);
    return (r, c) => {
      const v = x(r, c);
      if (v === null) return null;
      const m = re.test(typeof v === "string" ? v : valueToText(v, formatVec)!);
      return (not ? !m : m) ? TRUE : FALSE;
    };
  }
  return (r, c) => {
    const v = x(r, c), pat = p(r, c);
    if (v === null || pat === null) return null;
    const escV = esc ? esc(r, c) : undefined;
    if (escV === null) return null;
    const pt = valueToText(pat)!, vt = valueToText(v, formatVec)!;
    const re = glob
      ? globToRegExp(pt)
      : likeToRegExp(pt, escV === undefined ? undefined : valueToText(escV)!);
    const m = re.test(vt);
    return (not ? !m : m) ? TRUE : FALSE;
  };
}
