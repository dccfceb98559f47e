/**
 * Primaries: literals, names, calls, parentheses, CASE, CAST, EXISTS,
 * parameters, and type names. Folder-private.
 *
 * @module
 */

import type {
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

const INT64_MAX = 0x7fffffffffffffffn;
const INT64_MIN = -0x8000000000000000n;

/** Parses primaries; subclasses supply operators and SELECT. */
export abstract class PrimaryParser extends TokenCursor {
  /** Parses a full query (used for subqueries). */
  protected abstract parseSelect(): SelectStmt;

  /** Parses an expression (all operators when `minPrec` is omitted). */
  protected abstract parseExpr(minPrec?: number): Expr;

  /** True when the current token starts a query. */
  protected atSelectStart(): boolean {
    const t = this.types[this.i];
    return t === K.SELECT || t === K.VALUES || t === K.WITH;
  }

  /** `[schema.]table` read as `SELECT * FROM [schema.]table`. */
  protected tableAsSelect(): SelectStmt {
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
      // Hex literals are 64-bit two's complement, as in SQLite: at most 16
      // significant digits, and -0x8000000000000000 cannot be negated.
      let first = 2;
      while (text.charCodeAt(first) === 48) first++;
      v = BigInt.asIntN(64, BigInt(text));
      if (text.length - first > 16 || (negate && v === INT64_MIN)) {
        this.fail(idx, `hex literal too big: ${negate ? "-" : ""}${text}`);
      }
    } else {
      // Up to 15 digits is below 2^53, where going through a double is
      // exact and several times faster than BigInt(string).
      v = text.length <= 15 ? BigInt(Number(text)) : BigInt(text);
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
    if (!this.isIdent(t)) {
      return this.fail(idx, undefined, "expected an expression");
    }
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
