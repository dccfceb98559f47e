/**
 * Matching a tsvector against a tsquery (the `@@` operator).
 *
 * @module
 */

import { leftSpine } from "./_spine.ts";
import type {
  TsQuery,
  TsQueryAnd,
  TsQueryOr,
  TsQueryTerm,
} from "./ts_query.ts";
import type { TsVector } from "./ts_vector.ts";

/**
 * Lists the lexemes of a vector that a term matches: the lexeme itself, or
 * every lexeme starting with it for a prefix term.
 *
 * @param v The vector.
 * @param term The term.
 * @returns Matching lexemes in ascending order.
 *
 * @example
 * ```ts
 * import { matchingLexemes, toTsvector } from "./mod.ts";
 * const v = toTsvector("super supper soup", "simple");
 * console.log(matchingLexemes(v, { kind: "term", lexeme: "sup", prefix: true })); // ["super", "supper"]
 * ```
 */
export function matchingLexemes(v: TsVector, term: TsQueryTerm): string[] {
  if (!term.prefix) return v.lexemes.has(term.lexeme) ? [term.lexeme] : [];
  const out: string[] = [];
  for (const k of v.lexemes.keys()) {
    if (k.startsWith(term.lexeme)) out.push(k);
  }
  return out;
}

/**
 * Tells whether a document vector matches a query. Phrase operators check
 * real positions (`a <N> b`: `b` exactly N positions after `a`); prefix
 * terms match any lexeme with that prefix; the empty query matches nothing.
 * As in PostgreSQL: a phrase whose outcome depends on a lexeme stored
 * without positions (a stripped vector) does not match; inside a phrase,
 * `&` needs both operands at the same position and `!x` means "not x at
 * this position".
 *
 * @param v The document.
 * @param q The query.
 * @returns `true` when the document matches.
 *
 * @example
 * ```ts
 * import { toTsvector, toTsquery, tsMatch } from "./mod.ts";
 * const v = toTsvector("The fat cat sat on the mat");
 * console.log(tsMatch(v, toTsquery("fat <-> cat"))); // true
 * console.log(tsMatch(v, toTsquery("cat <-> fat"))); // false
 * ```
 */
export function tsMatch(v: TsVector, q: TsQuery): boolean {
  switch (q.kind) {
    case "empty":
      return false;
    case "term":
      return q.prefix
        ? matchingLexemes(v, q).length > 0
        : v.lexemes.has(q.lexeme);
    case "and":
    case "or": {
      // Loop down the left spine of an &/| chain (see _spine.ts); a phrase
      // on the spine is evaluated as a whole, by positions.
      const steps: TsQuery[] = [];
      let node: TsQuery = q;
      while (node.kind === "and" || node.kind === "or") {
        steps.push(node);
        node = node.left;
      }
      let result = tsMatch(v, node);
      for (let i = steps.length - 1; i >= 0; i--) {
        const step = steps[i] as TsQueryAnd | TsQueryOr;
        if (step.kind === "and" ? result : !result) {
          result = tsMatch(v, step.right);
        }
      }
      return result;
    }
    case "not":
      return !tsMatch(v, q.operand);
    case "phrase": {
      // Unknown positions (a stripped vector) do not match, as in
      // PostgreSQL, where a MAYBE phrase result becomes false.
      const s = positionsOf(v, q);
      return s !== UNKNOWN && (s.neg || s.spans.length > 0);
    }
  }
}

/*
 * Phrase evaluation works on spans [start, end] of token positions. A set
 * with `neg` stands for its complement: every single position that is not
 * the start (when it is the right operand of a phrase) or the end (when it
 * is the left operand) of one of its spans. This is how `!x` takes part in
 * phrases.
 */
type Span = readonly [start: number, end: number];
interface SpanSet {
  readonly neg: boolean;
  readonly spans: readonly Span[];
}

const NOWHERE: SpanSet = { neg: false, spans: [] };

// PostgreSQL's MAYBE: the operand is present but its positions are not
// stored, so neither it nor its negation can be placed in a phrase.
const UNKNOWN = "unknown";
type PhraseResult = SpanSet | typeof UNKNOWN;

function isNo(s: PhraseResult): boolean {
  return s !== UNKNOWN && !s.neg && s.spans.length === 0;
}

// The shared rule of `&` and `<N>`: a missing side fails the whole, then an
// unknown side makes the whole unknown.
function bothKnown(
  l: PhraseResult,
  r: PhraseResult,
): [SpanSet, SpanSet] | PhraseResult {
  if (isNo(l) || isNo(r)) return NOWHERE;
  if (l === UNKNOWN || r === UNKNOWN) return UNKNOWN;
  return [l, r];
}

