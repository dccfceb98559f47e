/**
 * The tsvector value: a document reduced to lexemes and their positions.
 *
 * @module
 */

import { TsVectorSyntaxError } from "./errors.ts";
import { lexemesOf } from "./ts_config.ts";

/**
 * A document as a set of lexemes with their 1-based positions.
 *
 * Invariants kept by every constructor in this module: the map iterates in
 * ascending lexeme order, each position list is sorted ascending without
 * duplicates (it may be empty for a vector parsed without positions), and
 * `length` is the number of indexed tokens: the sum over lexemes of
 * `max(1, positions.length)`.
 *
 * @example
 * ```ts
 * import { toTsvector, type TsVector } from "./mod.ts";
 * const v: TsVector = toTsvector("The cat sat on the cat");
 * console.log(v.lexemes.get("cat"), v.length); // [2, 6] 3
 * ```
 */
export interface TsVector {
  /** Lexeme -> sorted 1-based positions, in ascending lexeme order. */
  readonly lexemes: ReadonlyMap<string, readonly number[]>;
  /** Number of indexed tokens (the document length for BM25). */
  readonly length: number;
}

/**
 * Builds a {@linkcode TsVector} from lexemes and positions in any order,
 * merging duplicate lexemes and sorting and de-duplicating positions.
 *
 * @param entries Pairs of lexeme and positions.
 * @returns A vector that keeps the {@linkcode TsVector} invariants.
 *
 * @example
 * ```ts
 * import { makeTsvector, formatTsvector } from "./mod.ts";
 * const v = makeTsvector([["sat", [2]], ["cat", [3, 1]]]);
 * console.log(formatTsvector(v)); // "'cat':1,3 'sat':2"
 * ```
 */
export function makeTsvector(
  entries: Iterable<readonly [string, readonly number[]]>,
): TsVector {
  const merged = new Map<string, number[]>();
  for (const [lexeme, positions] of entries) {
    const list = merged.get(lexeme);
    if (list === undefined) merged.set(lexeme, [...positions]);
    else list.push(...positions);
  }
  const keys = [...merged.keys()].sort(compareLexemes);
  const lexemes = new Map<string, readonly number[]>();
  let length = 0;
  for (const k of keys) {
    const sorted = merged.get(k)!.sort((a, b) => a - b);
    const unique = sorted.filter((p, i) => i === 0 || p !== sorted[i - 1]);
    lexemes.set(k, unique);
    length += Math.max(1, unique.length);
  }
  return { lexemes, length };
}

/**
 * The empty vector (no lexemes, length 0).
 *
 * @example
 * ```ts
 * import { EMPTY_TSVECTOR } from "./mod.ts";
 * console.log(EMPTY_TSVECTOR.length); // 0
 * ```
 */
export const EMPTY_TSVECTOR: TsVector = Object.freeze({
  lexemes: new Map<string, readonly number[]>(),
  length: 0,
});

/**
 * Orders lexemes the way every part of this library does (UTF-16 code unit
 * order); a prefix's matches form one contiguous run in this order.
 *
 * @param a A lexeme.
 * @param b A lexeme.
 * @returns Negative, zero or positive.
 *
 * @example
 * ```ts
 * import { compareLexemes } from "./mod.ts";
 * console.log(["sat", "cat"].sort(compareLexemes)); // ["cat", "sat"]
 * ```
 */
export function compareLexemes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Turns text into a tsvector: tokens are lowercased, stop words keep their
 * position but are not indexed, words are stemmed (`english`).
 *
 * @param text The document.
 * @param config `english` (default) or `simple`.
 * @returns The vector.
 * @throws {UnknownTsConfigError} for another configuration name.
 *
 * @example
 * ```ts
 * import { toTsvector, formatTsvector } from "./mod.ts";
 * console.log(formatTsvector(toTsvector("The fat cats sat"))); // "'cat':3 'fat':2 'sat':4"
 * ```
 */
