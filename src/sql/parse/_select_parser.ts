/**
 * SELECT, VALUES, compound queries, FROM and WITH. Folder-private.
 *
 * @module
 */

import type {
  CommonTableExpr,
  CompoundOp,
  Expr,
  FromItem,
  JoinType,
  OrderingTerm,
  Pos,
  ResultColumn,
  SelectBody,
  SelectCore,
  SelectStmt,
  TableRef,
  ValuesBody,
  WithClause,
} from "./ast.ts";
import { ExprParser, MAX_DEPTH } from "./_expr_parser.ts";
import { K, T } from "./_tokens.ts";

/** Depth units one nested query uses up (an expression level uses 1). */
const SELECT_DEPTH_COST = 3;

type Mutable<X> = { -readonly [P in keyof X]: X[P] };

/** Parses queries on top of expressions. */
export abstract class SelectParser extends ExprParser {
  /** `[WITH ...] body [ORDER BY ...] [LIMIT ...]`. */
  protected parseSelect(): SelectStmt {
    // A nested query costs several times the stack of a nested expression.
    this.depth += SELECT_DEPTH_COST;
    if (this.depth > MAX_DEPTH) {
      this.fail(this.i, `too many nested queries (maximum depth ${MAX_DEPTH})`);
    }
    const pos = this.pos();
    const withClause = this.types[this.i] === K.WITH
      ? this.parseWith()
      : undefined;
    const select = this.parseSelectAfterWith(pos, withClause);
    this.depth -= SELECT_DEPTH_COST;
    return select;
  }

  /** The rest of a query once its WITH clause (if any) is read. */
  protected parseSelectAfterWith(
    pos: Pos,
    withClause: WithClause | undefined,
  ): SelectStmt {
    const body = this.parseSelectBody();
    const stmt: Mutable<SelectStmt> = {
      kind: "select",
      pos,
      body,
      orderBy: [],
    };
    if (withClause !== undefined) stmt.with = withClause;
    if (this.types[this.i] === K.ORDER) {
      this.i++;
      this.expect(K.BY);
      stmt.orderBy = this.orderingTerms();
    }
    if (this.accept(K.LIMIT)) {
      const first = this.parseExpr();
      if (this.accept(K.OFFSET)) {
        stmt.limit = first;
        stmt.offset = this.parseExpr();
      } else if (this.accept(T.COMMA)) {
        // LIMIT offset, count
        stmt.offset = first;
        stmt.limit = this.parseExpr();
      } else {
        stmt.limit = first;
      }
    }
    return stmt;
  }

  /** `WITH [RECURSIVE] cte, ...`. */
  protected parseWith(): WithClause {
    const pos = this.pos();
    this.expect(K.WITH);
    const recursive = this.accept(K.RECURSIVE);
    const ctes: CommonTableExpr[] = [];
    do {
      const cpos = this.pos();
      const name = this.ident();
      const columns = this.types[this.i] === T.LP
        ? this.identList()
        : undefined;
      this.expect(K.AS);
      this.expect(T.LP);
      const select = this.parseSelect();
      this.expect(T.RP);
      ctes.push(
        columns === undefined
          ? { pos: cpos, name, select }
          : { pos: cpos, name, columns, select },
      );
    } while (this.accept(T.COMMA));
    return { pos, recursive, ctes };
  }

  /** Cores joined by UNION / UNION ALL / INTERSECT / EXCEPT, left-deep. */
  private parseSelectBody(): SelectBody {
    const pos = this.pos();
    let left: SelectBody = this.parseCore();
    for (;;) {
      let op: CompoundOp;
      const t = this.types[this.i];
      if (t === K.UNION) {
        this.i++;
        op = this.accept(K.ALL) ? "UNION ALL" : "UNION";
      } else if (t === K.INTERSECT) {
        this.i++;
        op = "INTERSECT";
      } else if (t === K.EXCEPT) {
        this.i++;
        op = "EXCEPT";
      } else {
        return left;
      }
      const right = this.parseCore();
      left = { kind: "compound", pos, op, left, right };
    }
  }

  /** One `SELECT ...` or `VALUES ...`. */
  private parseCore(): SelectCore | ValuesBody {
    const pos = this.pos();
    if (this.accept(K.VALUES)) return this.parseValuesRows(pos);
    this.expect(K.SELECT);
    const distinct = this.accept(K.DISTINCT);
    if (!distinct) this.accept(K.ALL);
    const core: Mutable<SelectCore> = {
      kind: "select_core",
      pos,
      distinct,
      columns: this.resultColumns(),
      groupBy: [],
    };
    if (this.accept(K.FROM)) core.from = this.parseFrom();
    if (this.accept(K.WHERE)) core.where = this.parseExpr();
    if (this.types[this.i] === K.GROUP) {
      this.i++;
      this.expect(K.BY);
      const groupBy = [this.parseExpr()];
      while (this.accept(T.COMMA)) groupBy.push(this.parseExpr());
      core.groupBy = groupBy;
    }
    if (this.accept(K.HAVING)) core.having = this.parseExpr();
    return core;
  }

  /** `(a, b), (c, d)` after VALUES; rows must have equal length. */
  private parseValuesRows(pos: Pos): ValuesBody {
    const rows: Expr[][] = [];
    do {
      const rowIdx = this.i;
      this.expect(T.LP);
      const row = [this.parseExpr()];
      while (this.accept(T.COMMA)) row.push(this.parseExpr());
      this.expect(T.RP);
      if (rows.length > 0 && row.length !== rows[0].length) {
        this.fail(
          rowIdx,
          "all VALUES must have the same number of terms",
        );
      }
      rows.push(row);
    } while (this.accept(T.COMMA));
    return { kind: "values", pos, rows };
  }

