// Folder-private: walking long operator chains without deep recursion.
//
// `a & b & c & ...` parses into a left-deep tree, and plainto_tsquery of a
// long text or a long phrase builds one thousands of nodes deep. Recursing
// down the left side would overflow the stack, so every tree walk in this
// library takes the left spine with a loop and recurses only into right
// operands (whose depth the parser bounds).

import type {
  TsQuery,
  TsQueryAnd,
  TsQueryOr,
  TsQueryPhrase,
} from "./ts_query.ts";

/** A binary node of a tsquery. */
export type BinaryNode = TsQueryAnd | TsQueryOr | TsQueryPhrase;

/**
 * Splits a query into the leftmost non-binary node and the binary nodes
 * above it, innermost first: folding `steps` over `base` rebuilds `q`.
 */
export function leftSpine(
  q: TsQuery,
): { base: TsQuery; steps: BinaryNode[] } {
  const steps: BinaryNode[] = [];
  let node = q;
  while (node.kind === "and" || node.kind === "or" || node.kind === "phrase") {
    steps.push(node);
    node = node.left;
  }
  return { base: node, steps: steps.reverse() };
}
