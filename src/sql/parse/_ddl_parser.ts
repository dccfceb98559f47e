/**
 * CREATE / DROP / ALTER statements. Folder-private.
 *
 * @module
 */

import type {
  AlterTableStmt,
  ColumnConstraint,
  ColumnDef,
  CreateIndexStmt,
  CreateTableStmt,
  CreateViewStmt,
  DropIndexStmt,
  DropTableStmt,
  DropViewStmt,
  Expr,
  ForeignKeyAction,
  ForeignKeyClause,
  IndexedColumn,
  Pos,
  Statement,
  TableConstraint,
  TypeName,
} from "./ast.ts";
import { SelectParser } from "./_select_parser.ts";
import { K, T } from "./_tokens.ts";

type Mutable<X> = { -readonly [P in keyof X]: X[P] };

/** Parses DDL on top of queries. */
export abstract class DdlParser extends SelectParser {
  /** `CREATE ...`, the cursor on CREATE. */
  protected parseCreate(): Statement {
    const pos = this.pos();
    this.i++;
    const temporary = this.accept(K.TEMP) || this.accept(K.TEMPORARY);
    const t = this.types[this.i];
    if (t === K.TABLE) return this.parseCreateTable(pos, temporary);
    if (t === K.VIEW) return this.parseCreateView(pos, temporary);
    if (!temporary) {
      if (t === K.INDEX) return this.parseCreateIndex(pos, false, undefined);
      if (t === K.UNIQUE && this.types[this.i + 1] === K.INDEX) {
        this.i++;
        return this.parseCreateIndex(pos, true, undefined);
      }
      if (this.isWord("GIN") && this.types[this.i + 1] === K.INDEX) {
        this.i++;
        return this.parseCreateIndex(pos, false, "GIN");
      }
    }
    return this.fail();
  }

  private parseCreateTable(pos: Pos, temporary: boolean): CreateTableStmt {
    this.i++;
    const ifNotExists = this.ifNotExists();
    const { schema, name } = this.qualifiedName();
    const stmt: Mutable<CreateTableStmt> = {
      kind: "create_table",
      pos,
      temporary,
      ifNotExists,
      name,
      columns: [],
      constraints: [],
      withoutRowid: false,
      strict: false,
    };
    if (schema !== undefined) stmt.schema = schema;
    if (this.accept(K.AS)) {
      stmt.asSelect = this.parseSelect();
      return stmt;
    }
    this.expect(T.LP);
    const columns: ColumnDef[] = [];
    const constraints: TableConstraint[] = [];
    do {
      const t = this.types[this.i];
      if (
        t === K.CONSTRAINT || t === K.PRIMARY || t === K.UNIQUE ||
        t === K.CHECK || t === K.FOREIGN
      ) {
        constraints.push(this.tableConstraint());
      } else if (constraints.length > 0) {
        // SQLite also insists that column definitions come first.
        this.fail();
      } else {
        columns.push(this.columnDef());
      }
    } while (this.accept(T.COMMA));
    this.expect(T.RP);
    stmt.columns = columns;
    stmt.constraints = constraints;
    // Table options: WITHOUT ROWID, STRICT, comma separated.
    if (this.types[this.i] === K.WITHOUT || this.isWord("STRICT")) {
      do {
        if (this.accept(K.WITHOUT)) {
          if (!this.isWord("ROWID")) this.fail();
          this.i++;
          stmt.withoutRowid = true;
        } else if (this.isWord("STRICT")) {
          this.i++;
          stmt.strict = true;
        } else {
          this.fail();
        }
      } while (this.accept(T.COMMA));
    }
    return stmt;
  }

  /** `name [type] [constraint ...]`. */
  protected columnDef(): ColumnDef {
    const pos = this.pos();
    const name = this.ident();
    let type: TypeName | undefined;
    if (this.isIdent(this.types[this.i])) type = this.parseTypeName(Infinity);
    const constraints: ColumnConstraint[] = [];
    for (;;) {
      const c = this.columnConstraint();
      if (c === undefined) break;
      constraints.push(c);
    }
    return type === undefined
      ? { pos, name, constraints }
      : { pos, name, type, constraints };
  }