  /** The select list (also used by RETURNING). */
  protected resultColumns(): ResultColumn[] {
    const out = [this.resultColumn()];
    while (this.accept(T.COMMA)) out.push(this.resultColumn());
    return out;
  }

  private resultColumn(): ResultColumn {
    const from = this.i;
    const pos = this.pos();
    if (this.accept(T.STAR)) {
      return { pos, expr: { kind: "star", pos }, text: "*" };
    }
    if (
      this.isIdent(this.types[this.i]) && this.types[this.i + 1] === T.DOT &&
      this.types[this.i + 2] === T.STAR
    ) {
      const table = this.value();
      this.i += 3;
      return {
        pos,
        expr: { kind: "star", pos, table },
        text: this.textOf(from, this.i),
      };
    }
    const expr = this.parseExpr();
    const text = this.textOf(from, this.i);
    const alias = this.optionalAlias();
    return alias === undefined
      ? { pos, expr, text }
      : { pos, expr, alias, text };
  }

  /** `AS name`, `AS 'name'` or a bare name. */
  protected optionalAlias(): string | undefined {
    if (this.accept(K.AS)) {
      if (this.types[this.i] === T.STRING) return this.toks.values[this.i++];
      return this.ident();
    }
    if (this.isIdent(this.types[this.i])) return this.ident();
    return undefined;
  }

  /** ORDER BY terms. */
  protected orderingTerms(): OrderingTerm[] {
    const out: OrderingTerm[] = [];
    do {
      const pos = this.pos();
      const term: Mutable<OrderingTerm> = { pos, expr: this.parseExpr() };
      if (this.accept(K.ASC)) term.direction = "ASC";
      else if (this.accept(K.DESC)) term.direction = "DESC";
      if (this.accept(K.NULLS)) {
        if (this.accept(K.FIRST)) term.nulls = "FIRST";
        else {
          this.expect(K.LAST);
          term.nulls = "LAST";
        }
      }
      out.push(term);
    } while (this.accept(T.COMMA));
    return out;
  }

  /** A FROM clause: items joined by commas and JOINs, left-deep. */
  protected parseFrom(): FromItem {
    const startIdx = this.i;
    let left = this.parseTableOrSubquery();
    for (;;) {
      const pos = this.posAt(startIdx);
      if (this.accept(T.COMMA)) {
        const right = this.parseTableOrSubquery();
        left = {
          kind: "join",
          pos,
          type: "CROSS",
          natural: false,
          comma: true,
          left,
          right,
        };
        continue;
      }
      const natural = this.accept(K.NATURAL);
      let type: JoinType;
      switch (this.types[this.i]) {
        case K.JOIN:
          type = "INNER";
          break;
        case K.INNER:
          this.i++;
          type = "INNER";
          break;
        case K.CROSS:
          this.i++;
          type = "CROSS";
          break;
        case K.LEFT:
          this.i++;
          this.accept(K.OUTER);
          type = "LEFT";
          break;
        case K.RIGHT:
          this.i++;
          this.accept(K.OUTER);
          type = "RIGHT";
          break;
        case K.FULL:
          this.i++;
          this.accept(K.OUTER);
          type = "FULL";
          break;
        default:
          if (natural) this.fail(this.i, undefined, "expected JOIN");
          return left;
      }
      this.expect(K.JOIN);
      const right = this.parseTableOrSubquery();
      const join: {
        kind: "join";
        pos: Pos;
        type: JoinType;
        natural: boolean;
        comma: boolean;
        left: FromItem;
        right: FromItem;
        on?: Expr;
        using?: string[];
      } = { kind: "join", pos, type, natural, comma: false, left, right };
      if (this.accept(K.ON)) join.on = this.parseExpr();
      else if (this.accept(K.USING)) join.using = this.identList();
      left = join;
    }
  }

  private parseTableOrSubquery(): FromItem {
    const pos = this.pos();
    if (this.types[this.i] === T.LP) {
      if (++this.depth > MAX_DEPTH) {
        this.fail(
          this.i,
          `FROM clause nesting is too deep (maximum depth ${MAX_DEPTH})`,
        );
      }
      this.i++;
      const item = this.parseParenthesizedFrom(pos);
      this.depth--;
      return item;
    }
    return this.parseTableRef(pos);
  }

  /** After `(` in FROM: a subquery or a parenthesised join. */
  private parseParenthesizedFrom(pos: Pos): FromItem {
    if (this.atSelectStart()) {
      const select = this.parseSelect();
      this.expect(T.RP);
      const alias = this.optionalAlias();
      return alias === undefined
        ? { kind: "subquery", pos, select }
        : { kind: "subquery", pos, select, alias };
    }
    const inner = this.parseFrom();
    this.expect(T.RP);
    return inner;
  }

  private parseTableRef(pos: Pos): FromItem {
    const { schema, name } = this.qualifiedName();
    const ref: Mutable<TableRef> = { kind: "table", pos, name };
    if (schema !== undefined) ref.schema = schema;
    // "INDEXED BY" must not be taken for an alias named INDEXED.
    if (!this.atIndexedHint()) {
      const alias = this.optionalAlias();
      if (alias !== undefined) ref.alias = alias;
    }
    if (this.atIndexedHint()) {
      if (this.accept(K.NOT)) {
        this.i++;
        ref.indexedBy = null;
      } else {
        this.i += 2;
        ref.indexedBy = this.ident();
      }
    }
    return ref;
  }

  /** True at `INDEXED BY` or `NOT INDEXED`. */
  private atIndexedHint(): boolean {
    const t = this.types[this.i];
    if (t === K.NOT) {
      this.i++;
      const yes = this.isWord("INDEXED");
      this.i--;
      return yes;
    }
    return this.isWord("INDEXED") && this.types[this.i + 1] === K.BY;
  }
}
