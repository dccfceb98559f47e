/**
 * A cursor over a {@linkcode TokenList} with the small helpers every part of
 * the parser uses. Folder-private.
 *
 * @module
 */

import type { Pos } from "./ast.ts";
import { SqlSyntaxError } from "./errors.ts";
import { tokenize, type TokenList } from "./lexer.ts";
import {
  isNonReservedKeyword,
  K,
  KEYWORD_NAMES,
  KW_BASE,
  PUNCT_TEXT,
  T,
} from "./_tokens.ts";

/** Largest parameter number accepted (SQLite's default limit). */
const MAX_PARAM = 32766;

/** Token navigation, error reporting and parameter numbering. */
export class TokenCursor {
  protected readonly toks: TokenList;
  protected readonly types: readonly number[];
  protected readonly src: string;
  /** Index of the current token. */
  protected i = 0;
  /** Largest parameter index used so far in the current statement. */
  protected maxParam = 0;
  /** Named parameters of the current statement -> index. */
  protected named: Map<string, number> | undefined;
  /** Current nesting depth of expressions and FROM items. */
  protected depth = 0;

  constructor(sql: string) {
    this.toks = tokenize(sql);
    this.types = this.toks.types;
    this.src = sql;
  }

  /** Type of the current token. */
  protected peek(): number {
    return this.types[this.i];
  }

  /** Type of the token `k` places ahead (EOF past the end). */
  protected peekAt(k: number): number {
    const j = this.i + k;
    return j < this.toks.count ? this.types[j] : T.EOF;
  }

  /** Position of token `idx` (default: the current token). */
  protected posAt(idx: number): Pos {
    // Nodes often start at the same token (a binary and its left operand,
    // a result column and its expression): share their Pos object.
    if (idx === this.lastPosIdx) return this.lastPos;
    this.lastPosIdx = idx;
    return (this.lastPos = this.computePos(idx));
  }

  private lastPosIdx = -1;
  private lastPos: Pos = { line: 1, column: 1, offset: 0 };

