/**
 * Statement to SQL text (for EXPLAIN, views and the parser's round-trip
 * tests). `parseOne(formatStatement(s))` gives back `s`, positions and
 * `text` fields aside.
 *
 * @module
 */

import type {
  ColumnConstraint,
  ColumnDef,
  Expr,
  ForeignKeyClause,
  FromItem,
  IndexedColumn,
  ResultColumn,
  SelectBody,
  SelectStmt,
  Statement,
  TableConstraint,
  WithClause,
} from "./ast.ts";
import {
  formatBlob,
  formatExpr,
  formatIdent,
  formatLiteral,
  formatTypeName,
} from "./format_expr.ts";

/**
 * Prints a statement as one line of SQL, without a trailing `;`.
 *
 * @param stmt the statement
 * @returns SQL text
 *
 * @example
 * ```ts
 * import { formatStatement, parseOne } from "./mod.ts";
 * formatStatement(parseOne("select a,b from t where a=1")); // SELECT a, b FROM t WHERE a = 1
 * ```
 */
export function formatStatement(stmt: Statement): string {
  switch (stmt.kind) {
    case "select":
      return formatSelect(stmt);
    case "insert": {
      let s = withText(stmt.with) + "INSERT ";
      if (stmt.or !== undefined) s += `OR ${stmt.or} `;
      s += `INTO ${qualified(stmt.schema, stmt.table)}`;
      if (stmt.alias !== undefined) s += ` AS ${formatIdent(stmt.alias)}`;
      if (stmt.columns !== undefined) s += ` (${idents(stmt.columns)})`;
      const src = stmt.source;
      if (src.kind === "values") s += " " + valuesText(src.rows);
      else if (src.kind === "select") s += " " + formatSelect(src.select);
      else s += " DEFAULT VALUES";
      return s + returningText(stmt.returning);
    }
    case "update": {
      let s = withText(stmt.with) + "UPDATE ";
      if (stmt.or !== undefined) s += `OR ${stmt.or} `;
      s += qualified(stmt.schema, stmt.table);
      if (stmt.alias !== undefined) s += ` AS ${formatIdent(stmt.alias)}`;
      s += " SET " +
        stmt.set.map((a) => `${formatIdent(a.column)} = ${formatExpr(a.value)}`)
          .join(", ");
      if (stmt.where !== undefined) s += ` WHERE ${formatExpr(stmt.where)}`;
      return s + returningText(stmt.returning);
    }
    case "delete": {
      let s = withText(stmt.with) + "DELETE FROM " +
        qualified(stmt.schema, stmt.table);
      if (stmt.alias !== undefined) s += ` AS ${formatIdent(stmt.alias)}`;
      if (stmt.where !== undefined) s += ` WHERE ${formatExpr(stmt.where)}`;
      return s + returningText(stmt.returning);
    }
    case "create_table": {
      let s = `CREATE ${stmt.temporary ? "TEMP " : ""}TABLE ${
        stmt.ifNotExists ? "IF NOT EXISTS " : ""
      }${qualified(stmt.schema, stmt.name)}`;
      if (stmt.asSelect !== undefined) {
        return `${s} AS ${formatSelect(stmt.asSelect)}`;
      }
      const parts = [
        ...stmt.columns.map(columnDefText),
        ...stmt.constraints.map(tableConstraintText),
      ];
      s += ` (${parts.join(", ")})`;
      const opts: string[] = [];
      if (stmt.withoutRowid) opts.push("WITHOUT ROWID");
      if (stmt.strict) opts.push("STRICT");
      return opts.length === 0 ? s : `${s} ${opts.join(", ")}`;
    }
    case "drop_table":
    case "drop_index":
    case "drop_view": {
      const what = stmt.kind === "drop_table"
        ? "TABLE"
        : stmt.kind === "drop_index"
        ? "INDEX"
        : "VIEW";
      return `DROP ${what} ${stmt.ifExists ? "IF EXISTS " : ""}${
        qualified(stmt.schema, stmt.name)
      }`;
    }
    case "alter_table": {
      const s = `ALTER TABLE ${qualified(stmt.schema, stmt.table)} `;
      const a = stmt.action;
      switch (a.kind) {
        case "add_column":
          return `${s}ADD COLUMN ${columnDefText(a.column)}`;
        case "drop_column":
          return `${s}DROP COLUMN ${formatIdent(a.column)}`;
        case "rename_column":
          return `${s}RENAME COLUMN ${formatIdent(a.from)} TO ${
            formatIdent(a.to)
          }`;
        case "rename_table":
          return `${s}RENAME TO ${formatIdent(a.to)}`;
      }
      break;
    }
    case "create_index": {
      let s = `CREATE ${stmt.unique ? "UNIQUE " : ""}INDEX ${
        stmt.ifNotExists ? "IF NOT EXISTS " : ""
      }`;
      if (stmt.name !== undefined) {
        s += qualified(stmt.schema, stmt.name) + " ";
      }
      s += `ON ${formatIdent(stmt.table)}`;
      if (stmt.using !== undefined) s += ` USING ${formatIdent(stmt.using)}`;
      s += ` (${stmt.columns.map(indexedColumnText).join(", ")})`;
      if (stmt.where !== undefined) s += ` WHERE ${formatExpr(stmt.where)}`;
      return s;
    }
    case "create_view": {
      let s = `CREATE ${stmt.temporary ? "TEMP " : ""}VIEW ${
        stmt.ifNotExists ? "IF NOT EXISTS " : ""
      }${qualified(stmt.schema, stmt.name)}`;
      if (stmt.columns !== undefined) s += ` (${idents(stmt.columns)})`;
      return `${s} AS ${formatSelect(stmt.select)}`;
    }
    case "begin":
      return stmt.mode === undefined ? "BEGIN" : `BEGIN ${stmt.mode}`;
    case "commit":
      return "COMMIT";
    case "rollback":
      return stmt.savepoint === undefined
        ? "ROLLBACK"
        : `ROLLBACK TO SAVEPOINT ${formatIdent(stmt.savepoint)}`;
    case "savepoint":
      return `SAVEPOINT ${formatIdent(stmt.name)}`;
    case "release":
      return `RELEASE SAVEPOINT ${formatIdent(stmt.name)}`;
    case "explain":
      return `EXPLAIN ${stmt.queryPlan ? "QUERY PLAN " : ""}${
        formatStatement(stmt.statement)
      }`;
  }
  // Unreachable for well-typed input; keeps noImplicitReturns satisfied.
  throw new TypeError(`Unknown statement kind`);
}

