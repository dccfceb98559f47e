/**
 * Expressions, by precedence climbing over SQLite's operator table.
 * Folder-private.
 *
 * @module
 */

import type { BinaryOp, Expr, Pos } from "./ast.ts";
import { PrimaryParser } from "./_primary_parser.ts";
import { K, T } from "./_tokens.ts";

/**
 * Binding strength of operators, loosest first. The formatter uses the same
 * table to decide where parentheses are needed.
 */
export const PREC = {
  OR: 1,
  AND: 2,
  NOT: 3,
  /** = != IS IS NOT IN LIKE GLOB BETWEEN ISNULL NOTNULL @@ */
  EQUALITY: 4,
  /** < <= > >= */
  RELATIONAL: 5,
  /** << >> & | */
  BITWISE: 6,
  ADDITIVE: 7,
  MULTIPLICATIVE: 8,
  CONCAT: 9,
  COLLATE: 10,
  UNARY: 11,
  /** `::` casts */
  POSTFIX: 12,
  PRIMARY: 13,
} as const;

/** Deepest expression / subquery / FROM nesting accepted. */
export const MAX_DEPTH = 1000;

/** Token type -> [binary operator, precedence] for the plain binary operators. */
const BINARY: ReadonlyMap<number, readonly [BinaryOp, number]> = new Map([
  [K.OR, ["OR", PREC.OR]],
  [K.AND, ["AND", PREC.AND]],
  [T.EQ, ["=", PREC.EQUALITY]],
  [T.NE, ["!=", PREC.EQUALITY]],
  [T.MATCH, ["@@", PREC.EQUALITY]],
  [T.LT, ["<", PREC.RELATIONAL]],
  [T.LE, ["<=", PREC.RELATIONAL]],
  [T.GT, [">", PREC.RELATIONAL]],
  [T.GE, [">=", PREC.RELATIONAL]],
  [T.LSHIFT, ["<<", PREC.BITWISE]],
  [T.RSHIFT, [">>", PREC.BITWISE]],
  [T.BITAND, ["&", PREC.BITWISE]],
  [T.BITOR, ["|", PREC.BITWISE]],
  [T.PLUS, ["+", PREC.ADDITIVE]],
  [T.MINUS, ["-", PREC.ADDITIVE]],
  [T.STAR, ["*", PREC.MULTIPLICATIVE]],
  [T.SLASH, ["/", PREC.MULTIPLICATIVE]],
  [T.REM, ["%", PREC.MULTIPLICATIVE]],
  [T.CONCAT, ["||", PREC.CONCAT]],
] as [number, readonly [BinaryOp, number]][]);

/** Parses operator expressions over the primaries; subclasses supply SELECT. */
export abstract class ExprParser extends PrimaryParser {
  /**
   * Parses an expression whose operators all bind at least as tightly as
   * `minPrec`.
   */
  protected parseExpr(minPrec: number = PREC.OR): Expr {
    // Bounded like SQLite's SQLITE_MAX_EXPR_DEPTH so that deep nesting is a
    // syntax error, not a stack overflow.
    if (++this.depth > MAX_DEPTH) {
      this.fail(
        this.i,
        `expression tree is too large (maximum depth ${MAX_DEPTH})`,
      );
    }
    const e = this.parseBinary(minPrec);
    this.depth--;
    return e;
  }

  private parseBinary(minPrec: number): Expr {
    const startIdx = this.i;
    let left = this.parsePrefix();
    for (;;) {
      const t = this.types[this.i];
      const bin = BINARY.get(t);
      if (bin !== undefined) {
        const prec = bin[1];
        if (prec < minPrec) return left;
        this.i++;
        const right = this.parseExpr(prec + 1);
        left = {
          kind: "binary",
          pos: this.posAt(startIdx),
          op: bin[0],
          left,
          right,
        };
        continue;
      }
      let prec: number;
      switch (t) {
        case K.IS:
        case K.IN:
        case K.LIKE:
        case K.GLOB:
        case K.BETWEEN:
        case K.ISNULL:
        case K.NOTNULL:
          prec = PREC.EQUALITY;
          break;
        case K.NOT: {
          const u = this.types[this.i + 1];
          if (
            u !== K.NULL && u !== K.IN && u !== K.LIKE && u !== K.GLOB &&
            u !== K.BETWEEN
          ) return left;
          prec = PREC.EQUALITY;
          break;
        }
        case K.COLLATE:
          prec = PREC.COLLATE;
          break;
        case T.DCOLON:
          prec = PREC.POSTFIX;
          break;
        default:
          return left;
      }
      if (prec < minPrec) return left;
      left = this.parseSpecialInfix(left, this.posAt(startIdx));
    }
  }