export function toTsvector(text: string, config?: string): TsVector {
  // Positions arrive in increasing order, so each list is already sorted
  // and unique; only the lexemes need sorting.
  const byLexeme = new Map<string, number[]>();
  let length = 0;
  lexemesOf(text, config).forEach((lexeme, i) => {
    if (lexeme === null) return;
    length++;
    const list = byLexeme.get(lexeme);
    if (list === undefined) byLexeme.set(lexeme, [i + 1]);
    else list.push(i + 1);
  });
  const lexemes = new Map<string, readonly number[]>();
  for (const k of [...byLexeme.keys()].sort(compareLexemes)) {
    lexemes.set(k, byLexeme.get(k)!);
  }
  return { lexemes, length };
}

/**
 * Renders a vector in PostgreSQL's text form: `'cat':1,3 'sat':2`, lexemes in
 * ascending order, quotes and backslashes inside a lexeme doubled/escaped.
 *
 * @param v The vector.
 * @returns The text form (empty string for an empty vector).
 *
 * @example
 * ```ts
 * import { toTsvector, formatTsvector } from "./mod.ts";
 * console.log(formatTsvector(toTsvector("cat sat cat", "simple"))); // "'cat':1,3 'sat':2"
 * ```
 */
export function formatTsvector(v: TsVector): string {
  const keys = [...v.lexemes.keys()].sort(compareLexemes);
  return keys.map((k) => {
    const positions = v.lexemes.get(k)!;
    const quoted = quoteLexeme(k);
    return positions.length === 0 ? quoted : `${quoted}:${positions.join(",")}`;
  }).join(" ");
}

/**
 * Quotes a lexeme for the text forms of tsvector and tsquery.
 *
 * @param lexeme The lexeme.
 * @returns `'lexeme'` with `'` doubled and `\` escaped.
 *
 * @example
 * ```ts
 * import { quoteLexeme } from "./mod.ts";
 * console.log(quoteLexeme("it's")); // "'it''s'"
 * ```
 */
