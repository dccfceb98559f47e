/**
 * Queries from search-box text: `websearch_to_tsquery`.
 *
 * @module
 */

import { lexemePhrase } from "./_lexeme_phrase.ts";
import { lexemesOf } from "./ts_config.ts";
import type { TsQuery } from "./ts_query.ts";

// Tells whether anything but whitespace follows index i (without copying
// the rest of the text, which would make long queries quadratic).
const NON_SPACE_RE = /\S/g;
function moreTextAfter(text: string, i: number): boolean {
  NON_SPACE_RE.lastIndex = i;
  return NON_SPACE_RE.test(text);
}

// Characters skipped between operands.
const SKIPPED_IN_WEBSEARCH = new Set(["!", "&", "|", "(", ")", "<"]);

/**
 * Builds a query from search-box text, like PostgreSQL's
 * `websearch_to_tsquery`: words are ANDed, `"quoted text"` is a phrase,
 * `or` between words means OR, and a leading `-` negates a word or quoted
 * phrase. Other punctuation is ignored and it never throws a syntax error.
 *
 * @param text What a user typed.
 * @param config `english` (default) or `simple`.
 * @returns The query (empty when nothing but stop words remain).
 *
 * @example
 * ```ts
 * import { websearchToTsquery, formatTsquery } from "./mod.ts";
 * console.log(formatTsquery(websearchToTsquery('"fat cats" or rats -dogs')));
 * // "'fat' <-> 'cat' | 'rat' & !'dog'"
 * ```
 */
export function websearchToTsquery(text: string, config?: string): TsQuery {
  lexemesOf("", config); // validates the configuration name up front
  const clauses: TsQuery[][] = [[]];
  // Pending `-` signs; like PostgreSQL they wait across spaces and the
  // characters ! & | ( ) < for the next word or quote, and `- -x` is `!!x`.
  let negations = 0;
  // `or` is an operator only right after an operand and before more text,
  // as in PostgreSQL; elsewhere it is a word.
  let afterOperand = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (/\s/.test(c) || SKIPPED_IN_WEBSEARCH.has(c)) {
      i++;
      continue;
    }
    if (c === "-") {
      negations++;
      afterOperand = false;
      i++;
      continue;
    }
    let chunk: string;
    let quoted = false;
    if (c === '"') {
      const close = text.indexOf('"', i + 1);
      const end = close === -1 ? n : close;
      chunk = text.slice(i + 1, end);
      i = end + 1;
      quoted = true;
    } else {
      const start = i;
      while (i < n && !/\s/.test(text[i]) && text[i] !== '"') i++;
      chunk = text.slice(start, i);
    }
    if (
      !quoted && afterOperand && negations === 0 &&
      chunk.toLowerCase() === "or" && moreTextAfter(text, i)
    ) {
      clauses.push([]);
      afterOperand = false;
      continue;
    }
    // Any other chunk is an operand and takes the pending `-` signs, even
    // when it holds no lexeme (then both vanish).
    let node = lexemePhrase(lexemesOf(chunk, config), false);
    if (node !== null) {
      for (; negations > 0; negations--) node = { kind: "not", operand: node };
      clauses[clauses.length - 1].push(node);
    }
    negations = 0;
    afterOperand = true;
  }
  let query: TsQuery | null = null;
  for (const clause of clauses) {
    if (clause.length === 0) continue;
    const and = clause.reduce((left, right) => ({ kind: "and", left, right }));
    query = query === null ? and : { kind: "or", left: query, right: and };
  }
  return query ?? { kind: "empty" };
}