/**
 * Prints a query.
 *
 * @param select the query
 * @returns SQL text
 *
 * @example
 * ```ts
 * import { formatSelect, parseOne } from "./mod.ts";
 * const s = parseOne("SELECT 1 UNION SELECT 2 ORDER BY 1");
 * if (s.kind === "select") console.log(formatSelect(s));
 * ```
 */
export function formatSelect(select: SelectStmt): string {
  let s = withText(select.with) + bodyText(select.body);
  if (select.orderBy.length > 0) {
    s += " ORDER BY " + select.orderBy.map((t) => {
      let x = formatExpr(t.expr);
      if (t.direction !== undefined) x += " " + t.direction;
      if (t.nulls !== undefined) x += " NULLS " + t.nulls;
      return x;
    }).join(", ");
  }
  if (select.limit !== undefined) s += ` LIMIT ${formatExpr(select.limit)}`;
  else if (select.offset !== undefined) s += " LIMIT -1";
  if (select.offset !== undefined) s += ` OFFSET ${formatExpr(select.offset)}`;
  return s;
}

function withText(w: WithClause | undefined): string {
  if (w === undefined) return "";
  return `WITH ${w.recursive ? "RECURSIVE " : ""}${
    w.ctes.map((c) =>
      `${formatIdent(c.name)}${
        c.columns === undefined ? "" : ` (${idents(c.columns)})`
      } AS (${formatSelect(c.select)})`
    ).join(", ")
  } `;
}

function bodyText(b: SelectBody): string {
  switch (b.kind) {
    case "values":
      return valuesText(b.rows);
    case "compound":
      return `${bodyText(b.left)} ${b.op} ${bodyText(b.right)}`;
    case "select_core": {
      let s = `SELECT ${b.distinct ? "DISTINCT " : ""}${
        resultColumnsText(b.columns)
      }`;
      if (b.from !== undefined) s += ` FROM ${fromText(b.from)}`;
      if (b.where !== undefined) s += ` WHERE ${formatExpr(b.where)}`;
      if (b.groupBy.length > 0) {
        s += ` GROUP BY ${b.groupBy.map(formatExpr).join(", ")}`;
      }
      if (b.having !== undefined) s += ` HAVING ${formatExpr(b.having)}`;
      return s;
    }
  }
}

function valuesText(rows: readonly (readonly Expr[])[]): string {
  return "VALUES " +
    rows.map((r) => `(${r.map(formatExpr).join(", ")})`).join(", ");
}

function resultColumnsText(cols: readonly ResultColumn[]): string {
  return cols.map((c) =>
    c.alias === undefined
      ? formatExpr(c.expr)
      : `${formatExpr(c.expr)} AS ${formatIdent(c.alias)}`
  ).join(", ");
}