export function quoteLexeme(lexeme: string): string {
  if (!NEEDS_ESCAPE_RE.test(lexeme)) return `'${lexeme}'`;
  return `'${lexeme.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

const NEEDS_ESCAPE_RE = /['\\]/;

const WEIGHT_RE = /[ABCDabcd]/;
const QUOTE = 0x27;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;

function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return true;
  return c > 0x7f && /\s/.test(text[i]);
}

/**
 * Parses the text form of a tsvector (as produced by
 * {@linkcode formatTsvector}, or written by hand: unquoted lexemes,
 * lexemes without positions and PostgreSQL weights such as `1A` are
 * accepted; weights are ignored). Lexemes are taken as they are, without
 * normalisation, as PostgreSQL's `::tsvector` cast does.
 *
 * @param text The text form.
 * @returns The vector.
 * @throws {TsVectorSyntaxError} on malformed input.
 *
 * @example
 * ```ts
 * import { parseTsvector } from "./mod.ts";
 * const v = parseTsvector("'cat':1,3 'sat':2");
 * console.log(v.lexemes.get("cat"), v.length); // [1, 3] 3
 * ```
 */
export function parseTsvector(text: string): TsVector {
  const entries: [string, number[]][] = [];
  // Text from formatTsvector arrives sorted and duplicate-free; then the
  // vector is built directly instead of through makeTsvector.
  let ordered = true;
  let i = 0;
  const n = text.length;
  const fail = (detail: string, at: number): never => {
    throw new TsVectorSyntaxError(detail, text, at);
  };
  while (true) {
    while (i < n && isSpaceAt(text, i)) i++;
    if (i >= n) break;
    let lexeme = "";
    const start = i;
    if (text.charCodeAt(i) === QUOTE) {
      i++;
      let from = i;
      let closed = false;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === BACKSLASH) {
          if (i + 1 >= n) fail("unfinished escape", i);
          lexeme += text.slice(from, i) + text[i + 1];
          i += 2;
          from = i;
        } else if (c === QUOTE) {
          lexeme += text.slice(from, i);
          if (text.charCodeAt(i + 1) === QUOTE) {
            lexeme += "'";
            i += 2;
            from = i;
          } else {
            i++;
            closed = true;
            break;
          }
        } else {
          i++;
        }
      }
      if (!closed) fail("unterminated quoted lexeme", n);
    } else {
      while (i < n && !isSpaceAt(text, i) && text.charCodeAt(i) !== COLON) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) fail("unexpected quote", i);
        if (c === BACKSLASH) {
          if (i + 1 >= n) fail("unfinished escape", i);
          lexeme += text[i + 1];
          i += 2;
        } else {
          lexeme += text[i];
          i++;
        }
      }
    }
    if (lexeme.length === 0) fail("empty lexeme", start);
    const positions: number[] = [];
    if (text.charCodeAt(i) === COLON) {
      i++;
      while (true) {
        const numStart = i;
        let p = 0;
        for (let c = text.charCodeAt(i); c >= 48 && c <= 57;) {
          p = p * 10 + (c - 48);
          c = text.charCodeAt(++i);
        }
        if (i === numStart) fail("expected a position", i);
        if (p < 1 || !Number.isSafeInteger(p)) {
          fail(`position ${text.slice(numStart, i)} out of range`, numStart);
        }
        if (positions.length > 0 && positions[positions.length - 1] >= p) {
          ordered = false;
        }
        positions.push(p);
        if (i < n && WEIGHT_RE.test(text[i])) i++;
        if (text.charCodeAt(i) === COMMA) {
          i++;
          continue;
        }
        break;
      }
    }
    if (i < n && !isSpaceAt(text, i)) fail(`unexpected "${text[i]}"`, i);
    if (entries.length > 0 && entries[entries.length - 1][0] >= lexeme) {
      ordered = false;
    }
    entries.push([lexeme, positions]);
  }
  if (!ordered) return makeTsvector(entries);
  const lexemes = new Map<string, readonly number[]>();
  let length = 0;
  for (const [k, positions] of entries) {
    lexemes.set(k, positions);
    length += Math.max(1, positions.length);
  }
  return { lexemes, length };
}

/**
 * Tells whether two vectors hold the same lexemes and positions.
 *
 * @param a A vector.
 * @param b A vector.
 * @returns `true` when they are equal.
 *
 * @example
 * ```ts
 * import { toTsvector, tsvectorEquals } from "./mod.ts";
 * console.log(tsvectorEquals(toTsvector("cats"), toTsvector("cat"))); // true
 * ```
 */
export function tsvectorEquals(a: TsVector, b: TsVector): boolean {
  if (a.length !== b.length || a.lexemes.size !== b.lexemes.size) return false;
  for (const [k, pa] of a.lexemes) {
    const pb = b.lexemes.get(k);
    if (pb === undefined || pb.length !== pa.length) return false;
    for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return false;
  }
  return true;
}

/**
 * Concatenates two vectors like PostgreSQL's `tsvector || tsvector`: the
 * positions of `b` are shifted past the largest position of `a`, so phrases
 * never match across the seam by accident.
 *
 * @param a The first vector.
 * @param b The second vector.
 * @returns The combined vector.
 *
 * @example
 * ```ts
 * import { concatTsvector, formatTsvector, toTsvector } from "./mod.ts";
 * const v = concatTsvector(toTsvector("fat cat"), toTsvector("cat nap"));
 * console.log(formatTsvector(v)); // "'cat':2,3 'fat':1 'nap':4"
 * ```
 */
export function concatTsvector(a: TsVector, b: TsVector): TsVector {
  let shift = 0;
  for (const positions of a.lexemes.values()) {
    if (positions.length > 0) {
      shift = Math.max(shift, positions[positions.length - 1]);
    }
  }
  const entries: [string, readonly number[]][] = [...a.lexemes];
  for (const [k, positions] of b.lexemes) {
    entries.push([k, positions.map((p) => p + shift)]);
  }
  return makeTsvector(entries);
}

/**
 * Drops all positions, like PostgreSQL's `strip()`; the result still
 * matches `&`, `|` and `!` but, as in PostgreSQL, no phrase.
 *
 * @param v The vector.
 * @returns The vector with empty position lists (length = lexeme count).
 *
 * @example
 * ```ts
 * import { formatTsvector, stripTsvector, toTsvector } from "./mod.ts";
 * console.log(formatTsvector(stripTsvector(toTsvector("fat cat cat")))); // "'cat' 'fat'"
 * ```
 */
export function stripTsvector(v: TsVector): TsVector {
  return makeTsvector([...v.lexemes.keys()].map((k) => [k, []]));
}
