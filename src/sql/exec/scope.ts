/**
 * Name resolution: which sources a query sees and where each column sits
 * in the flat row the executor passes around.
 *
 * @module
 */
import type { TypeClass } from "../column_type.ts";
import { UnknownColumnError } from "../errors.ts";
import type { Table } from "../storage/table.ts";
import type { Row, Value } from "../value.ts";
import type { Catalog } from "../storage/catalog.ts";

/**
 * Everything a compiled closure needs at run time.
 *
 * @example
 * ```ts
 * // const ctx: RunCtx = makeCtx(catalog, [], { now: "2024-01-01 00:00:00", seed: 1n });
 * ```
 */
export interface RunCtx {
  /** Bound parameter values, `?1` at index 0. */
  params: readonly Value[];
  /** Rows of the enclosing queries, innermost last (correlated subqueries). */
  outer: Row[];
  /** The statement's fixed "now" as `YYYY-MM-DD HH:MM:SS[.fff]`. */
  now: string;
  /** Deterministic random 64-bit integers. */
  random: () => bigint;
  /** Per-execution memo (uncorrelated subqueries, corpus statistics). */
  cache: Map<unknown, unknown>;
  catalog: Catalog;
}

/**
 * A compiled expression.
 *
 * @example
 * ```ts
 * const f: Fn = (row) => row[0];
 * ```
 */
export type Fn = (row: Row, ctx: RunCtx) => Value;

/**
 * A column as a query sees it.
 *
 * @example
 * ```ts
 * const c: ScopeColumn = { name: "a", typeClass: "integer" };
 * ```
 */
export interface ScopeColumn {
  name: string;
  typeClass: TypeClass | null;
  /** Not found by unqualified names or `*` (right side of USING). */
  hidden?: boolean;
}

/**
 * One FROM item as a query sees it.
 *
 * @example
 * ```ts
 * // const s: ScopeSource = scope.addSource("t", table, columns);
 * ```
 */
export interface ScopeSource {
  /** Lower-cased alias or table name ("" for none). */
  alias: string;
  /** The base table, when the source is one. */
  table: Table | null;
  columns: ScopeColumn[];
  /** Position of the first column in the flat row. */
  offset: number;
}

/**
 * The result of resolving a column reference.
 *
 * @example
 * ```ts
 * // const r: Resolved = scope.resolve("t", "a");
 * ```
 */
export interface Resolved {
  /** 0 = this query, 1 = the enclosing one, ... */
  depth: number;
  /** Position in that query's flat row. */
  index: number;
  column: ScopeColumn;
  source: ScopeSource;
}

/**
 * The sources of one query level, chained to the enclosing level.
 *
 * @example
 * ```ts
 * const s = new Scope(null);
 * s.addSource("t", null, [{ name: "a", typeClass: "integer" }]);
 * s.resolve(undefined, "a").index; // 0
 * ```
 */
export class Scope {
  readonly parent: Scope | null;
  readonly sources: ScopeSource[] = [];
  width = 0;
  /** Set when a nested scope resolved a name here or above (correlation). */
  correlated = false;
  /** How many times a nested scope resolved a column of this scope. */
  innerRefs = 0;

  constructor(parent: Scope | null) {
    this.parent = parent;
  }

  /** Appends a source; returns it. */
  addSource(
    alias: string,
    table: Table | null,
    columns: ScopeColumn[],
  ): ScopeSource {
    const src = {
      alias: alias.toLowerCase(),
      table,
      columns,
      offset: this.width,
    };
    this.sources.push(src);
    this.width += columns.length;
    return src;
  }

  /** Finds a column in this scope only; null when absent. */
  lookupLocal(table: string | undefined, name: string): Resolved | null {
    const n = name.toLowerCase();
    const t = table?.toLowerCase();
    let found: Resolved | null = null;
    for (const src of this.sources) {
      if (t !== undefined && src.alias !== t) continue;
      for (let i = 0; i < src.columns.length; i++) {
        const c = src.columns[i];
        if (c.name.toLowerCase() !== n) continue;
        if (t === undefined && c.hidden) continue;
        if (found) {
          if (t === undefined) {
            throw new UnknownColumnError(name, { ambiguous: true });
          }
          continue;
        }
        found = { depth: 0, index: src.offset + i, column: c, source: src };
      }
    }
    return found;
  }

  /** Resolves a column here or in an enclosing scope. */
  resolve(table: string | undefined, name: string): Resolved {
    const local = this.lookupLocal(table, name);
    if (local) return local;
    let scope = this.parent;
    let depth = 1;
    while (scope) {
      const r = scope.lookupLocal(table, name);
      if (r) {
        // Every scope between here and the one that owns the column is
        // correlated: its result depends on the enclosing row.
        this.correlated = true;
        scope.innerRefs++;
        let s = this.parent;
        for (let d = 1; d < depth && s; d++, s = s.parent) s.correlated = true;
        return { ...r, depth };
      }
      scope = scope.parent;
      depth++;
    }
    throw new UnknownColumnError(table ? `${table}.${name}` : name);
  }

  /** True when a source with this alias exists here. */
  hasSource(alias: string): boolean {
    const a = alias.toLowerCase();
    return this.sources.some((s) => s.alias === a);
  }
}
