/**
 * The SQL tokenizer: one pass over the text, in the manner of SQLite's
 * `tokenize.c`, recording a type, a span and a line/column for every token.
 *
 * @module
 */

import { T } from "./_tokens.ts";
import { keywordType, MAX_KEYWORD_LENGTH } from "./_keyword_hash.ts";
import {
  C_DIGIT,
  C_DOLLAR,
  C_IDSTART,
  C_SPACE,
  CLASS,
  isDigit,
  isHexDigit,
  isIdChar,
  isIdStart,
  lexError,
  lexNumber,
} from "./_lex_chars.ts";

/** One-character tokens that never begin a longer token: char code -> T. */
const SINGLE_CHAR_TOKEN = new Uint8Array(128);
for (
  const [ch, type] of [
    ["(", T.LP],
    [")", T.RP],
    [",", T.COMMA],
    [";", T.SEMI],
    ["+", T.PLUS],
    ["*", T.STAR],
    ["%", T.REM],
    ["~", T.BITNOT],
    ["&", T.BITAND],
  ] as const
) SINGLE_CHAR_TOKEN[ch.charCodeAt(0)] = type;

/**
 * The tokens of one SQL text, as parallel arrays (index = token number).
 * The last token is always `EOF`.
 *
 * @example
 * ```ts
 * import { tokenize } from "./lexer.ts";
 * const toks = tokenize("SELECT 1");
 * console.log(toks.count); // 3: SELECT, 1, EOF
 * ```
 */
export interface TokenList {
  /** The text that was tokenized. */
  readonly source: string;
  /** Number of tokens including the final EOF. */
  readonly count: number;
  /** Token type codes (keywords are >= 64). */
  readonly types: readonly number[];
  /** Start offsets. */
  readonly starts: readonly number[];
  /** End offsets (exclusive). */
  readonly ends: readonly number[];
  /**
   * Offsets at which lines start (the first is 0), ascending: line and
   * column of an offset are found from it when a position is needed.
   */
  readonly lineStarts: readonly number[];
  /**
   * Decoded text: identifiers without quotes, string contents with `''`
   * undone, number and parameter text as written; undefined for
   * punctuation and keywords (their text is the source span).
   */
  readonly values: readonly (string | undefined)[];
}

/**
 * Splits SQL text into tokens. Whitespace and comments (`-- ...` to end of
 * line, `/* ... *\/`) are skipped. An unterminated block comment runs to
 * the end of the text, as in SQLite.
 *
 * @param sql the text
 * @returns the tokens, ending with EOF
 * @throws {SqlSyntaxError} on a character or literal that cannot start a
 *   token, e.g. `unrecognized token: "#"`
 *
 * @example
 * ```ts
 * import { tokenize } from "./lexer.ts";
 * const { values } = tokenize("SELECT 'it''s'");
 * console.log(values[1]); // "it's"
 * ```
 */