  private columnConstraint(): ColumnConstraint | undefined {
    const pos = this.pos();
    let cname: string | undefined;
    if (this.accept(K.CONSTRAINT)) cname = this.ident();
    const named = <C extends ColumnConstraint>(c: C): C => {
      if (cname !== undefined) (c as { name?: string }).name = cname;
      return c;
    };
    switch (this.types[this.i]) {
      case K.PRIMARY: {
        this.i++;
        this.expect(K.KEY);
        const c: Mutable<Extract<ColumnConstraint, { kind: "primary_key" }>> = {
          kind: "primary_key",
          pos,
          autoincrement: false,
        };
        if (this.accept(K.ASC)) c.order = "ASC";
        else if (this.accept(K.DESC)) c.order = "DESC";
        c.autoincrement = this.accept(K.AUTOINCREMENT);
        return named(c);
      }
      case K.NOT:
        this.i++;
        this.expect(K.NULL);
        return named({ kind: "not_null", pos });
      case K.NULL:
        this.i++;
        return named({ kind: "null", pos });
      case K.UNIQUE:
        this.i++;
        return named({ kind: "unique", pos });
      case K.CHECK: {
        this.i++;
        this.expect(T.LP);
        const expr = this.parseExpr();
        this.expect(T.RP);
        return named({ kind: "check", pos, expr });
      }
      case K.DEFAULT:
        this.i++;
        return named({ kind: "default", pos, expr: this.defaultValue() });
      case K.COLLATE:
        this.i++;
        return named({
          kind: "collate",
          pos,
          collation: this.ident().toUpperCase(),
        });
      case K.REFERENCES:
        return named({
          kind: "references",
          pos,
          foreignKey: this.foreignKeyClause(),
        });
      default:
        if (cname !== undefined) this.fail();
        return undefined;
    }
  }

  /** DEFAULT's value: a literal, a signed number, CURRENT_*, or `(expr)`. */
  private defaultValue(): Expr {
    const t = this.types[this.i];
    if (t === T.LP) {
      this.i++;
      const e = this.parseExpr();
      this.expect(T.RP);
      return e;
    }
    if (t === T.MINUS || t === T.PLUS) {
      const pos = this.pos();
      this.i++;
      const u = this.types[this.i];
      if (u !== T.INTEGER && u !== T.FLOAT) this.fail();
      return this.numberLiteral(this.i++, t === T.MINUS, pos);
    }
    switch (t) {
      case T.INTEGER:
      case T.FLOAT:
      case T.STRING:
      case T.BLOB:
      case K.NULL:
      case K.TRUE:
      case K.FALSE:
      case K.CURRENT_TIMESTAMP:
      case K.CURRENT_DATE:
      case K.CURRENT_TIME:
        return this.parsePrimary();
      default:
        return this.fail();
    }
  }

  /** `REFERENCES t [(cols)] [ON DELETE|UPDATE action]...`. */
  private foreignKeyClause(): ForeignKeyClause {
    const pos = this.pos();
    this.expect(K.REFERENCES);
    const table = this.ident();
    const columns = this.types[this.i] === T.LP ? this.identList() : [];
    const fk: Mutable<ForeignKeyClause> = { pos, table, columns };
    while (this.accept(K.ON)) {
      const onDelete = this.accept(K.DELETE);
      if (!onDelete) this.expect(K.UPDATE);
      const action = this.foreignKeyAction();
      if (onDelete) fk.onDelete = action;
      else fk.onUpdate = action;
    }
    return fk;
  }

  private foreignKeyAction(): ForeignKeyAction {
    if (this.accept(K.CASCADE)) return "CASCADE";
    if (this.accept(K.RESTRICT)) return "RESTRICT";
    if (this.accept(K.NO)) {
      this.expect(K.ACTION);
      return "NO ACTION";
    }
    this.expect(K.SET);
    if (this.accept(K.NULL)) return "SET NULL";
    this.expect(K.DEFAULT);
    return "SET DEFAULT";
  }

  private tableConstraint(): TableConstraint {
    const pos = this.pos();
    let cname: string | undefined;
    if (this.accept(K.CONSTRAINT)) cname = this.ident();
    let c: TableConstraint;
    switch (this.types[this.i]) {
      case K.PRIMARY:
        this.i++;
        this.expect(K.KEY);
        c = { kind: "primary_key", pos, columns: this.indexedColumns() };
        break;
      case K.UNIQUE:
        this.i++;
        c = { kind: "unique", pos, columns: this.indexedColumns() };
        break;
      case K.CHECK: {
        this.i++;
        this.expect(T.LP);
        const expr = this.parseExpr();
        this.expect(T.RP);
        c = { kind: "check", pos, expr };
        break;
      }
      case K.FOREIGN: {
        this.i++;
        this.expect(K.KEY);
        const columns = this.identList();
        c = {
          kind: "foreign_key",
          pos,
          columns,
          foreignKey: this.foreignKeyClause(),
        };
        break;
      }
      default:
        return this.fail();
    }
    if (cname !== undefined) (c as { name?: string }).name = cname;
    return c;
  }

