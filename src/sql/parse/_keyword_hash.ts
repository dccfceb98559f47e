/**
 * Keyword recognition without building a string, in the manner of SQLite's
 * keywordhash.h. Folder-private.
 *
 * @module
 */

import { KEYWORDS, T } from "./_tokens.ts";

/**
 * Keyword recognition without building a string, in the manner of SQLite's
 * keywordhash.h: a case-folded hash of the word picks a slot of an
 * open-addressing table, and the candidate is confirmed letter by letter.
 */
const KW_SLOTS = 512;
const KW_TABLE = new Int16Array(KW_SLOTS).fill(-1);
const KW_SPELLING: string[] = [];
const KW_TYPE: number[] = [];
let maxLength = 0;

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
  if (k.length > maxLength) maxLength = k.length;
}

/** Keyword token type of the ASCII word `sql[from..to)`, or T.ID. */
export function keywordType(sql: string, from: number, to: number): number {
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

/** Length of the longest keyword: longer words need no lookup. */
export const MAX_KEYWORD_LENGTH: number = maxLength;