export function tokenize(sql: string): TokenList {
  const types: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const lineStarts: number[] = [0];
  const values: (string | undefined)[] = [];
  const n = sql.length;
  let i = 0;

  const fail = (reason: string, at: number): never => lexError(sql, reason, at);
  const unrecognized = (from: number, to: number): never =>
    lexError(
      sql,
      `unrecognized token: "${sql.slice(from, Math.min(to, n))}"`,
      from,
    );

  while (i < n) {
    let c = sql.charCodeAt(i);
    // Whitespace.
    if (c < 128 && CLASS[c] === C_SPACE) {
      if (c === 10) {
        lineStarts.push(i + 1);
      }
      i++;
      continue;
    }
    const start = i;
    let type: number;
    let value: string | undefined = undefined;
    switch (c) {
      case 45: // -
        if (sql.charCodeAt(i + 1) === 45) {
          i += 2;
          while (i < n && sql.charCodeAt(i) !== 10) i++;
          continue;
        }
        type = T.MINUS;
        i++;
        break;
      case 47: // /
        if (sql.charCodeAt(i + 1) === 42) {
          i += 2;
          while (i < n) {
            c = sql.charCodeAt(i);
            if (c === 42 && sql.charCodeAt(i + 1) === 47) {
              i += 2;
              break;
            }
            if (c === 10) {
              lineStarts.push(i + 1);
            }
            i++;
          }
          continue;
        }
        type = T.SLASH;
        i++;
        break;
      case 124: // |
        if (sql.charCodeAt(i + 1) === 124) {
          type = T.CONCAT;
          i += 2;
        } else {
          type = T.BITOR;
          i++;
        }
        break;
      case 61: // =
        type = T.EQ;
        i += sql.charCodeAt(i + 1) === 61 ? 2 : 1;
        break;
      case 60: {
        // <
        const d = sql.charCodeAt(i + 1);
        if (d === 61) {
          type = T.LE;
          i += 2;
        } else if (d === 62) {
          type = T.NE;
          i += 2;
        } else if (d === 60) {
          type = T.LSHIFT;
          i += 2;
        } else {
          type = T.LT;
          i++;
        }
        break;
      }
      case 62: {
        // >
        const d = sql.charCodeAt(i + 1);
        if (d === 61) {
          type = T.GE;
          i += 2;
        } else if (d === 62) {
          type = T.RSHIFT;
          i += 2;
        } else {
          type = T.GT;
          i++;
        }
        break;
      }
      case 33: // !
        if (sql.charCodeAt(i + 1) !== 61) unrecognized(i, i + 1);
        type = T.NE;
        i += 2;
        break;
      case 58: // :
        if (sql.charCodeAt(i + 1) === 58) {
          type = T.DCOLON;
          i += 2;
          break;
        }
        i++;
        if (i >= n || !isIdChar(sql.charCodeAt(i))) unrecognized(start, i);
        while (i < n && isIdChar(sql.charCodeAt(i))) i++;
        type = T.PARAM;
        value = sql.slice(start, i);
        break;
      case 64: // @
        if (sql.charCodeAt(i + 1) === 64) {
          type = T.MATCH;
          i += 2;
          break;
        }
        i++;
        if (i >= n || !isIdChar(sql.charCodeAt(i))) unrecognized(start, i);
        while (i < n && isIdChar(sql.charCodeAt(i))) i++;
        type = T.PARAM;
        value = sql.slice(start, i);
        break;
      case 36: // $
        i++;
        if (i >= n || !isIdChar(sql.charCodeAt(i))) unrecognized(start, i);
        while (i < n && isIdChar(sql.charCodeAt(i))) i++;
        type = T.PARAM;
        value = sql.slice(start, i);
        break;
      case 63: // ?
        i++;
        while (i < n && isDigit(sql.charCodeAt(i))) i++;
        type = T.PARAM;
        value = sql.slice(start, i);
        break;
      case 39: {
        // '...' with '' for a quote.
        i++;
        let seg = i;
        let out: string | undefined = undefined;
        for (;;) {
          if (i >= n) fail("unterminated string literal", start);
          c = sql.charCodeAt(i);
          if (c === 39) {
            if (sql.charCodeAt(i + 1) === 39) {
              out = (out ?? "") + sql.slice(seg, i + 1);
              i += 2;
              seg = i;
              continue;
            }
            break;
          }
          if (c === 10) {
            lineStarts.push(i + 1);
          }
          i++;
        }
        value = out === undefined ? sql.slice(seg, i) : out + sql.slice(seg, i);
        i++;
        type = T.STRING;
        break;
      }
      case 34: // "..."
      case 96: {
        // `...`
        const q = c;
        i++;
        let seg = i;
        let out: string | undefined = undefined;
        for (;;) {
          if (i >= n) fail("unterminated quoted identifier", start);
          c = sql.charCodeAt(i);
          if (c === q) {
            if (sql.charCodeAt(i + 1) === q) {
              out = (out ?? "") + sql.slice(seg, i + 1);
              i += 2;
              seg = i;
              continue;
            }
            break;
          }
          if (c === 10) {
            lineStarts.push(i + 1);
          }
          i++;
        }
        value = out === undefined ? sql.slice(seg, i) : out + sql.slice(seg, i);
        i++;
        type = T.QID;
        break;
      }
      case 91: {
        // [...]
        i++;
        while (i < n && sql.charCodeAt(i) !== 93) {
          if (sql.charCodeAt(i) === 10) {
            lineStarts.push(i + 1);
          }
          i++;
        }
        if (i >= n) fail("unterminated quoted identifier", start);
        value = sql.slice(start + 1, i);
        i++;
        type = T.QID;
        break;
      }
      case 46: // .
        if (!isDigit(sql.charCodeAt(i + 1))) {
          type = T.DOT;
          i++;
          break;
        }
        i = lexNumber(sql, i);
        type = (i & 1) === 1 ? T.FLOAT : T.INTEGER;
        i >>>= 1;
        value = sql.slice(start, i);
        break;
      default:
        if (c < 128 && SINGLE_CHAR_TOKEN[c] !== 0) {
          type = SINGLE_CHAR_TOKEN[c]!;
          i++;
        } else if (isDigit(c)) {
          i = lexNumber(sql, i);
          type = (i & 1) === 1 ? T.FLOAT : T.INTEGER;
          i >>>= 1;
          value = sql.slice(start, i);
        } else if (
          (c === 120 || c === 88) && sql.charCodeAt(i + 1) === 39
        ) {
          // X'...' blob literal: hex digits in pairs.
          i += 2;
          while (i < n && isHexDigit(sql.charCodeAt(i))) i++;
          if (sql.charCodeAt(i) !== 39 || (i - start - 2) % 2 !== 0) {
            while (i < n && sql.charCodeAt(i) !== 39) i++;
            unrecognized(start, i + 1);
          }
          value = sql.slice(start + 2, i);
          i++;
          type = T.BLOB;
        } else if (isIdStart(c)) {
          // Keywords are plain ASCII words: anything with a digit, '$' or a
          // non-ASCII character (U+017F would upper-case to "S") is a name.
          let plain = true;
          i++;
          while (i < n) {
            c = sql.charCodeAt(i);
            if (c < 128) {
              const k = CLASS[c];
              if (k === C_IDSTART) {
                i++;
                continue;
              }
              if (k !== C_DIGIT && k !== C_DOLLAR) break;
            }
            plain = false;
            i++;
          }
          const len = i - start;
          type = plain && len >= 2 && len <= MAX_KEYWORD_LENGTH
            ? keywordType(sql, start, i)
            : T.ID;
          // Keywords carry no value: their text is the source span.
          if (type === T.ID) value = sql.slice(start, i);
        } else {
          // A lone surrogate or control character: report one code point.
          unrecognized(start, start + (c >= 0xd800 && c < 0xdc00 ? 2 : 1));
          type = T.EOF; // unreachable
        }
    }
    types.push(type);
    starts.push(start);
    ends.push(i);
    values.push(value);
  }
  types.push(T.EOF);
  starts.push(n);
  ends.push(n);
  values.push(undefined);
  return {
    source: sql,
    count: types.length,
    types,
    starts,
    ends,
    lineStarts,
    values,
  };
}