function returningText(cols: readonly ResultColumn[] | undefined): string {
  return cols === undefined ? "" : ` RETURNING ${resultColumnsText(cols)}`;
}

function fromText(f: FromItem): string {
  switch (f.kind) {
    case "table": {
      let s = qualified(f.schema, f.name);
      if (f.alias !== undefined) s += ` AS ${formatIdent(f.alias)}`;
      if (f.indexedBy === null) s += " NOT INDEXED";
      else if (f.indexedBy !== undefined) {
        s += ` INDEXED BY ${formatIdent(f.indexedBy)}`;
      }
      return s;
    }
    case "subquery": {
      const s = `(${formatSelect(f.select)})`;
      return f.alias === undefined ? s : `${s} AS ${formatIdent(f.alias)}`;
    }
    case "join": {
      const right = f.right.kind === "join"
        ? `(${fromText(f.right)})`
        : fromText(f.right);
      if (f.comma) return `${fromText(f.left)}, ${right}`;
      const type = f.type === "INNER" ? "" : f.type + " ";
      let s = `${fromText(f.left)} ${
        f.natural ? "NATURAL " : ""
      }${type}JOIN ${right}`;
      if (f.on !== undefined) s += ` ON ${formatExpr(f.on)}`;
      if (f.using !== undefined) s += ` USING (${idents(f.using)})`;
      return s;
    }
  }
}

function qualified(schema: string | undefined, name: string): string {
  return schema === undefined
    ? formatIdent(name)
    : `${formatIdent(schema)}.${formatIdent(name)}`;
}

function idents(names: readonly string[]): string {
  return names.map(formatIdent).join(", ");
}

function columnDefText(c: ColumnDef): string {
  let s = formatIdent(c.name);
  if (c.type !== undefined) s += " " + formatTypeName(c.type);
  for (const k of c.constraints) s += " " + columnConstraintText(k);
  return s;
}

function constraintName(name: string | undefined): string {
  return name === undefined ? "" : `CONSTRAINT ${formatIdent(name)} `;
}

function columnConstraintText(c: ColumnConstraint): string {
  const n = constraintName(c.name);
  switch (c.kind) {
    case "primary_key":
      return `${n}PRIMARY KEY${c.order === undefined ? "" : " " + c.order}${
        c.autoincrement ? " AUTOINCREMENT" : ""
      }`;
    case "not_null":
      return `${n}NOT NULL`;
    case "null":
      return `${n}NULL`;
    case "unique":
      return `${n}UNIQUE`;
    case "check":
      return `${n}CHECK (${formatExpr(c.expr)})`;
    case "default":
      return `${n}DEFAULT ${defaultText(c.expr)}`;
    case "collate":
      return `${n}COLLATE ${formatIdent(c.collation)}`;
    case "references":
      return n + foreignKeyText(c.foreignKey);
  }
}

/** DEFAULT takes a bare literal or CURRENT_*; anything else needs parentheses. */
function defaultText(e: Expr): string {
  if (e.kind === "literal") {
    return e.blob && typeof e.value === "string"
      ? formatBlob(e.value)
      : formatLiteral(e.value);
  }
  if (e.kind === "current") return e.name;
  return `(${formatExpr(e)})`;
}

function foreignKeyText(fk: ForeignKeyClause): string {
  let s = `REFERENCES ${formatIdent(fk.table)}`;
  if (fk.columns.length > 0) s += ` (${idents(fk.columns)})`;
  if (fk.onDelete !== undefined) s += ` ON DELETE ${fk.onDelete}`;
  if (fk.onUpdate !== undefined) s += ` ON UPDATE ${fk.onUpdate}`;
  return s;
}

function indexedColumnText(c: IndexedColumn): string {
  let s = formatIdent(c.name);
  if (c.collation !== undefined) s += ` COLLATE ${formatIdent(c.collation)}`;
  if (c.order !== undefined) s += " " + c.order;
  return s;
}

function tableConstraintText(c: TableConstraint): string {
  const n = constraintName(c.name);
  switch (c.kind) {
    case "primary_key":
      return `${n}PRIMARY KEY (${c.columns.map(indexedColumnText).join(", ")})`;
    case "unique":
      return `${n}UNIQUE (${c.columns.map(indexedColumnText).join(", ")})`;
    case "check":
      return `${n}CHECK (${formatExpr(c.expr)})`;
    case "foreign_key":
      return `${n}FOREIGN KEY (${idents(c.columns)}) ${
        foreignKeyText(c.foreignKey)
      }`;
  }
}