  private computePos(idx: number): Pos {
    const t = this.toks;
    const offset = t.starts[idx];
    const ls = t.lineStarts;
    if (ls.length === 1) return { line: 1, column: offset + 1, offset };
    // Binary search: the last line start at or before offset.
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - ls[lo] + 1, offset };
  }

  /** Position of the current token. */
  protected pos(): Pos {
    return this.posAt(this.i);
  }

  /** Consumes the current token when it has type `t`. */
  protected accept(t: number): boolean {
    if (this.types[this.i] === t) {
      this.i++;
      return true;
    }
    return false;
  }

  /** Consumes a token of type `t` or throws a syntax error at the current one. */
  protected expect(t: number): void {
    if (this.types[this.i] !== t) {
      this.fail(this.i, undefined, `expected ${describeToken(t)}`);
    }
    this.i++;
  }

  /** Source text of tokens `from` .. `to - 1`. */
  protected textOf(from: number, to: number): string {
    if (to <= from) return "";
    return this.src.slice(this.toks.starts[from], this.toks.ends[to - 1]);
  }

  /** The current token's decoded value (identifier/number/string text). */
  protected value(): string {
    return this.textAt(this.i);
  }

  /** Decoded value of token `idx`, or its source text (keywords). */
  protected textAt(idx: number): string {
    const t = this.toks;
    return t.values[idx] ?? this.src.slice(t.starts[idx], t.ends[idx]);
  }

  /** True when `t` can be read as an identifier. */
  protected isIdent(t: number): boolean {
    return t === T.ID || t === T.QID || isNonReservedKeyword(t);
  }

  /** True when the current token is the bare word `word` (upper case), keyword or not. */
  protected isWord(word: string): boolean {
    const t = this.types[this.i];
    if (t !== T.ID && t < KW_BASE) return false;
    return this.textAt(this.i).toUpperCase() === word;
  }

  /** Consumes an identifier and returns its text. */
  protected ident(): string {
    const t = this.types[this.i];
    if (!this.isIdent(t)) {
      if (t >= KW_BASE) {
        const word = this.textAt(this.i);
        this.fail(
          this.i,
          `near "${word}": syntax error (${word.toUpperCase()} is a reserved word; quote it, as in "${word}", to use it as a name)`,
        );
      }
      this.fail(this.i, undefined, "expected a name");
    }
    return this.textAt(this.i++);
  }

  /** `name` or `schema.name`. */
  protected qualifiedName(): { schema?: string; name: string } {
    const first = this.ident();
    if (this.types[this.i] === T.DOT) {
      this.i++;
      return { schema: first, name: this.ident() };
    }
    return { name: first };
  }

  /** `( ident, ... )`. */
  protected identList(): string[] {
    this.expect(T.LP);
    const out = [this.ident()];
    while (this.accept(T.COMMA)) out.push(this.ident());
    this.expect(T.RP);
    return out;
  }

  /** Consumes `IF NOT EXISTS` when present. */
  protected ifNotExists(): boolean {
    if (
      this.types[this.i] === K.IF && this.types[this.i + 1] === K.NOT &&
      this.types[this.i + 2] === K.EXISTS
    ) {
      this.i += 3;
      return true;
    }
    return false;
  }

  /** Consumes `IF EXISTS` when present. */
  protected ifExists(): boolean {
    if (this.types[this.i] === K.IF && this.types[this.i + 1] === K.EXISTS) {
      this.i += 2;
      return true;
    }
    return false;
  }

  /** Throws `near "X": syntax error` (or `incomplete input`) at token `idx`. */
  protected fail(idx: number = this.i, reason?: string, hint?: string): never {
    const t = this.toks;
    if (reason === undefined) {
      reason = t.types[idx] === T.EOF
        ? "incomplete input"
        : `near "${this.src.slice(t.starts[idx], t.ends[idx])}": syntax error`;
      if (hint !== undefined) reason += ` (${hint})`;
    }
    const { line, column, offset } = this.posAt(idx);
    throw new SqlSyntaxError(reason, {
      line,
      column,
      offset,
      source: this.src,
    });
  }

  /** Resets parameter numbering (parameters number from 1 in each statement). */
  protected resetParams(): void {
    this.maxParam = 0;
    this.named = undefined;
  }

  /** Index for the PARAM token at the cursor (does not consume it). */
  protected paramIndex(): { index: number; name?: string } {
    const text = this.toks.values[this.i] ?? "?";
    const sigil = text.charCodeAt(0);
    let index: number;
    if (text.length === 1) {
      index = ++this.maxParam;
    } else if (sigil === 63 || isAllDigits(text)) {
      // ?N or $N
      index = Number(text.slice(1));
      if (!(index >= 1 && index <= MAX_PARAM)) {
        this.fail(
          this.i,
          `variable number must be between ?1 and ?${MAX_PARAM}`,
        );
      }
    } else {
      this.named ??= new Map();
      const seen = this.named.get(text);
      if (seen !== undefined) return { index: seen, name: text };
      index = this.maxParam + 1;
      this.named.set(text, index);
      if (index > this.maxParam) this.maxParam = index;
      return { index, name: text };
    }
    if (index > this.maxParam) this.maxParam = index;
    return { index };
  }
}

function isAllDigits(text: string): boolean {
  for (let j = 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c < 48 || c > 57) return false;
  }
  return text.length > 1;
}

/** How an expected token reads in an error message: `")"`, `AND`, ... */
function describeToken(t: number): string {
  if (t >= KW_BASE) return KEYWORD_NAMES[t - KW_BASE];
  const punct = PUNCT_TEXT[t];
  if (punct !== undefined) return `"${punct}"`;
  return t === T.EOF ? "end of input" : "a name";
}
