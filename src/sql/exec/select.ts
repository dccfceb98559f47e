/**
 * SELECT compilation: FROM/WHERE through the join planner, then grouping
 * and aggregates, projection, DISTINCT, ORDER BY (or an index that already
 * yields the order), LIMIT/OFFSET, compound operators and VALUES. One
 * SELECT core is compiled in _select_core.ts; ordering helpers are in
 * _ordering.ts and select-list helpers in _select_terms.ts.
 *
 * @module
 */
import type { Expr, SelectBody, SelectStmt } from "../parse/ast.ts";
import { SqlUsageError } from "../errors.ts";
import type { Catalog } from "../storage/catalog.ts";
import { keyOf, type Row } from "../value.ts";
import { type CompileEnv, compileExpr } from "./compile_expr.ts";
import type { SourceQuery } from "./from_plan.ts";
import { Scope } from "./scope.ts";
import { compareRows, limits, sortComparator } from "./_ordering.ts";
import { firstCoreOf, rankStats, resolveOutputTerm } from "./_select_terms.ts";
import { compileCore } from "./_select_core.ts";

/**
 * A compiled query.
 *
 * @example
 * ```ts
 * // const q: CompiledQuery = new SelectCompiler(catalog).compile(stmt, null); q.explain();
 * ```
 */
export interface CompiledQuery extends SourceQuery {
  /** EXPLAIN lines. */
  explain(): string[];
  /** True when it reads columns of an enclosing query. */
  correlated: boolean;
}

/**
 * Common table expressions visible while compiling.
 *
 * @example
 * ```ts
 * const m: CteMap = new Map();
 * ```
 */
export type CteMap = Map<
  string,
  { select: SelectStmt; columns: string[] | null }
>;

/**
 * Compiles SELECT statements against a catalog.
 *
 * @example
 * ```ts
 * // const q = new SelectCompiler(catalog).compile(parseOne("SELECT 1"), null);
 * // q.run(ctx, (row) => console.log(row));
 * ```
 */
export class SelectCompiler {
  readonly catalog: Catalog;
  ctes: CteMap = new Map();

  constructor(catalog: Catalog) {
    this.catalog = catalog;
  }

  /** An environment for expressions over `scope`. */
  env(scope: Scope): CompileEnv {
    return {
      scope,
      catalog: this.catalog,
      agg: null,
      compileSubquery: (select, sc) => this.compile(select, new Scope(sc)),
      rankStats: (e, sc) => rankStats(e, sc),
    };
  }

  /** Compiles `stmt` with `scope` as its own (fresh) scope. */
  compile(stmt: SelectStmt, scope: Scope | null): CompiledQuery {
    // Views that (after DROP/CREATE) refer to each other, or absurdly deep
    // nesting, must fail as SQL errors, not overflow the stack.
    if (++this.depth > 60) {
      this.depth = 0;
      throw new SqlUsageError(
        "views or subqueries nested too deeply (or a view refers to itself)",
      );
    }
    try {
      return this.compileWith(stmt, scope);
    } finally {
      if (this.depth > 0) this.depth--;
    }
  }

  private depth = 0;

  private compileWith(stmt: SelectStmt, scope: Scope | null): CompiledQuery {
    const own = scope ?? new Scope(null);
    const savedCtes = this.ctes;
    if (stmt.with) {
      this.ctes = new Map(this.ctes);
      for (const c of stmt.with.ctes) {
        if (stmt.with.recursive) {
          throw new SqlUsageError(
            "recursive common table expressions are not supported",
          );
        }
        this.ctes.set(c.name.toLowerCase(), {
          select: c.select,
          columns: c.columns ? [...c.columns] : null,
        });
      }
    }
    try {
      return this.compileStmt(stmt, own);
    } finally {
      this.ctes = savedCtes;
    }
  }

  private compileStmt(stmt: SelectStmt, scope: Scope): CompiledQuery {
    const body = stmt.body;
    if (body.kind === "select_core") {
      return compileCore(this, body, stmt, scope);
    }
    const inner = this.compileBody(body, scope);
    return this.finishOrdered(inner, stmt, scope);
  }