function normalise(spans: Span[]): Span[] {
  spans.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  return spans.filter((s, i) =>
    i === 0 || s[0] !== spans[i - 1][0] || s[1] !== spans[i - 1][1]
  );
}

function ends(s: SpanSet): Set<number> {
  return new Set(s.spans.map((x) => x[1]));
}

function positionsOf(v: TsVector, q: TsQuery): PhraseResult {
  switch (q.kind) {
    case "empty":
      return NOWHERE;
    case "term": {
      const spans: Span[] = [];
      for (const lexeme of matchingLexemes(v, q)) {
        const positions = v.lexemes.get(lexeme)!;
        // One position-less match is enough to make the whole term
        // unknown, even beside positioned ones (as PostgreSQL does).
        if (positions.length === 0) return UNKNOWN;
        for (const p of positions) spans.push([p, p]);
      }
      return { neg: false, spans: normalise(spans) };
    }
    case "not": {
      const s = positionsOf(v, q.operand);
      return s === UNKNOWN ? UNKNOWN : { neg: !s.neg, spans: s.spans };
    }
  }
  const { base, steps } = leftSpine(q);
  let acc = positionsOf(v, base);
  for (const step of steps) {
    const right = positionsOf(v, step.right);
    acc = step.kind === "phrase"
      ? phraseOf(acc, right, step.distance)
      : step.kind === "and"
      ? andOf(acc, right)
      : orOf(acc, right);
  }
  return acc;
}

function phraseOf(
  left: PhraseResult,
  right: PhraseResult,
  d: number,
): PhraseResult {
  const known = bothKnown(left, right);
  if (!Array.isArray(known)) return known;
  const [l, r] = known;
  const out: Span[] = [];
  if (!l.neg && !r.neg) {
    const byEnd = new Map<number, number[]>();
    for (const [s, e] of l.spans) {
      const list = byEnd.get(e);
      if (list === undefined) byEnd.set(e, [s]);
      else list.push(s);
    }
    for (const [s, e] of r.spans) {
      for (const ls of byEnd.get(s - d) ?? []) out.push([ls, e]);
    }
    return { neg: false, spans: normalise(out) };
  }
  if (l.neg && !r.neg) {
    const blocked = ends(l);
    for (const [s, e] of r.spans) {
      if (!blocked.has(s - d)) out.push([s - d, e]);
    }
    return { neg: false, spans: normalise(out) };
  }
  if (!l.neg && r.neg) {
    const blocked = new Set(r.spans.map((x) => x[0]));
    for (const [s, e] of l.spans) {
      if (!blocked.has(e + d)) out.push([s, e + d]);
    }
    return { neg: false, spans: normalise(out) };
  }
  // Neither side present: the complement is "left ends here or right
  // starts d later", recorded as spans of width d.
  for (const [, e] of l.spans) out.push([e, e + d]);
  for (const [s] of r.spans) out.push([s - d, s]);
  return { neg: true, spans: normalise(out) };
}

function andOf(left: PhraseResult, right: PhraseResult): PhraseResult {
  const known = bothKnown(left, right);
  if (!Array.isArray(known)) return known;
  const [l, r] = known;
  if (l.neg && r.neg) {
    return { neg: true, spans: normalise([...l.spans, ...r.spans]) };
  }
  if (!l.neg && !r.neg) {
    const rStart = new Map<number, number>();
    for (const [s, e] of r.spans) {
      rStart.set(e, Math.min(s, rStart.get(e) ?? s));
    }
    const out: Span[] = [];
    for (const [s, e] of l.spans) {
      const rs = rStart.get(e);
      if (rs !== undefined) out.push([Math.min(s, rs), e]);
    }
    return { neg: false, spans: normalise(out) };
  }
  const [pos, neg] = l.neg ? [r, l] : [l, r];
  const blocked = ends(neg);
  return { neg: false, spans: pos.spans.filter((x) => !blocked.has(x[1])) };
}

function orOf(l: PhraseResult, r: PhraseResult): PhraseResult {
  if (isNo(l) && isNo(r)) return NOWHERE;
  if (l === UNKNOWN || r === UNKNOWN) return UNKNOWN;
  if (!l.neg && !r.neg) {
    return { neg: false, spans: normalise([...l.spans, ...r.spans]) };
  }
  if (l.neg && r.neg) {
    const rEnds = ends(r);
    return { neg: true, spans: l.spans.filter((x) => rEnds.has(x[1])) };
  }
  const [pos, neg] = l.neg ? [r, l] : [l, r];
  const covered = ends(pos);
  return { neg: true, spans: neg.spans.filter((x) => !covered.has(x[1])) };
}
