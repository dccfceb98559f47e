/**
 * FROM clause planning and execution: sources in a left-deep chain of
 * joins, WHERE/ON predicates pushed to the lowest level where they are
 * correct, and per level an access path (index search, index nested loop),
 * a hash join, or a nested loop; LEFT/RIGHT/FULL outer joins with real
 * null-extension semantics. Predicate placement lives in _pushdown.ts and
 * execution in _run_plan.ts.
 *
 * @module
 */
import type { Expr, FromItem, JoinType, SelectStmt } from "../parse/ast.ts";
import { SqlUsageError, UnknownTableError } from "../errors.ts";
import { isSchemaTable, schemaSource } from "./schema_table.ts";
import type { Table } from "../storage/table.ts";
import type { Row, Value } from "../value.ts";
import type { AccessPath } from "./access_path.ts";
import type { CompiledSubquery, CompileEnv } from "./compile_expr.ts";
import { conjuncts } from "./expr_util.ts";
import type { Fn, RunCtx, ScopeColumn, ScopeSource } from "./scope.ts";
import { finishPlan } from "./_pushdown.ts";

/**
 * A compiled query usable as a FROM source.
 *
 * @example
 * ```ts
 * // const q: SourceQuery = compiler.compile(select, scope);
 * ```
 */
export interface SourceQuery extends CompiledSubquery {
  columnTypes: (ScopeColumn["typeClass"])[];
}

/**
 * Compiles a SELECT used as a FROM item (a view / CTE, or a subquery).
 *
 * @example
 * ```ts
 * // const cs: CompileSource = (select, isView) => compiler.compile(select, new Scope(null));
 * ```
 */
export type CompileSource = (
  select: SelectStmt,
  isView: boolean,
) => SourceQuery;

/**
 * One level of the left-deep join chain: a source, how it joins the levels
 * before it, and the filters and access path chosen for it.
 *
 * @example
 * ```ts
 * // const lv: Level = levels[0];
 * ```
 */
export interface Level {
  src: ScopeSource;
  type: JoinType;
  table: Table | null;
  query: SourceQuery | null;
  on: Expr[];
  /** Predicates that decide a match (inner: all placed; outer: ON). */
  match: Fn[];
  /** Predicates applied after null-extension (WHERE on outer levels). */
  post: Fn[];
  matchExprs: Expr[];
  postExprs: Expr[];
  access: AccessPath | null;
  hash:
    | { left: Fn; right: Fn; norm: (v: Value) => Value; label: string }
    | null;
  /** Filters on this source alone, used when materialising it. */
  local: Fn[];
  describe: string;
}

/**
 * The planned FROM clause.
 *
 * @example
 * ```ts
 * // plan.run(ctx, (row) => { ... }); plan.explain();
 * ```
 */
export interface FromPlan {
  levels: Level[];
  /** Runs the join; `emit` gets the combined row (do not keep it). */
  run(ctx: RunCtx, emit: (row: Row) => boolean | void): void;
  /** EXPLAIN lines. */
  explain(): string[];
  /** True when level 0 yields rows in the order ORDER BY wants. */
  ordered: boolean;
}

interface FlatItem {
  item: Exclude<FromItem, { kind: "join" }>;
  type: JoinType;
  on: Expr[];
  using: string[] | null;
  natural: boolean;
}

function flatten(
  from: FromItem,
  out: FlatItem[],
  type: JoinType,
  on: Expr | undefined,
  using: readonly string[] | undefined,
  natural: boolean,
): void {
  if (from.kind !== "join") {
    out.push({
      item: from,
      type,
      on: conjuncts(on),
      using: using ? [...using] : null,
      natural,
    });
    return;
  }
  flatten(from.left, out, type, on, using, natural);
  if (from.right.kind === "join") {
    if (from.type !== "INNER" && from.type !== "CROSS") {
      throw new SqlUsageError(
        "a parenthesised join on the right of an outer join is not supported",
      );
    }
    const inner: FlatItem[] = [];
    flatten(from.right, inner, from.type, undefined, undefined, false);
    out.push(...inner);
    out[out.length - 1].on.push(...conjuncts(from.on));
    return;
  }
  out.push({
    item: from.right,
    type: from.type,
    on: conjuncts(from.on),
    using: from.using ? [...from.using] : null,
    natural: from.natural,
  });
}

