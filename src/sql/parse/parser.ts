/**
 * The SQL parser: a recursive-descent parser over the tokens of
 * {@linkcode tokenize}, producing the plain-data tree of `ast.ts`.
 *
 * @module
 */

import type {
  Assignment,
  ConflictResolution,
  DeleteStmt,
  InsertStmt,
  Pos,
  Statement,
  UpdateStmt,
  WithClause,
} from "./ast.ts";
import { DdlParser } from "./_ddl_parser.ts";
import { SqlSyntaxError } from "./errors.ts";
import { K, T } from "./_tokens.ts";

type Mutable<X> = { -readonly [P in keyof X]: X[P] };

class Parser extends DdlParser {
  /** Parses every statement of the text. */
  parseScript(): Statement[] {
    const out: Statement[] = [];
    for (;;) {
      while (this.accept(T.SEMI)) { /* empty statements are allowed */ }
      if (this.types[this.i] === T.EOF) return out;
      const from = this.i;
      this.resetParams();
      const stmt = this.parseStatement() as Mutable<Statement>;
      stmt.text = this.textOf(from, this.i);
      out.push(stmt);
      const t = this.types[this.i];
      if (t !== T.SEMI && t !== T.EOF) this.fail();
    }
  }

  /** Index of the current token (for parseOne's error). */
  get cursor(): number {
    return this.i;
  }

  /** The text being parsed. */
  get source(): string {
    return this.src;
  }

  /** Throws at token `idx` with `reason`. */
  failAt(idx: number, reason: string): never {
    return this.fail(idx, reason);
  }

  private parseStatement(): Statement {
    switch (this.types[this.i]) {
      case K.SELECT:
      case K.VALUES:
        return this.parseSelect();
      case K.WITH: {
        const pos = this.pos();
        const w = this.parseWith();
        switch (this.types[this.i]) {
          case K.INSERT:
          case K.REPLACE:
            return this.parseInsert(w);
          case K.UPDATE:
            return this.parseUpdate(w);
          case K.DELETE:
            return this.parseDelete(w);
        }
        return this.parseSelectAfterWith(pos, w);
      }
      case K.INSERT:
      case K.REPLACE:
        return this.parseInsert(undefined);
      case K.UPDATE:
        return this.parseUpdate(undefined);
      case K.DELETE:
        return this.parseDelete(undefined);
      case K.CREATE:
        return this.parseCreate();
      case K.DROP:
        return this.parseDrop();
      case K.ALTER:
        return this.parseAlter();
      case K.BEGIN:
      case K.START:
        return this.parseBegin();
      case K.COMMIT:
      case K.END: {
        const pos = this.pos();
        this.i++;
        this.accept(K.TRANSACTION);
        return { kind: "commit", pos };
      }
      case K.ROLLBACK: {
        const pos = this.pos();
        this.i++;
        this.accept(K.TRANSACTION);
        if (!this.accept(K.TO)) return { kind: "rollback", pos };
        this.accept(K.SAVEPOINT);
        return { kind: "rollback", pos, savepoint: this.ident() };
      }
      case K.SAVEPOINT: {
        const pos = this.pos();
        this.i++;
        return { kind: "savepoint", pos, name: this.ident() };
      }
      case K.RELEASE: {
        const pos = this.pos();
        this.i++;
        this.accept(K.SAVEPOINT);
        return { kind: "release", pos, name: this.ident() };
      }
      case K.EXPLAIN: {
        const pos = this.pos();
        this.i++;
        let queryPlan = false;
        if (this.types[this.i] === K.QUERY) {
          this.i++;
          this.expect(K.PLAN);
          queryPlan = true;
        }
        if (this.types[this.i] === K.EXPLAIN) this.fail();
        return {
          kind: "explain",
          pos,
          queryPlan,
          statement: this.parseStatement(),
        };
      }
      default:
        return this.fail(this.i, undefined, "expected a statement");
    }
  }

  private parseBegin(): Statement {
    const pos = this.pos();
    if (this.accept(K.START)) {
      this.expect(K.TRANSACTION);
      return { kind: "begin", pos };
    }
    this.i++;
    let mode: "DEFERRED" | "IMMEDIATE" | "EXCLUSIVE" | undefined;
    if (this.accept(K.DEFERRED)) mode = "DEFERRED";
    else if (this.accept(K.IMMEDIATE)) mode = "IMMEDIATE";
    else if (this.accept(K.EXCLUSIVE)) mode = "EXCLUSIVE";
    this.accept(K.TRANSACTION);
    return mode === undefined
      ? { kind: "begin", pos }
      : { kind: "begin", pos, mode };
  }

  /** `OR REPLACE|IGNORE|ABORT|FAIL|ROLLBACK` after INSERT/UPDATE, when present. */
  private conflictResolution(): ConflictResolution | undefined {
    if (!this.accept(K.OR)) return undefined;
    switch (this.types[this.i++]) {
      case K.REPLACE:
        return "REPLACE";
      case K.IGNORE:
        return "IGNORE";
      case K.ABORT:
        return "ABORT";
      case K.FAIL:
        return "FAIL";
      case K.ROLLBACK:
        return "ROLLBACK";
      default:
        return this.fail(this.i - 1);
    }
  }

