/**
 * The read-only catalog table `sqlite_schema` (also `sqlite_master`,
 * `reef_schema`): one row per table, index and view, with the SQL that
 * would create it. Shells use it for `.tables` and `.schema`.
 *
 * @module
 */
import { formatExpr, formatIdent, formatSelect } from "../parse/mod.ts";
import type { Catalog } from "../storage/catalog.ts";
import type { IndexSchema } from "../storage/schema.ts";
import type { Table } from "../storage/table.ts";
import type { Row } from "../value.ts";
import type { SourceQuery } from "./from_plan.ts";

const NAMES = new Set(["sqlite_schema", "sqlite_master", "reef_schema"]);

/**
 * True for the names of the catalog table.
 *
 * @example
 * ```ts
 * isSchemaTable("SQLITE_MASTER"); // true
 * ```
 */
export function isSchemaTable(name: string): boolean {
  return NAMES.has(name.toLowerCase());
}

/**
 * CREATE TABLE text for a table as it is now.
 *
 * @example
 * ```ts
 * // tableSql(catalog.table("t")) === "CREATE TABLE t (a INT NOT NULL)"
 * ```
 */
export function tableSql(table: Table): string {
  const s = table.schema;
  const parts = s.columns.map((c, i) => {
    let d = formatIdent(c.name);
    if (c.type) d += " " + c.type;
    if (i === s.rowidColumn) d += " PRIMARY KEY";
    else if (c.notNull) d += " NOT NULL";
    if (c.defaultExpr) d += ` DEFAULT (${formatExpr(c.defaultExpr)})`;
    return d;
  });
  const cols = (names: string[]) => names.map(formatIdent).join(", ");
  for (const u of s.uniques) {
    parts.push(`${u.primary ? "PRIMARY KEY" : "UNIQUE"} (${cols(u.columns)})`);
  }
  for (const c of s.checks) parts.push(`CHECK (${formatExpr(c.expr)})`);
  for (const f of s.foreignKeys) {
    let fk = `FOREIGN KEY (${cols(f.columns)}) REFERENCES ${
      formatIdent(f.refTable)
    }`;
    if (f.refColumns.length) fk += ` (${cols(f.refColumns)})`;
    if (f.onDelete !== "no action") {
      fk += ` ON DELETE ${f.onDelete.toUpperCase()}`;
    }
    if (f.onUpdate !== "no action") {
      fk += ` ON UPDATE ${f.onUpdate.toUpperCase()}`;
    }
    parts.push(fk);
  }
  return `CREATE TABLE ${formatIdent(s.name)} (${parts.join(", ")})`;
}

function indexSql(ix: IndexSchema): string | null {
  if (ix.auto) return null;
  const cols = ix.columns.map((c) =>
    formatIdent(c.name) + (c.desc ? " DESC" : "")
  ).join(", ");
  const using = ix.kind === "gin" ? " USING GIN" : "";
  return `CREATE ${ix.unique ? "UNIQUE " : ""}INDEX ${
    formatIdent(ix.name)
  } ON ${formatIdent(ix.table)}${using} (${cols})`;
}

/**
 * The catalog table as a FROM source.
 *
 * @example
 * ```ts
 * // schemaSource(catalog).run(ctx, (row) => console.log(row));
 * ```
 */
export function schemaSource(catalog: Catalog): SourceQuery {
  return {
    columns: ["type", "name", "tbl_name", "rootpage", "sql"],
    columnTypes: ["text", "text", "text", "integer", "text"],
    run(_ctx, emit) {
      const rows: Row[] = [];
      for (const t of catalog.tables.values()) {
        const name = t.schema.name;
        rows.push(["table", name, name, 0n, tableSql(t)]);
        for (
          const ix of [
            ...t.indexes.map((i) => i.schema),
            ...t.ginIndexes.map((g) => g.schema),
          ]
        ) {
          rows.push(["index", ix.name, name, 0n, indexSql(ix)]);
        }
      }
      for (const v of catalog.views.values()) {
        const cols = v.columns
          ? ` (${v.columns.map(formatIdent).join(", ")})`
          : "";
        rows.push([
          "view",
          v.name,
          v.name,
          0n,
          `CREATE VIEW ${formatIdent(v.name)}${cols} AS ${
            formatSelect(v.select)
          }`,
        ]);
      }
      for (const r of rows) if (emit(r) === false) return;
    },
  };
}
