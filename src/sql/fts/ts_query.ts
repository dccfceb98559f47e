/**
 * The tsquery value: a boolean/phrase query over lexemes, and its text form.
 *
 * @module
 */

import { type BinaryNode, leftSpine } from "./_spine.ts";
import { quoteLexeme } from "./ts_vector.ts";

/**
 * A lexeme to find; with `prefix` (`'sup':*`) any lexeme starting with it
 * matches.
 *
 * @example
 * ```ts
 * import type { TsQueryTerm } from "./mod.ts";
 * const t: TsQueryTerm = { kind: "term", lexeme: "cat", prefix: false };
 * ```
 */
export interface TsQueryTerm {
  readonly kind: "term";
  readonly lexeme: string;
  readonly prefix: boolean;
}

/**
 * Both sides must match (`&`).
 *
 * @example
 * ```ts
 * import type { TsQueryAnd } from "./mod.ts";
 * const q: TsQueryAnd = {
 *   kind: "and",
 *   left: { kind: "term", lexeme: "fat", prefix: false },
 *   right: { kind: "term", lexeme: "cat", prefix: false },
 * };
 * ```
 */
export interface TsQueryAnd {
  readonly kind: "and";
  readonly left: TsQuery;
  readonly right: TsQuery;
}

/**
 * Either side must match (`|`).
 *
 * @example
 * ```ts
 * import type { TsQueryOr } from "./mod.ts";
 * const q: TsQueryOr = {
 *   kind: "or",
 *   left: { kind: "term", lexeme: "fat", prefix: false },
 *   right: { kind: "term", lexeme: "cat", prefix: false },
 * };
 * ```
 */
export interface TsQueryOr {
  readonly kind: "or";
  readonly left: TsQuery;
  readonly right: TsQuery;
}

/**
 * The operand must not match (`!`). Inside a phrase it means "not at this
 * position" as in PostgreSQL (`!fat <-> cat`: a `cat` not preceded by
 * `fat`).
 *
 * @example
 * ```ts
 * import type { TsQueryNot } from "./mod.ts";
 * const q: TsQueryNot = { kind: "not", operand: { kind: "term", lexeme: "cat", prefix: false } };
 * ```
 */
export interface TsQueryNot {
  readonly kind: "not";
  readonly operand: TsQuery;
}

/**
 * `left <N> right`: `right` starts exactly `distance` positions after `left`
 * ends (`<->` is distance 1, `<0>` the same position).
 *
 * @example
 * ```ts
 * import type { TsQueryPhrase } from "./mod.ts";
 * const q: TsQueryPhrase = {
 *   kind: "phrase",
 *   distance: 1,
 *   left: { kind: "term", lexeme: "fat", prefix: false },
 *   right: { kind: "term", lexeme: "cat", prefix: false },
 * };
 * ```
 */
export interface TsQueryPhrase {
  readonly kind: "phrase";
  readonly distance: number;
  readonly left: TsQuery;
  readonly right: TsQuery;
}

/**
 * A query with no lexemes (e.g. only stop words); it matches nothing. It
 * only ever appears as a whole query, never inside another node.
 *
 * @example
 * ```ts
 * import { toTsquery } from "./mod.ts";
 * console.log(toTsquery("the & a").kind); // "empty"
 * ```
 */
export interface TsQueryEmpty {
  readonly kind: "empty";
}

/**
 * A parsed full-text query: a tree of plain data discriminated on `kind`.
 *
 * @example
 * ```ts
 * import { toTsquery, type TsQuery } from "./mod.ts";
 * const q: TsQuery = toTsquery("fat & (rat | cat)");
 * console.log(q.kind); // "and"
 * ```
 */
export type TsQuery =
  | TsQueryTerm
  | TsQueryAnd
  | TsQueryOr
  | TsQueryNot
  | TsQueryPhrase
  | TsQueryEmpty;

/**
 * The largest phrase distance accepted (PostgreSQL's limit).
 *
 * @example
 * ```ts
 * import { MAX_PHRASE_DISTANCE } from "./mod.ts";
 * console.log(MAX_PHRASE_DISTANCE); // 16384
 * ```
 */
export const MAX_PHRASE_DISTANCE = 16384;

function precedence(q: TsQuery): number {
  switch (q.kind) {
    case "or":
      return 1;
    case "and":
      return 2;
    case "phrase":
      return 3;
    case "not":
      return 4;
    default:
      return 5;
  }
}

/**
 * Renders a query in PostgreSQL's text form, e.g.
 * `'fat' & ( 'rat' | 'cat' )`, `'fat' <-> 'cat'`, `!'sup':*`, exactly as
 * PostgreSQL 15 prints it. Parentheses appear only where precedence
 * (`|` < `&` < `<N>` < `!`) needs them; as in PostgreSQL a right-nested
 * `a & (b & c)` prints as `a & b & c`, so {@linkcode parseTsquery} gives
 * back the same tree up to the grouping of `&` and `|` chains. The empty
 * query renders as an empty string.
 *
 * @param q The query.
 * @returns Its text form.
 *
 * @example
 * ```ts
 * import { toTsquery, formatTsquery } from "./mod.ts";
 * console.log(formatTsquery(toTsquery("Fat & (Rats | cats:*)"))); // "'fat' & ( 'rat' | 'cat':* )"
 * ```
 */
export function formatTsquery(q: TsQuery): string {
  switch (q.kind) {
    case "empty":
      return "";
    case "term":
      return quoteLexeme(q.lexeme) + (q.prefix ? ":*" : "");
    case "not": {
      const inner = formatTsquery(q.operand);
      return precedence(q.operand) < precedence(q)
        ? `!( ${inner} )`
        : `!${inner}`;
    }
  }
  const { base, steps } = leftSpine(q);
  let text = formatTsquery(base);
  let left: TsQuery = base;
  for (const node of steps) {
    const p = precedence(node);
    const l = precedence(left) < p ? `( ${text} )` : text;
    const r = formatTsquery(node.right);
    // `&` and `|` are associative, so like PostgreSQL we print
    // `a & (b & c)` as `a & b & c`; phrases keep their grouping.
    const flat = node.right.kind === node.kind && node.kind !== "phrase";
    const right = precedence(node.right) < p ||
        (precedence(node.right) === p && !flat)
      ? `( ${r} )`
      : r;
    text = `${l} ${operatorOf(node)} ${right}`;
    left = node;
  }
  return text;
}

function operatorOf(node: BinaryNode): string {
  if (node.kind === "and") return "&";
  if (node.kind === "or") return "|";
  return node.distance === 1 ? "<->" : `<${node.distance}>`;
}

/**
 * Lists the terms of a query that count for ranking: those not under a `!`.
 *
 * @param q The query.
 * @returns The positive terms, in query order (duplicates kept).
 *
 * @example
 * ```ts
 * import { positiveTerms, toTsquery } from "./mod.ts";
 * console.log(positiveTerms(toTsquery("cat & !dog")).map((t) => t.lexeme)); // ["cat"]
 * ```
 */
export function positiveTerms(q: TsQuery): TsQueryTerm[] {
  const out: TsQueryTerm[] = [];
  // An explicit stack, right operand pushed first so terms come out in
  // query order; long chains would overflow a recursive walk.
  const stack: [TsQuery, boolean][] = [[q, false]];
  while (stack.length > 0) {
    const [n, negated] = stack.pop()!;
    switch (n.kind) {
      case "term":
        if (!negated) out.push(n);
        break;
      case "not":
        stack.push([n.operand, !negated]);
        break;
      case "empty":
        break;
      default:
        stack.push([n.right, negated], [n.left, negated]);
    }
  }
  return out;
}