  private compileBody(body: SelectBody, scope: Scope): CompiledQuery {
    switch (body.kind) {
      case "select_core":
        return compileCore(this, body, null, new Scope(scope.parent));
      case "values":
        return this.compileValues(body.rows, scope);
      case "compound":
        return this.compileCompound(
          body.op,
          this.compileBody(body.left, scope),
          this.compileBody(body.right, scope),
        );
    }
  }

  private compileValues(
    rows: readonly (readonly Expr[])[],
    scope: Scope,
  ): CompiledQuery {
    const env = this.env(scope);
    const fns = rows.map((r) => r.map((e) => compileExpr(e, env)));
    const n = rows[0]?.length ?? 0;
    return {
      columns: Array.from({ length: n }, (_, i) => `column${i + 1}`),
      columnTypes: Array.from({ length: n }, () => null),
      correlated: scope.correlated,
      explain: () => ["SCAN CONSTANT ROW"],
      run(ctx, emit) {
        const empty: Row = [];
        for (const r of fns) {
          if (emit(r.map((f) => f(empty, ctx))) === false) return;
        }
      },
    };
  }

  private compileCompound(
    op: string,
    left: CompiledQuery,
    right: CompiledQuery,
  ): CompiledQuery {
    if (left.columns.length !== right.columns.length) {
      throw new SqlUsageError(
        `SELECTs to the left and right of ${op} do not have the same number of result columns`,
      );
    }
    const rowKey = (r: Row) => r.map(keyOf).join("\u0001");
    return {
      columns: left.columns,
      columnTypes: left.columnTypes,
      correlated: left.correlated || right.correlated,
      explain: () => [
        "COMPOUND QUERY",
        ...left.explain().map((l) => "  " + l),
        `${op}`,
        ...right.explain().map((l) => "  " + l),
      ],
      run(ctx, emit) {
        if (op === "UNION ALL") {
          let stop = false;
          left.run(ctx, (r) => {
            if (emit(r) === false) stop = true;
            return !stop;
          });
          if (!stop) right.run(ctx, emit);
          return;
        }
        const seen = new Map<string, Row>();
        if (op === "UNION") {
          const add = (r: Row) => {
            const k = rowKey(r);
            if (!seen.has(k)) seen.set(k, r.slice());
          };
          left.run(ctx, add);
          right.run(ctx, add);
        } else {
          const rightKeys = new Set<string>();
          right.run(ctx, (r) => void rightKeys.add(rowKey(r)));
          left.run(ctx, (r) => {
            const k = rowKey(r);
            if (seen.has(k)) return;
            if ((op === "INTERSECT") === rightKeys.has(k)) {
              seen.set(k, r.slice());
            }
          });
        }
        // Set operations return rows in sorted order, as SQLite does.
        const rows = [...seen.values()].sort(compareRows);
        for (const r of rows) if (emit(r) === false) return;
      },
    };
  }

  /** ORDER BY / LIMIT over a compound or VALUES body. */
  private finishOrdered(
    inner: CompiledQuery,
    stmt: SelectStmt,
    scope: Scope,
  ): CompiledQuery {
    const env = this.env(new Scope(scope.parent));
    const firstCore = firstCoreOf(stmt.body);
    const keys = stmt.orderBy.map((t) => {
      const idx = resolveOutputTerm(t, inner.columns, firstCore?.columns ?? []);
      if (idx < 0) {
        throw new SqlUsageError(
          `ORDER BY term does not match any column in the result set`,
        );
      }
      return { idx, desc: t.direction === "DESC", nulls: t.nulls };
    });
    const limit = stmt.limit ? compileExpr(stmt.limit, env) : null;
    const offset = stmt.offset ? compileExpr(stmt.offset, env) : null;
    if (!keys.length && !limit && !offset) return inner;
    return {
      ...inner,
      explain: () => [
        ...inner.explain(),
        ...(keys.length ? ["USE TEMP B-TREE FOR ORDER BY"] : []),
      ],
      run(ctx, emit) {
        const { lim, off } = limits(limit, offset, ctx);
        const rows: Row[] = [];
        inner.run(ctx, (r) => void rows.push(r.slice()));
        if (keys.length) rows.sort(sortComparator(keys));
        let n = 0;
        for (let i = off; i < rows.length; i++) {
          if (lim >= 0 && n >= lim) return;
          n++;
          if (emit(rows[i]) === false) return;
        }
      },
    };
  }
}
