/**
 * Parsing tsquery text: `to_tsquery` and the `::tsquery` cast.
 *
 * @module
 */

import { TsQuerySyntaxError } from "./errors.ts";
import { lexemePhrase } from "./_lexeme_phrase.ts";
import { lexemesOf } from "./ts_config.ts";
import { MAX_PHRASE_DISTANCE, type TsQuery } from "./ts_query.ts";

type Token =
  | { type: "and" | "or" | "not" | "lparen" | "rparen"; pos: number }
  | { type: "phrase"; distance: number; pos: number }
  | { type: "operand"; text: string; prefix: boolean; pos: number };

/**
 * The deepest nesting of parentheses and `!` a query may have; deeper
 * queries are refused with a {@linkcode TsQuerySyntaxError} rather than
 * overflowing the stack. Chains such as `a & b & c ...` may be any length.
 *
 * @example
 * ```ts
 * import { MAX_QUERY_NESTING } from "./mod.ts";
 * console.log(MAX_QUERY_NESTING); // 1000
 * ```
 */
export const MAX_QUERY_NESTING = 1000;

// `:*`, `:AB`, `:A*` after an operand (sticky: matched where lastIndex is).
const MODIFIERS_RE = /:([ABCDabcd*]+)/y;

// Characters that end an unquoted operand.
const SPECIAL = new Set(["&", "|", "!", "(", ")", "<", ":", "'"]);

