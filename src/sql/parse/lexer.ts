/**
 * The SQL tokenizer: one pass over the text, in the manner of SQLite's
 * `tokenize.c`, recording a type, a span and a line/column for every token.
 *
 * @module
 */

import { SqlSyntaxError } from "./errors.ts";
import { KEYWORDS, T } from "./_tokens.ts";

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
 * Keyword recognition without building a string, in the manner of SQLite's
 * keywordhash.h: a case-folded hash of the word picks a slot of an
 * open-addressing table, and the candidate is confirmed letter by letter.
 */
const KW_SLOTS = 512;
const KW_TABLE = new Int16Array(KW_SLOTS).fill(-1);
const KW_SPELLING: string[] = [];
const KW_TYPE: number[] = [];
let MAX_KEYWORD_LENGTH = 0;

function foldedHash(s: string, from: number, to: number): number {
  let h = 0;
  for (let k = from; k < to; k++) {
    h = (Math.imul(h, 31) + (s.charCodeAt(k) | 0x20)) | 0;
  }
  return (h ^ (h >>> 9)) & (KW_SLOTS - 1);
}

for (const [k, t] of KEYWORDS) {
  let slot = foldedHash(k, 0, k.length);
  while (KW_TABLE[slot] !== -1) slot = (slot + 1) & (KW_SLOTS - 1);
  KW_TABLE[slot] = KW_SPELLING.length;
  let folded = "";
  for (let j = 0; j < k.length; j++) {
    folded += String.fromCharCode(k.charCodeAt(j) | 0x20);
  }
  KW_SPELLING.push(folded);
  KW_TYPE.push(t);
  if (k.length > MAX_KEYWORD_LENGTH) MAX_KEYWORD_LENGTH = k.length;
}

/** Keyword token type of the ASCII word `sql[from..to)`, or T.ID. */
function keywordType(sql: string, from: number, to: number): number {
  const len = to - from;
  let slot = foldedHash(sql, from, to);
  for (;;) {
    const kw = KW_TABLE[slot];
    if (kw === -1) return T.ID;
    const spelling = KW_SPELLING[kw];
    if (spelling.length === len) {
      let k = 0;
      // Both sides are folded with | 0x20: letters lose their case and '_'
      // (the only other keyword character) becomes 0x7f, which no word
      // character can fold to.
      while (
        k < len &&
        (sql.charCodeAt(from + k) | 0x20) === spelling.charCodeAt(k)
      ) k++;
      if (k === len) return KW_TYPE[kw];
    }
    slot = (slot + 1) & (KW_SLOTS - 1);
  }
}

// Character classes of the ASCII range.
// Class 0 is "anything else".
const C_SPACE = 1;
const C_IDSTART = 2; // letters and _
const C_DIGIT = 3;
const C_DOLLAR = 4;

const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if (c === 32 || (c >= 9 && c <= 13)) CLASS[c] = C_SPACE;
  else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) {
    CLASS[c] = C_IDSTART;
  } else if (c >= 48 && c <= 57) CLASS[c] = C_DIGIT;
  else if (c === 36) CLASS[c] = C_DOLLAR;
}

function isIdChar(c: number): boolean {
  if (c >= 128) return true;
  const k = CLASS[c];
  return k === C_IDSTART || k === C_DIGIT || k === C_DOLLAR;
}

function isIdStart(c: number): boolean {
  return c >= 128 ? true : CLASS[c] === C_IDSTART;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
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
      case 40:
        type = T.LP;
        i++;
        break;
      case 41:
        type = T.RP;
        i++;
        break;
      case 44:
        type = T.COMMA;
        i++;
        break;
      case 59:
        type = T.SEMI;
        i++;
        break;
      case 43:
        type = T.PLUS;
        i++;
        break;
      case 42:
        type = T.STAR;
        i++;
        break;
      case 37:
        type = T.REM;
        i++;
        break;
      case 126:
        type = T.BITNOT;
        i++;
        break;
      case 38:
        type = T.BITAND;
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
        type = numberType;
        value = sql.slice(start, i);
        break;
      default:
        if (isDigit(c)) {
          i = lexNumber(sql, i);
          type = numberType;
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

/** Type of the number scanned by the last {@linkcode lexNumber} call. */
let numberType: number = T.INTEGER;

/**
 * Scans a number starting at `i` (a digit, or '.' then a digit) and returns
 * its end; the token type is left in `numberType`. A module function rather
 * than a closure so the main loop's index stays in a register.
 */
function lexNumber(sql: string, i: number): number {
  const n = sql.length;
  const start = i;
  let c = sql.charCodeAt(i);
  if (
    c === 48 && (sql.charCodeAt(i + 1) | 32) === 120 &&
    isHexDigit(sql.charCodeAt(i + 2))
  ) {
    i += 2;
    while (i < n && isHexDigit(sql.charCodeAt(i))) i++;
    if (i < n && isIdChar(sql.charCodeAt(i))) unrecognizedTail(sql, start, i);
    numberType = T.INTEGER;
    return i;
  }
  let type: number = T.INTEGER;
  while (i < n && isDigit(sql.charCodeAt(i))) i++;
  if (sql.charCodeAt(i) === 46) {
    type = T.FLOAT;
    i++;
    while (i < n && isDigit(sql.charCodeAt(i))) i++;
  }
  c = sql.charCodeAt(i);
  if (c === 101 || c === 69) {
    let j = i + 1;
    const s = sql.charCodeAt(j);
    if (s === 43 || s === 45) j++;
    if (isDigit(sql.charCodeAt(j))) {
      type = T.FLOAT;
      i = j;
      while (i < n && isDigit(sql.charCodeAt(i))) i++;
    } else {
      unrecognizedTail(sql, start, j);
    }
  }
  if (i < n && isIdChar(sql.charCodeAt(i))) unrecognizedTail(sql, start, i);
  numberType = type;
  return i;
}

function unrecognizedTail(sql: string, from: number, i: number): never {
  while (i < sql.length && isIdChar(sql.charCodeAt(i))) i++;
  return lexError(sql, `unrecognized token: "${sql.slice(from, i)}"`, from);
}

/** Throws a {@linkcode SqlSyntaxError} at offset `at` of `sql`. */
function lexError(sql: string, reason: string, at: number): never {
  let line = 1;
  let lineStart = 0;
  for (let j = 0; j < at && j < sql.length; j++) {
    if (sql.charCodeAt(j) === 10) {
      line++;
      lineStart = j + 1;
    }
  }
  throw new SqlSyntaxError(reason, {
    line,
    column: at - lineStart + 1,
    offset: at,
    source: sql,
  });
}