  private parseInsert(w: WithClause | undefined): InsertStmt {
    const pos = w?.pos ?? this.pos();
    let or: ConflictResolution | undefined;
    if (this.accept(K.REPLACE)) or = "REPLACE";
    else {
      this.expect(K.INSERT);
      or = this.conflictResolution();
    }
    this.expect(K.INTO);
    const { schema, name } = this.qualifiedName();
    const stmt: Mutable<InsertStmt> = {
      kind: "insert",
      pos,
      table: name,
      source: { kind: "default_values" },
    };
    if (w !== undefined) stmt.with = w;
    if (or !== undefined) stmt.or = or;
    if (schema !== undefined) stmt.schema = schema;
    if (this.accept(K.AS)) stmt.alias = this.ident();
    if (this.types[this.i] === T.LP) stmt.columns = this.identList();
    if (this.accept(K.DEFAULT)) {
      this.expect(K.VALUES);
    } else {
      if (!this.atSelectStart()) this.fail();
      const select = this.parseSelect();
      stmt.source = select.body.kind === "values" &&
          select.with === undefined && select.orderBy.length === 0 &&
          select.limit === undefined
        ? { kind: "values", rows: select.body.rows }
        : { kind: "select", select };
    }
    if (this.accept(K.RETURNING)) stmt.returning = this.resultColumns();
    return stmt;
  }

  private parseUpdate(w: WithClause | undefined): UpdateStmt {
    const pos = w?.pos ?? this.pos();
    this.expect(K.UPDATE);
    const or = this.conflictResolution();
    const { schema, name } = this.qualifiedName();
    const alias = this.optionalAlias();
    this.expect(K.SET);
    const set: Assignment[] = [];
    do {
      const apos: Pos = this.pos();
      const column = this.ident();
      this.expect(T.EQ);
      set.push({ pos: apos, column, value: this.parseExpr() });
    } while (this.accept(T.COMMA));
    const stmt: Mutable<UpdateStmt> = { kind: "update", pos, table: name, set };
    if (w !== undefined) stmt.with = w;
    if (or !== undefined) stmt.or = or;
    if (schema !== undefined) stmt.schema = schema;
    if (alias !== undefined) stmt.alias = alias;
    if (this.accept(K.WHERE)) stmt.where = this.parseExpr();
    if (this.accept(K.RETURNING)) stmt.returning = this.resultColumns();
    return stmt;
  }

  private parseDelete(w: WithClause | undefined): DeleteStmt {
    const pos = w?.pos ?? this.pos();
    this.expect(K.DELETE);
    this.expect(K.FROM);
    const { schema, name } = this.qualifiedName();
    const stmt: Mutable<DeleteStmt> = { kind: "delete", pos, table: name };
    const alias = this.optionalAlias();
    if (w !== undefined) stmt.with = w;
    if (schema !== undefined) stmt.schema = schema;
    if (alias !== undefined) stmt.alias = alias;
    if (this.accept(K.WHERE)) stmt.where = this.parseExpr();
    if (this.accept(K.RETURNING)) stmt.returning = this.resultColumns();
    return stmt;
  }
}

/**
 * Parses a script of `;`-separated statements. Empty statements are
 * skipped; an empty or comment-only text gives `[]`. Parameters number
 * from 1 in each statement. Each statement gets `text`: its source without
 * the trailing `;`.
 *
 * @param sql the SQL text
 * @returns the statements in order
 * @throws {SqlSyntaxError} when the text does not parse
 *
 * @example
 * ```ts
 * import { parse } from "./parser.ts";
 * const [create, insert] = parse(
 *   "CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1);",
 * );
 * console.log(create.kind, insert.kind); // create_table insert
 * ```
 */
export function parse(sql: string): Statement[] {
  const p = new Parser(sql);
  try {
    return p.parseScript();
  } catch (e) {
    throw asSyntaxError(p, e);
  }
}

/**
 * The depth limits keep recursion well inside V8's default stack, but a
 * smaller stack (a Worker, a deep caller) may still overflow: report that
 * as a syntax error at the token reached, never as a RangeError.
 */
function asSyntaxError(p: Parser, e: unknown): unknown {
  if (!(e instanceof RangeError)) return e;
  try {
    p.failAt(p.cursor, "statement too complex to parse (stack exhausted)");
  } catch (err) {
    if (err instanceof SqlSyntaxError) {
      return new SqlSyntaxError(err.reason, {
        line: err.line,
        column: err.column,
        offset: err.offset,
        source: p.source,
        cause: e,
      });
    }
  }
  return e;
}

/**
 * Parses exactly one statement (a trailing `;` is allowed).
 *
 * @param sql the SQL text
 * @returns the statement
 * @throws {SqlSyntaxError} when the text does not parse, is empty, or holds
 *   more than one statement
 *
 * @example
 * ```ts
 * import { parseOne } from "./parser.ts";
 * const stmt = parseOne("SELECT a, b FROM t WHERE a > ?");
 * console.log(stmt.kind); // select
 * ```
 */
export function parseOne(sql: string): Statement {
  const p = new Parser(sql);
  let stmts: Statement[];
  try {
    stmts = p.parseScript();
  } catch (e) {
    throw asSyntaxError(p, e);
  }
  if (stmts.length === 1) return stmts[0];
  if (stmts.length === 0) p.failAt(p.cursor, "no statement to run");
  const second = stmts[1].pos;
  throw new SqlSyntaxError("only one statement is allowed here", {
    line: second.line,
    column: second.column,
    offset: second.offset,
    source: sql,
  });
}