function lex(query: string): Token[] {
  const tokens: Token[] = [];
  const n = query.length;
  const fail = (detail: string, at: number): never => {
    throw new TsQuerySyntaxError(detail, query, at);
  };
  let i = 0;
  while (i < n) {
    const c = query[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i;
    if (c === "&" || c === "|" || c === "!" || c === "(" || c === ")") {
      const type = c === "&"
        ? "and"
        : c === "|"
        ? "or"
        : c === "!"
        ? "not"
        : c === "("
        ? "lparen"
        : "rparen";
      tokens.push({ type, pos });
      i++;
      continue;
    }
    if (c === "<") {
      const m = /^<(-|\d+)>/.exec(query.slice(i, i + 12));
      if (m === null) {
        fail('malformed phrase operator, expected "<->" or "<N>"', i);
      }
      const distance = m![1] === "-" ? 1 : Number(m![1]);
      if (distance > MAX_PHRASE_DISTANCE) {
        fail(`phrase distance ${distance} exceeds ${MAX_PHRASE_DISTANCE}`, i);
      }
      tokens.push({ type: "phrase", distance, pos });
      i += m![0].length;
      continue;
    }
    if (c === ":") fail('unexpected ":"', i);
    let text = "";
    if (c === "'") {
      i++;
      let closed = false;
      while (i < n) {
        const d = query[i];
        if (d === "\\" && i + 1 < n) {
          text += query[i + 1];
          i += 2;
        } else if (d === "'") {
          if (query[i + 1] === "'") {
            text += "'";
            i += 2;
          } else {
            i++;
            closed = true;
            break;
          }
        } else {
          text += d;
          i++;
        }
      }
      if (!closed) fail("unterminated quoted operand", n);
    } else {
      while (i < n && !/\s/.test(query[i]) && !SPECIAL.has(query[i])) {
        if (query[i] === "\\" && i + 1 < n) {
          text += query[i + 1];
          i += 2;
        } else {
          text += query[i];
          i++;
        }
      }
    }
    let prefix = false;
    if (query[i] === ":") {
      MODIFIERS_RE.lastIndex = i;
      const m = MODIFIERS_RE.exec(query);
      if (m === null) fail('expected weights or "*" after ":"', i + 1);
      prefix = m![1].includes("*");
      i += m![0].length;
    }
    tokens.push({ type: "operand", text, prefix, pos });
  }
  return tokens;
}

// The raw tree the grammar produces before operands are normalised.
type Raw =
  | { kind: "operand"; text: string; prefix: boolean; pos: number }
  | { kind: "and" | "or"; left: Raw; right: Raw }
  | { kind: "phrase"; distance: number; left: Raw; right: Raw }
  | { kind: "not"; operand: Raw };
type RawBinary = Extract<Raw, { left: Raw }>;

function parseRaw(query: string): Raw | null {
  const tokens = lex(query);
  if (tokens.length === 0) return null;
  let k = 0;
  const describe = (t: Token): string =>
    t.type === "operand"
      ? `operand "${t.text}"`
      : t.type === "phrase"
      ? "phrase operator"
      : `"${query[t.pos]}"`;
  const fail = (detail: string, at: number): never => {
    throw new TsQuerySyntaxError(detail, query, at);
  };
  const parseOr = (): Raw => {
    let left = parseAnd();
    while (tokens[k]?.type === "or") {
      k++;
      left = { kind: "or", left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Raw => {
    let left = parsePhrase();
    while (tokens[k]?.type === "and") {
      k++;
      left = { kind: "and", left, right: parsePhrase() };
    }
    return left;
  };
  const parsePhrase = (): Raw => {
    let left = parseUnary();
    let t = tokens[k];
    while (t?.type === "phrase") {
      k++;
      left = {
        kind: "phrase",
        distance: t.distance,
        left,
        right: parseUnary(),
      };
      t = tokens[k];
    }
    return left;
  };
  let depth = 0;
  const nest = (t: Token) => {
    if (++depth > MAX_QUERY_NESTING) {
      fail(`nesting deeper than ${MAX_QUERY_NESTING} levels`, t.pos);
    }
  };
  const parseUnary = (): Raw => {
    const t = tokens[k];
    if (t === undefined) return fail("unexpected end of query", query.length);
    switch (t.type) {
      case "not": {
        k++;
        nest(t);
        const operand = parseUnary();
        depth--;
        return { kind: "not", operand };
      }
      case "lparen": {
        k++;
        nest(t);
        const inner = parseOr();
        depth--;
        const close = tokens[k];
        if (close?.type !== "rparen") {
          return fail(
            close === undefined
              ? 'missing ")"'
              : `expected ")" but found ${describe(close)}`,
            close?.pos ?? query.length,
          );
        }
        k++;
        return inner;
      }
      case "operand":
        k++;
        return { kind: "operand", text: t.text, prefix: t.prefix, pos: t.pos };
      default:
        return fail(`unexpected ${describe(t)}`, t.pos);
    }
  };
  const tree = parseOr();
  if (k < tokens.length) {
    const t = tokens[k];
    fail(
      t.type === "operand"
        ? `missing operator before ${describe(t)}`
        : `unexpected ${describe(t)}`,
      t.pos,
    );
  }
  return tree;
}

/*
 * Dropping stop words. A dropped operand inside a phrase still takes room:
 * `fat <-> the <-> cat` becomes `fat <2> cat`, as in PostgreSQL. `lead` and
 * `trail` count the dropped positions before and after a kept node; `span`
 * is the width of a fully dropped one.
 */
type Cleaned =
  | { node: TsQuery; lead: number; trail: number }
  | { node: null; span: number };

type Normalise = (
  text: string,
  prefix: boolean,
  pos: number,
) => Cleaned;

function clean(raw: Raw, normalise: Normalise): Cleaned {
  switch (raw.kind) {
    case "operand":
      return normalise(raw.text, raw.prefix, raw.pos);
    case "not": {
      const c = clean(raw.operand, normalise);
      if (c.node === null) return { node: null, span: 0 };
      return {
        node: { kind: "not", operand: c.node },
        lead: c.lead,
        trail: c.trail,
      };
    }
  }
  // Loop down the left spine so long chains do not overflow the stack.
  const steps: RawBinary[] = [];
  let node: Raw = raw;
  while (node.kind !== "operand" && node.kind !== "not") {
    steps.push(node);
    node = node.left;
  }
  let acc = clean(node, normalise);
  for (let i = steps.length - 1; i >= 0; i--) {
    acc = combine(steps[i], acc, clean(steps[i].right, normalise));
  }
  return acc;
}

function combine(raw: RawBinary, l: Cleaned, r: Cleaned): Cleaned {
  if (raw.kind !== "phrase") {
    if (l.node === null) return r.node === null ? { node: null, span: 0 } : r;
    if (r.node === null) return l;
    return {
      node: { kind: raw.kind, left: l.node, right: r.node },
      lead: 0,
      trail: 0,
    };
  }
  const d = raw.distance;
  if (l.node === null) {
    return r.node === null
      ? { node: null, span: l.span + d + r.span }
      : { node: r.node, lead: l.span + d + r.lead, trail: r.trail };
  }
  if (r.node === null) {
    return { node: l.node, lead: l.lead, trail: l.trail + d + r.span };
  }
  return {
    node: {
      kind: "phrase",
      distance: Math.min(MAX_PHRASE_DISTANCE, l.trail + d + r.lead),
      left: l.node,
      right: r.node,
    },
    lead: l.lead,
    trail: r.trail,
  };
}

/**
 * Parses a tsquery and normalises its operands with a configuration, like
 * PostgreSQL's `to_tsquery`. Operators: `&` (and), `|` (or), `!` (not),
 * `<->` / `<N>` (phrase), parentheses; precedence `!` > `<N>` > `&` > `|`.
 * Operands may be quoted (`'fat cats'`) and may end in `:*` (prefix) or
 * weights (`:AB`, ignored). An operand that normalises to several lexemes
 * becomes a phrase; a stop word is dropped (`cat & the` is `'cat'`), and a
 * query with nothing left is the empty query.
 *
 * @param text The query text.
 * @param config `english` (default) or `simple`.
 * @returns The query.
 * @throws {TsQuerySyntaxError} on malformed input, with the position.
 * @throws {UnknownTsConfigError} for an unknown configuration.
 *
 * @example
 * ```ts
 * import { toTsquery, formatTsquery } from "./mod.ts";
 * console.log(formatTsquery(toTsquery("Fat <-> the <-> Cats"))); // "'fat' <2> 'cat'"
 * ```
 */
export function toTsquery(text: string, config?: string): TsQuery {
  lexemesOf("", config); // validates the configuration name up front
  const raw = parseRaw(text);
  if (raw === null) return { kind: "empty" };
  const c = clean(
    raw,
    (t, prefix) => {
      // Like PostgreSQL, stop words at the edges of one operand take no
      // room; only those between its lexemes do (lexemePhrase keeps them).
      const node = lexemePhrase(lexemesOf(t, config), prefix);
      return node === null
        ? { node: null, span: 0 }
        : { node, lead: 0, trail: 0 };
    },
  );
  return c.node ?? { kind: "empty" };
}

/**
 * Parses the text form of a tsquery without normalising operands, like
 * PostgreSQL's `::tsquery` cast: `'Cats' & rat` keeps `Cats` as it is. The
 * inverse of {@linkcode formatTsquery}.
 *
 * @param text The query text.
 * @returns The query (the empty query for blank text).
 * @throws {TsQuerySyntaxError} on malformed input or an empty operand.
 *
 * @example
 * ```ts
 * import { parseTsquery, formatTsquery } from "./mod.ts";
 * console.log(formatTsquery(parseTsquery("fat & (Rat | cat:*)"))); // "'fat' & ( 'Rat' | 'cat':* )"
 * ```
 */
export function parseTsquery(text: string): TsQuery {
  const raw = parseRaw(text);
  if (raw === null) return { kind: "empty" };
  const c = clean(raw, (lexeme, prefix, pos) => {
    if (lexeme.length === 0) {
      throw new TsQuerySyntaxError("empty operand", text, pos);
    }
    return { node: { kind: "term", lexeme, prefix }, lead: 0, trail: 0 };
  });
  return c.node ?? { kind: "empty" };
}