  /** The infix and postfix forms that are not a plain `left op right`. */
  private parseSpecialInfix(left: Expr, pos: Pos): Expr {
    const t = this.types[this.i++];
    switch (t) {
      case K.ISNULL:
        return { kind: "is_null", pos, not: false, expr: left };
      case K.NOTNULL:
        return { kind: "is_null", pos, not: true, expr: left };
      case K.COLLATE:
        return {
          kind: "collate",
          pos,
          expr: left,
          collation: this.ident().toUpperCase(),
        };
      case T.DCOLON:
        return { kind: "cast", pos, expr: left, type: this.parseTypeName(1) };
      case K.IS: {
        let not = this.accept(K.NOT);
        if (this.types[this.i] === K.DISTINCT) {
          this.i++;
          this.expect(K.FROM);
          // IS DISTINCT FROM is IS NOT; IS NOT DISTINCT FROM is IS.
          not = !not;
        }
        const rightIdx = this.i;
        const right = this.parseExpr(PREC.RELATIONAL);
        if (
          this.i === rightIdx + 1 && this.types[rightIdx] === K.NULL
        ) return { kind: "is_null", pos, not, expr: left };
        return {
          kind: "binary",
          pos,
          op: not ? "IS NOT" : "IS",
          left,
          right,
        };
      }
      case K.NOT:
        return this.parseNegatable(left, pos, true);
      default:
        this.i--;
        return this.parseNegatable(left, pos, false);
    }
  }

  /** `[NOT] NULL | IN | LIKE | GLOB | BETWEEN`, the NOT already consumed. */
  private parseNegatable(left: Expr, pos: Pos, not: boolean): Expr {
    const t = this.types[this.i++];
    switch (t) {
      case K.NULL:
        return { kind: "is_null", pos, not: true, expr: left };
      case K.IN: {
        if (this.types[this.i] !== T.LP) {
          return {
            kind: "in_select",
            pos,
            not,
            expr: left,
            select: this.tableAsSelect(),
          };
        }
        this.i++;
        if (this.atSelectStart()) {
          const select = this.parseSelect();
          this.expect(T.RP);
          return { kind: "in_select", pos, not, expr: left, select };
        }
        const list: Expr[] = [];
        if (this.types[this.i] !== T.RP) {
          list.push(this.parseExpr());
          while (this.accept(T.COMMA)) list.push(this.parseExpr());
        }
        this.expect(T.RP);
        return { kind: "in_list", pos, not, expr: left, list };
      }
      case K.LIKE:
      case K.GLOB: {
        const pattern = this.parseExpr(PREC.RELATIONAL);
        if (t === K.LIKE && this.accept(K.ESCAPE)) {
          const escape = this.parseExpr(PREC.RELATIONAL);
          return {
            kind: "like",
            pos,
            op: "LIKE",
            not,
            expr: left,
            pattern,
            escape,
          };
        }
        return {
          kind: "like",
          pos,
          op: t === K.LIKE ? "LIKE" : "GLOB",
          not,
          expr: left,
          pattern,
        };
      }
      case K.BETWEEN: {
        // SQLite's grammar lets the low bound hold =, IS, LIKE, ... (it
        // cannot end before the AND), but the high bound stops at them.
        const low = this.parseExpr(PREC.EQUALITY);
        this.expect(K.AND);
        const high = this.parseExpr(PREC.RELATIONAL);
        return { kind: "between", pos, not, expr: left, low, high };
      }
      default:
        return this.fail(this.i - 1);
    }
  }

  /** Prefix operators, then a primary. */
  private parsePrefix(): Expr {
    const t = this.types[this.i];
    switch (t) {
      case K.NOT: {
        const pos = this.pos();
        this.i++;
        const operand = this.parseExpr(PREC.EQUALITY);
        return { kind: "unary", pos, op: "NOT", operand };
      }
      case T.MINUS: {
        const pos = this.pos();
        this.i++;
        const litIdx = this.i;
        const u = this.types[litIdx];
        const operand = this.parseExpr(PREC.UNARY);
        // Fold "-<number>" so the most negative 64-bit integer stays exact.
        if (
          (u === T.INTEGER || u === T.FLOAT) && this.i === litIdx + 1 &&
          operand.kind === "literal"
        ) return this.numberLiteral(litIdx, true, pos);
        return { kind: "unary", pos, op: "-", operand };
      }
      case T.PLUS:
      case T.BITNOT: {
        const pos = this.pos();
        this.i++;
        const operand = this.parseExpr(PREC.UNARY);
        return { kind: "unary", pos, op: t === T.PLUS ? "+" : "~", operand };
      }
      default:
        return this.parsePrimary();
    }
  }
}