/**
 * Options of {@linkcode planFrom}.
 *
 * @example
 * ```ts
 * // planFrom(from, where, { env, compileSource, resolveNamed })
 * ```
 */
export interface PlanFromOptions {
  env: CompileEnv;
  compileSource: CompileSource;
  /** A CTE or view by name, or null. */
  resolveNamed: (
    name: string,
  ) => { select: SelectStmt; columns: string[] | null } | null;
  /** ORDER BY wish for level 0 (column positions in the table). */
  wantOrder?: (src: ScopeSource) => { columns: number[]; desc: boolean } | null;
}

function pos0() {
  return { line: 0, column: 0, offset: 0 };
}

/**
 * Builds the scope for `from` in `scope` and plans the joins with `where`.
 *
 * @example
 * ```ts
 * // const plan = planFrom(stmt.body.from, stmt.body.where, { env, compileSource });
 * ```
 */
export function planFrom(
  from: FromItem | undefined,
  where: Expr | undefined,
  options: PlanFromOptions,
): FromPlan {
  const { env } = options;
  const scope = env.scope;
  const flat: FlatItem[] = [];
  if (from) flatten(from, flat, "INNER", undefined, undefined, false);
  const levels: Level[] = [];
  for (const f of flat) {
    let table: Table | null = null, query: SourceQuery | null = null;
    let columns: ScopeColumn[];
    let alias: string;
    if (f.item.kind === "table") {
      const name = f.item.name;
      const view = options.resolveNamed(name);
      alias = f.item.alias ?? name;
      if (view) {
        query = options.compileSource(view.select, true);
        const names = view.columns ?? query.columns;
        columns = names.map((n, i) => ({
          name: n,
          typeClass: query!.columnTypes[i] ?? null,
        }));
      } else {
        table = env.catalog.findTable(name) ?? null;
        if (!table && isSchemaTable(name)) {
          query = schemaSource(env.catalog);
          columns = query.columns.map((n, i) => ({
            name: n,
            typeClass: query!.columnTypes[i] ?? null,
          }));
        } else {
          if (!table) throw new UnknownTableError(name);
          columns = table.schema.columns.map((c) => ({
            name: c.name,
            typeClass: c.typeClass,
          }));
        }
      }
    } else {
      query = options.compileSource(f.item.select, false);
      alias = f.item.alias ?? "";
      columns = query.columns.map((n, i) => ({
        name: n,
        typeClass: query!.columnTypes[i] ?? null,
      }));
    }
    if (alias && scope.hasSource(alias)) {
      throw new SqlUsageError(`ambiguous table name in FROM: ${alias}`);
    }
    const on = [...f.on];
    const prevSources = [...scope.sources];
    const src = scope.addSource(alias, table, columns);
    let using = f.using;
    if (f.natural) {
      using = columns.map((c) => c.name).filter((n) =>
        prevSources.some((s) =>
          s.columns.some((c) =>
            !c.hidden && c.name.toLowerCase() === n.toLowerCase()
          )
        )
      );
    }
    if (using) {
      for (const u of using) {
        const left = prevSources.find((s) =>
          s.columns.some((c) =>
            !c.hidden && c.name.toLowerCase() === u.toLowerCase()
          )
        );
        const ci = columns.findIndex((c) =>
          c.name.toLowerCase() === u.toLowerCase()
        );
        if (!left || ci < 0) {
          throw new SqlUsageError(
            `cannot join using column ${u} - column not present in both tables`,
          );
        }
        if (f.type !== "RIGHT" && f.type !== "FULL") {
          columns[ci] = { ...columns[ci], hidden: true };
        } else {
          const lc = left.columns.findIndex((c) =>
            c.name.toLowerCase() === u.toLowerCase()
          );
          left.columns[lc] = { ...left.columns[lc], hidden: true };
        }
        on.push({
          kind: "binary",
          pos: pos0(),
          op: "=",
          left: {
            kind: "column",
            pos: pos0(),
            table: left.alias || undefined,
            name: u,
          },
          right: {
            kind: "column",
            pos: pos0(),
            table: alias || undefined,
            name: u,
          },
        } as Expr);
      }
    }
    levels.push({
      src,
      type: levels.length === 0 ? "INNER" : f.type,
      table,
      query,
      on,
      match: [],
      post: [],
      matchExprs: [],
      postExprs: [],
      access: null,
      hash: null,
      local: [],
      describe: "",
    });
  }
  return finishPlan(levels, conjuncts(where), options);
}
