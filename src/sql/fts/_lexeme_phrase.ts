// Folder-private: turning an operand's lexemes into a phrase.

import { MAX_PHRASE_DISTANCE, type TsQuery } from "./ts_query.ts";

/**
 * Chains lexemes at their token positions into a phrase (`fat <2> cat` for
 * `fat of cat`); `null` entries are dropped stop words that keep their
 * distance. Returns `null` when every entry is a stop word.
 */
export function lexemePhrase(
  lexemes: readonly (string | null)[],
  prefix: boolean,
): TsQuery | null {
  let node: TsQuery | null = null;
  let last = -1;
  lexemes.forEach((lexeme, i) => {
    if (lexeme === null) return;
    const term: TsQuery = { kind: "term", lexeme, prefix };
    node = node === null ? term : {
      kind: "phrase",
      distance: Math.min(MAX_PHRASE_DISTANCE, i - last),
      left: node,
      right: term,
    };
    last = i;
  });
  return node;
}
