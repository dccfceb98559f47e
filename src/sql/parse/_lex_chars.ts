/**
 * Character classes and number scanning for the lexer. Folder-private.
 *
 * @module
 */

import { SqlSyntaxError } from "./errors.ts";

// Character classes of the ASCII range.
// Class 0 is "anything else".
export const C_SPACE = 1;
export const C_IDSTART = 2; // letters and _
export const C_DIGIT = 3;
export const C_DOLLAR = 4;

/** Class of each ASCII character. */
export const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if (c === 32 || (c >= 9 && c <= 13)) CLASS[c] = C_SPACE;
  else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) {
    CLASS[c] = C_IDSTART;
  } else if (c >= 48 && c <= 57) CLASS[c] = C_DIGIT;
  else if (c === 36) CLASS[c] = C_DOLLAR;
}

/** True for characters that may continue an identifier. */
export function isIdChar(c: number): boolean {
  if (c >= 128) return true;
  const k = CLASS[c];
  return k === C_IDSTART || k === C_DIGIT || k === C_DOLLAR;
}

/** True for characters that may start an identifier. */
export function isIdStart(c: number): boolean {
  return c >= 128 ? true : CLASS[c] === C_IDSTART;
}

/** True for 0-9. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** True for 0-9, a-f, A-F. */
export function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * Scans a number starting at `i` (a digit, or '.' then a digit). Returns
 * `end * 2 + 1` for a REAL and `end * 2` for an INTEGER, so one number
 * carries both without allocating.
 */
export function lexNumber(sql: string, i: number): number {
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
    return i * 2;
  }
  let real = 0;
  while (i < n && isDigit(sql.charCodeAt(i))) i++;
  if (sql.charCodeAt(i) === 46) {
    real = 1;
    i++;
    while (i < n && isDigit(sql.charCodeAt(i))) i++;
  }
  c = sql.charCodeAt(i);
  if (c === 101 || c === 69) {
    let j = i + 1;
    const s = sql.charCodeAt(j);
    if (s === 43 || s === 45) j++;
    if (isDigit(sql.charCodeAt(j))) {
      real = 1;
      i = j;
      while (i < n && isDigit(sql.charCodeAt(i))) i++;
    } else {
      unrecognizedTail(sql, start, j);
    }
  }
  if (i < n && isIdChar(sql.charCodeAt(i))) unrecognizedTail(sql, start, i);
  return i * 2 + real;
}

function unrecognizedTail(sql: string, from: number, i: number): never {
  while (i < sql.length && isIdChar(sql.charCodeAt(i))) i++;
  return lexError(sql, `unrecognized token: "${sql.slice(from, i)}"`, from);
}

/** Throws a {@linkcode SqlSyntaxError} at offset `at` of `sql`. */
export function lexError(sql: string, reason: string, at: number): never {
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
