/**
 * Expressions, by precedence climbing over SQLite's operator table.
 * Folder-private.
 *
 * @module
 */

import type {
  BinaryOp,
  CallExpr,
  CaseExpr,
  Expr,
  LiteralExpr,
  Pos,
  SelectStmt,
  TypeName,
  WhenClause,
} from "./ast.ts";
import { TokenCursor } from "./_cursor.ts";
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

const INT64_MAX = 0x7fffffffffffffffn;
/** Deepest expression / subquery / FROM nesting accepted. */
export const MAX_DEPTH = 1000;
const INT64_MIN = -0x8000000000000000n;

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

/** Parses expressions; subclasses supply SELECT. */
export abstract class ExprParser extends TokenCursor {
  /** Parses a full query (used for subqueries). */
  protected abstract parseSelect(): SelectStmt;

  /** True when the current token starts a query. */
  protected atSelectStart(): boolean {
    const t = this.types[this.i];
    return t === K.SELECT || t === K.VALUES || t === K.WITH;
  }

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
        const low = this.parseExpr(PREC.RELATIONAL);
        this.expect(K.AND);
        const high = this.parseExpr(PREC.RELATIONAL);
        return { kind: "between", pos, not, expr: left, low, high };
      }
      default:
        return this.fail(this.i - 1);
    }
  }

  /** `[schema.]table` read as `SELECT * FROM [schema.]table`. */
  private tableAsSelect(): SelectStmt {
    const pos = this.pos();
    const { schema, name } = this.qualifiedName();
    return {
      kind: "select",
      pos,
      body: {
        kind: "select_core",
        pos,
        distinct: false,
        columns: [{ pos, expr: { kind: "star", pos }, text: "*" }],
        from: schema === undefined
          ? { kind: "table", pos, name }
          : { kind: "table", pos, schema, name },
        groupBy: [],
      },
      orderBy: [],
    };
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

  /** The literal of number token `idx`, negated when `negate`. */
  protected numberLiteral(
    idx: number,
    negate: boolean,
    pos: Pos = this.posAt(idx),
  ): LiteralExpr {
    const text = this.toks.values[idx] ?? "0";
    if (this.types[idx] === T.FLOAT) {
      const v = Number(text);
      return { kind: "literal", pos, value: negate ? -v : v };
    }
    let v: bigint;
    const c1 = text.charCodeAt(1);
    if (c1 === 120 || c1 === 88) {
      // Hex literals are 64-bit two's complement, as in SQLite.
      if (text.length > 18) this.fail(idx, `hex literal too big: ${text}`);
      v = BigInt.asIntN(64, BigInt(text));
    } else {
      v = BigInt(text);
    }
    if (negate) v = -v;
    if (v > INT64_MAX || v < INT64_MIN) {
      // Out of the 64-bit range: a REAL, like SQLite.
      return { kind: "literal", pos, value: Number(v) };
    }
    return { kind: "literal", pos, value: v };
  }

  /** Literals, names, calls, parentheses, CASE, CAST, EXISTS, parameters. */
  protected parsePrimary(): Expr {
    const idx = this.i;
    const t = this.types[idx];
    const pos = this.posAt(idx);
    switch (t) {
      case T.INTEGER:
      case T.FLOAT:
        this.i++;
        return this.numberLiteral(idx, false, pos);
      case T.STRING:
        this.i++;
        return { kind: "literal", pos, value: this.toks.values[idx] ?? "" };
      case K.NULL:
        this.i++;
        return { kind: "literal", pos, value: null };
      case K.TRUE:
        this.i++;
        return { kind: "literal", pos, value: true };
      case K.FALSE:
        this.i++;
        return { kind: "literal", pos, value: false };
      case K.CURRENT_TIMESTAMP:
      case K.CURRENT_DATE:
      case K.CURRENT_TIME:
        this.i++;
        return {
          kind: "current",
          pos,
          name: t === K.CURRENT_TIMESTAMP
            ? "CURRENT_TIMESTAMP"
            : t === K.CURRENT_DATE
            ? "CURRENT_DATE"
            : "CURRENT_TIME",
        };
      case T.PARAM: {
        const p = this.paramIndex();
        this.i++;
        return p.name === undefined
          ? { kind: "param", pos, index: p.index }
          : { kind: "param", pos, index: p.index, name: p.name };
      }
      case T.BLOB:
        this.i++;
        return {
          kind: "literal",
          pos,
          value: decodeHexUtf8(this.toks.values[idx] ?? ""),
          blob: true,
        };
      case T.LP: {
        this.i++;
        if (this.atSelectStart()) {
          const select = this.parseSelect();
          this.expect(T.RP);
          return { kind: "subquery", pos, select };
        }
        const e = this.parseExpr();
        if (this.types[this.i] === T.COMMA) {
          this.fail(this.i, "row values are not supported");
        }
        this.expect(T.RP);
        return e;
      }
      case K.CAST: {
        this.i++;
        this.expect(T.LP);
        const expr = this.parseExpr();
        this.expect(K.AS);
        const type = this.parseTypeName(Infinity);
        this.expect(T.RP);
        return { kind: "cast", pos, expr, type };
      }
      case K.CASE:
        return this.parseCase();
      case K.EXISTS: {
        this.i++;
        this.expect(T.LP);
        const select = this.parseSelect();
        this.expect(T.RP);
        return { kind: "exists", pos, select };
      }
      default:
        break;
    }
    if (!this.isIdent(t)) return this.fail(idx);
    const name = this.textAt(idx);
    this.i++;
    const u = this.types[this.i];
    if (u === T.LP) return this.parseCall(name, pos);
    if (u !== T.DOT) return { kind: "column", pos, name };
    this.i++;
    const second = this.ident();
    if (this.types[this.i] !== T.DOT) {
      return { kind: "column", pos, table: name, name: second };
    }
    this.i++;
    return {
      kind: "column",
      pos,
      schema: name,
      table: second,
      name: this.ident(),
    };
  }

  /** `name(...)`, the cursor on `(`. */
  private parseCall(name: string, pos: Pos): CallExpr {
    this.i++;
    if (this.accept(T.STAR)) {
      this.expect(T.RP);
      return { kind: "call", pos, name, args: [], distinct: false, star: true };
    }
    if (this.accept(T.RP)) {
      return {
        kind: "call",
        pos,
        name,
        args: [],
        distinct: false,
        star: false,
      };
    }
    const distinct = this.accept(K.DISTINCT);
    if (!distinct) this.accept(K.ALL);
    const args = [this.parseExpr()];
    while (this.accept(T.COMMA)) args.push(this.parseExpr());
    this.expect(T.RP);
    return { kind: "call", pos, name, args, distinct, star: false };
  }

  /** `CASE [x] WHEN a THEN b ... [ELSE c] END`. */
  private parseCase(): CaseExpr {
    const pos = this.pos();
    this.i++;
    const operand = this.types[this.i] === K.WHEN
      ? undefined
      : this.parseExpr();
    const whens: WhenClause[] = [];
    if (this.types[this.i] !== K.WHEN) this.fail();
    while (this.accept(K.WHEN)) {
      const when = this.parseExpr();
      this.expect(K.THEN);
      whens.push({ when, then: this.parseExpr() });
    }
    const elseExpr = this.accept(K.ELSE) ? this.parseExpr() : undefined;
    this.expect(K.END);
    const node: {
      kind: "case";
      pos: Pos;
      whens: WhenClause[];
      operand?: Expr;
      else?: Expr;
    } = { kind: "case", pos, whens };
    if (operand !== undefined) node.operand = operand;
    if (elseExpr !== undefined) node.else = elseExpr;
    return node;
  }

  /**
   * A type name: up to `maxWords` identifier words, then optional
   * `(n [, m])` with signed numbers.
   */
  protected parseTypeName(maxWords: number): TypeName {
    const pos = this.pos();
    let name = this.ident().toUpperCase();
    for (let w = 1; w < maxWords && this.isIdent(this.types[this.i]); w++) {
      name += " " + this.ident().toUpperCase();
    }
    const args: number[] = [];
    if (this.accept(T.LP)) {
      args.push(this.signedNumber());
      if (this.accept(T.COMMA)) args.push(this.signedNumber());
      this.expect(T.RP);
    }
    return { pos, name, args };
  }

  /** `[+|-] number` as a JS number. */
  protected signedNumber(): number {
    const neg = this.types[this.i] === T.MINUS;
    if (neg || this.types[this.i] === T.PLUS) this.i++;
    const t = this.types[this.i];
    if (t !== T.INTEGER && t !== T.FLOAT) this.fail();
    const v = Number(this.numberLiteral(this.i, neg).value);
    this.i++;
    return v;
  }
}

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** The bytes spelt by an even-length hex string, decoded as UTF-8. */
function decodeHexUtf8(hex: string): string {
  const bytes = new Uint8Array(hex.length >> 1);
  for (let k = 0; k < bytes.length; k++) {
    bytes[k] = parseInt(hex.slice(2 * k, 2 * k + 2), 16);
  }
  return utf8.decode(bytes);
}
