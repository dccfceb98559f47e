/**
 * Queries from plain text: `plainto_tsquery` and `phraseto_tsquery`.
 *
 * @module
 */

import { lexemePhrase } from "./_lexeme_phrase.ts";
import { lexemesOf } from "./ts_config.ts";
import type { TsQuery } from "./ts_query.ts";

/**
 * Normalises plain text and ANDs its lexemes, like PostgreSQL's
 * `plainto_tsquery`: punctuation and operators in the text are ignored.
 *
 * @param text Any text.
 * @param config `english` (default) or `simple`.
 * @returns The query (empty when the text has only stop words).
 *
 * @example
 * ```ts
 * import { plaintoTsquery, formatTsquery } from "./mod.ts";
 * console.log(formatTsquery(plaintoTsquery("The Fat & Rats"))); // "'fat' & 'rat'"
 * ```
 */
export function plaintoTsquery(text: string, config?: string): TsQuery {
  let node: TsQuery | null = null;
  for (const lexeme of lexemesOf(text, config)) {
    if (lexeme === null) continue;
    const term: TsQuery = { kind: "term", lexeme, prefix: false };
    node = node === null ? term : { kind: "and", left: node, right: term };
  }
  return node ?? { kind: "empty" };
}

/**
 * Normalises plain text into one phrase, like PostgreSQL's
 * `phraseto_tsquery`: stop words keep their distance.
 *
 * @param text Any text.
 * @param config `english` (default) or `simple`.
 * @returns The query (empty when the text has only stop words).
 *
 * @example
 * ```ts
 * import { phrasetoTsquery, formatTsquery } from "./mod.ts";
 * console.log(formatTsquery(phrasetoTsquery("The fat of the rats"))); // "'fat' <3> 'rat'"
 * ```
 */
export function phrasetoTsquery(text: string, config?: string): TsQuery {
  return lexemePhrase(lexemesOf(text, config), false) ?? { kind: "empty" };
}
