/**
 * Highlighting query matches in a document (`ts_headline`).
 *
 * @module
 */

import { normalizeToken, resolveTsConfig } from "./ts_config.ts";
import { positiveTerms, type TsQuery } from "./ts_query.ts";

/** Options of {@linkcode tsHeadline}. */
export interface TsHeadlineOptions {
  /**
   * Configuration used to normalise the document's words; use the one the
   * query was built with.
   * @default {"english"}
   */
  config?: string;
  /**
   * Text put before each highlighted word.
   * @default {"<b>"}
   */
  startSel?: string;
  /**
   * Text put after each highlighted word.
   * @default {"</b>"}
   */
  stopSel?: string;
  /**
   * Longest excerpt, in words, when the document is longer.
   * @default {35}
   */
  maxWords?: number;
  /**
   * Return the whole document instead of an excerpt.
   * @default {false}
   */
  highlightAll?: boolean;
}

const TOKEN_RE = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * Returns the document with the words matching the query's positive terms
 * wrapped in `startSel`/`stopSel`. A document longer than `maxWords` words
 * is cut to the run of `maxWords` words holding the most matches (the
 * earliest such run; the beginning when nothing matches). This is simpler
 * than PostgreSQL's cover-based excerpt (no `MinWords`, `ShortWord` or
 * fragments), so long documents may be cut differently; short ones match.
 *
 * @param text The original document text.
 * @param q The query.
 * @param options See {@linkcode TsHeadlineOptions}.
 * @returns The highlighted text or excerpt.
 *
 * @example
 * ```ts
 * import { toTsquery, tsHeadline } from "./mod.ts";
 * console.log(tsHeadline("The fat cats sat.", toTsquery("cat")));
 * // "The fat <b>cats</b> sat."
 * ```
 */
export function tsHeadline(
  text: string,
  q: TsQuery,
  options: TsHeadlineOptions = {},
): string {
  const config = resolveTsConfig(options.config);
  const startSel = options.startSel ?? "<b>";
  const stopSel = options.stopSel ?? "</b>";
  const maxWords = Math.max(1, Math.floor(options.maxWords ?? 35));
  const terms = positiveTerms(q);
  const tokens: { start: number; end: number; hit: boolean }[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const lexeme = normalizeToken(
      m[0].normalize("NFC").toLowerCase(),
      config,
    );
    const hit = lexeme !== null &&
      terms.some((t) =>
        t.prefix ? lexeme.startsWith(t.lexeme) : lexeme === t.lexeme
      );
    tokens.push({ start: m.index, end: m.index + m[0].length, hit });
  }
  let from = 0;
  let to = tokens.length;
  let sliceStart = 0;
  let sliceEnd = text.length;
  if (!options.highlightAll && tokens.length > maxWords) {
    let best = 0;
    let bestHits = -1;
    let hits = 0;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].hit) hits++;
      if (i >= maxWords && tokens[i - maxWords].hit) hits--;
      if (i >= maxWords - 1 && hits > bestHits) {
        bestHits = hits;
        best = i - maxWords + 1;
      }
    }
    from = best;
    to = best + maxWords;
    sliceStart = tokens[from].start;
    sliceEnd = tokens[to - 1].end;
  }
  let out = "";
  let at = sliceStart;
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    if (!t.hit) continue;
    out += text.slice(at, t.start) + startSel + text.slice(t.start, t.end) +
      stopSel;
    at = t.end;
  }
  return out + text.slice(at, sliceEnd);
}

/**
 * Reads PostgreSQL's `ts_headline` option string, e.g.
 * `"StartSel=<em>, StopSel=</em>, MaxWords=10, HighlightAll=true"` (keys
 * are case-insensitive; unknown keys are ignored).
 *
 * @param text The option string.
 * @returns The options it sets.
 * @throws {RangeError} on a malformed `key=value` pair or a bad number.
 *
 * @example
 * ```ts
 * import { parseHeadlineOptions } from "./mod.ts";
 * console.log(parseHeadlineOptions("StartSel=<em>, StopSel=</em>, MaxWords=5"));
 * // { startSel: "<em>", stopSel: "</em>", maxWords: 5 }
 * ```
 */
export function parseHeadlineOptions(text: string): TsHeadlineOptions {
  const out: TsHeadlineOptions = {};
  for (const part of text.split(",")) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    if (eq === -1) {
      throw new RangeError(`Invalid ts_headline option "${part.trim()}"`);
    }
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
    switch (key) {
      case "startsel":
        out.startSel = value;
        break;
      case "stopsel":
        out.stopSel = value;
        break;
      case "maxwords": {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1) {
          throw new RangeError(`MaxWords must be a positive integer: ${value}`);
        }
        out.maxWords = n;
        break;
      }
      case "highlightall":
        out.highlightAll = /^(true|on|yes|1)$/i.test(value);
        break;
    }
  }
  return out;
}