  /** `(col [COLLATE c] [ASC|DESC], ...)`. */
  private indexedColumns(): IndexedColumn[] {
    this.expect(T.LP);
    const out: IndexedColumn[] = [];
    do {
      const pos = this.pos();
      const col: Mutable<IndexedColumn> = { pos, name: this.ident() };
      if (this.accept(K.COLLATE)) col.collation = this.ident().toUpperCase();
      if (this.accept(K.ASC)) col.order = "ASC";
      else if (this.accept(K.DESC)) col.order = "DESC";
      out.push(col);
    } while (this.accept(T.COMMA));
    this.expect(T.RP);
    return out;
  }

  private parseCreateIndex(
    pos: Pos,
    unique: boolean,
    using: string | undefined,
  ): CreateIndexStmt {
    this.expect(K.INDEX);
    const ifNotExists = this.ifNotExists();
    const stmt: Mutable<CreateIndexStmt> = {
      kind: "create_index",
      pos,
      unique,
      ifNotExists,
      table: "",
      columns: [],
    };
    if (this.types[this.i] !== K.ON) {
      const { schema, name } = this.qualifiedName();
      if (schema !== undefined) stmt.schema = schema;
      stmt.name = name;
    }
    this.expect(K.ON);
    stmt.table = this.ident();
    if (this.accept(K.USING)) {
      const method = this.ident().toUpperCase();
      if (using !== undefined && method !== using) this.fail(this.i - 1);
      using = method;
    }
    if (using !== undefined) stmt.using = using;
    stmt.columns = this.indexedColumns();
    if (this.accept(K.WHERE)) stmt.where = this.parseExpr();
    return stmt;
  }

  private parseCreateView(pos: Pos, temporary: boolean): CreateViewStmt {
    this.i++;
    const ifNotExists = this.ifNotExists();
    const { schema, name } = this.qualifiedName();
    const columns = this.types[this.i] === T.LP ? this.identList() : undefined;
    this.expect(K.AS);
    const from = this.i;
    const select = this.parseSelect();
    const stmt: Mutable<CreateViewStmt> = {
      kind: "create_view",
      pos,
      temporary,
      ifNotExists,
      name,
      select,
      selectText: this.textOf(from, this.i),
    };
    if (schema !== undefined) stmt.schema = schema;
    if (columns !== undefined) stmt.columns = columns;
    return stmt;
  }

  /** `DROP TABLE|INDEX|VIEW [IF EXISTS] name`. */
  protected parseDrop(): DropTableStmt | DropIndexStmt | DropViewStmt {
    const pos = this.pos();
    this.i++;
    const t = this.types[this.i];
    let kind: "drop_table" | "drop_index" | "drop_view";
    if (t === K.TABLE) kind = "drop_table";
    else if (t === K.INDEX) kind = "drop_index";
    else if (t === K.VIEW) kind = "drop_view";
    else return this.fail();
    this.i++;
    const ifExists = this.ifExists();
    const { schema, name } = this.qualifiedName();
    return schema === undefined
      ? { kind, pos, ifExists, name }
      : { kind, pos, ifExists, schema, name };
  }

  /** `ALTER TABLE t ADD|DROP|RENAME ...`. */
  protected parseAlter(): AlterTableStmt {
    const pos = this.pos();
    this.i++;
    this.expect(K.TABLE);
    const { schema, name } = this.qualifiedName();
    let action: AlterTableStmt["action"];
    if (this.accept(K.ADD)) {
      this.accept(K.COLUMN);
      action = { kind: "add_column", column: this.columnDef() };
    } else if (this.accept(K.DROP)) {
      this.accept(K.COLUMN);
      action = { kind: "drop_column", column: this.ident() };
    } else if (this.accept(K.RENAME)) {
      if (this.accept(K.TO)) {
        action = { kind: "rename_table", to: this.ident() };
      } else {
        this.accept(K.COLUMN);
        const from = this.ident();
        this.expect(K.TO);
        action = { kind: "rename_column", from, to: this.ident() };
      }
    } else {
      return this.fail();
    }
    return schema === undefined
      ? { kind: "alter_table", pos, table: name, action }
      : { kind: "alter_table", pos, schema, table: name, action };
  }
}
