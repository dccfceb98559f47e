import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import fc from "fast-check";
import {
  corpusStatsOf,
  formatTsquery,
  formatTsvector,
  GinIndex,
  lexemesOf,
  makeTsvector,
  parseTsquery,
  parseTsvector,
  phrasetoTsquery,
  plaintoTsquery,
  quoteLexeme,
  toTsquery,
  toTsvector,
  tsMatch,
  type TsQuery,
  TsQuerySyntaxError,
  tsRank,
  type TsVector,
  tsvectorEquals,
  TsVectorSyntaxError,
  websearchToTsquery,
} from "../../../src/sql/fts/mod.ts";

// A small vocabulary where prefixes overlap, so prefix terms and phrases hit.
const VOCAB = ["a", "ab", "abc", "b", "ba", "c"];
const lexemeArb = fc.constantFrom(...VOCAB, "zz");

/** A document: word per position, `null` = a gap (a dropped stop word). */
const docArb: fc.Arbitrary<TsVector> = fc.record({
  words: fc.array(fc.option(fc.constantFrom(...VOCAB), { freq: 4 }), {
    maxLength: 10,
  }),
  stripped: fc.boolean(),
}).map(({ words, stripped }) => {
  const entries: [string, number[]][] = [];
  words.forEach((w, i) => {
    if (w !== null) entries.push([w, stripped ? [] : [i + 1]]);
  });
  return makeTsvector(entries);
});

function queryArb(lexeme: fc.Arbitrary<string>): fc.Arbitrary<TsQuery> {
  const { q } = fc.letrec<{
    q: TsQuery;
    term: TsQuery;
    and: TsQuery;
    or: TsQuery;
    not: TsQuery;
    phrase: TsQuery;
  }>((tie) => ({
    q: fc.oneof(
      { maxDepth: 4, depthSize: "small" },
      tie("term"),
      tie("and"),
      tie("or"),
      tie("not"),
      tie("phrase"),
    ),
    term: fc.record({
      kind: fc.constant("term" as const),
      lexeme,
      prefix: fc.boolean(),
    }),
    and: fc.record({
      kind: fc.constant("and" as const),
      left: tie("q"),
      right: tie("q"),
    }),
    or: fc.record({
      kind: fc.constant("or" as const),
      left: tie("q"),
      right: tie("q"),
    }),
    not: fc.record({ kind: fc.constant("not" as const), operand: tie("q") }),
    phrase: fc.record({
      kind: fc.constant("phrase" as const),
      distance: fc.integer({ min: 0, max: 3 }),
      left: tie("q"),
      right: tie("q"),
    }),
  }));
  return q;
}

Deno.test("GinIndex.candidates() is a superset of the rows tsMatch() accepts", () => {
  fc.assert(
    fc.property(
      fc.array(docArb, { maxLength: 8 }),
      queryArb(lexemeArb),
      (docs, q) => {
        const gin = new GinIndex();
        docs.forEach((v, i) => gin.add(BigInt(i), v));
        const candidates = gin.candidates(q);
        if (candidates === null) return;
        docs.forEach((v, i) => {
          if (tsMatch(v, q)) ok(candidates.has(BigInt(i)), formatTsquery(q));
        });
      },
    ),
    { numRuns: 400 },
  );
});

Deno.test("GinIndex.remove() after add() leaves the index equal to a fresh one", () => {
  fc.assert(
    fc.property(
      fc.array(docArb, { maxLength: 6 }),
      fc.array(docArb, { maxLength: 6 }),
      (kept, removed) => {
        const fresh = new GinIndex();
        const gin = new GinIndex();
        kept.forEach((v, i) => fresh.add(BigInt(i), v));
        // Interleave the extra rows with the kept ones, then remove them.
        kept.forEach((v, i) => {
          gin.add(BigInt(i), v);
          if (i < removed.length) gin.add(BigInt(1000 + i), removed[i]);
        });
        removed.forEach((v, i) => gin.add(BigInt(2000 + i), v));
        removed.forEach((v, i) => {
          if (i < kept.length) gin.remove(BigInt(1000 + i), v);
          gin.remove(BigInt(2000 + i), v);
        });
        deepStrictEqual(gin.postings(), fresh.postings());
        strictEqual(gin.docCount, fresh.docCount);
        strictEqual(gin.totalLength, fresh.totalLength);
        strictEqual(gin.lexemeCount, fresh.lexemeCount);
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("GinIndex.docFreq() and totals equal corpusStatsOf() over the same rows", () => {
  fc.assert(
    fc.property(fc.array(docArb, { maxLength: 8 }), (docs) => {
      const gin = new GinIndex();
      docs.forEach((v, i) => gin.add(BigInt(i), v));
      const stats = corpusStatsOf(docs);
      strictEqual(gin.docCount, stats.docCount);
      strictEqual(gin.totalLength, stats.totalLength);
      for (const w of [...VOCAB, "zz"]) {
        strictEqual(gin.docFreq(w), stats.docFreq(w));
      }
    }),
    { numRuns: 200 },
  );
});

// Lexemes that stress the text forms: quotes, backslashes, spaces, colons,
// operator characters and non-ASCII text.
const nastyLexemeArb = fc.string({
  minLength: 1,
  maxLength: 6,
  unit: fc.constantFrom(
    "a",
    "Z",
    "'",
    "\\",
    " ",
    ":",
    "&",
    "!",
    "<",
    ",",
    "é",
    "日",
    "1",
  ),
});

Deno.test("parseTsvector() round-trips formatTsvector()", () => {
  const vectorArb = fc.array(
    fc.tuple(
      nastyLexemeArb,
      fc.array(fc.integer({ min: 1, max: 20000 }), { maxLength: 4 }),
    ),
    { maxLength: 6 },
  ).map((entries) => makeTsvector(entries));
  fc.assert(
    fc.property(vectorArb, (v) => {
      const text = formatTsvector(v);
      const back = parseTsvector(text);
      ok(tsvectorEquals(back, v), text);
      strictEqual(formatTsvector(back), text);
    }),
    { numRuns: 300 },
  );
});

Deno.test("parseTsvector() of entries in any order equals makeTsvector() of them", () => {
  const entriesArb = fc.array(
    fc.tuple(
      nastyLexemeArb,
      fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 4 }),
    ),
    { maxLength: 6 },
  );
  fc.assert(
    fc.property(entriesArb, (entries) => {
      const text = entries.map(([lexeme, positions]) =>
        positions.length === 0
          ? quoteLexeme(lexeme)
          : `${quoteLexeme(lexeme)}:${positions.join(",")}`
      ).join(" ");
      ok(tsvectorEquals(parseTsvector(text), makeTsvector(entries)), text);
    }),
    { numRuns: 300 },
  );
});

// Re-groups `&` and `|` chains to the left, the form the parser builds.
function leftAssociated(q: TsQuery): TsQuery {
  switch (q.kind) {
    case "term":
      return { kind: "term", lexeme: q.lexeme, prefix: q.prefix };
    case "empty":
      return { kind: "empty" };
    case "not":
      return { kind: "not", operand: leftAssociated(q.operand) };
    case "phrase":
      return {
        kind: "phrase",
        distance: q.distance,
        left: leftAssociated(q.left),
        right: leftAssociated(q.right),
      };
    default: {
      const kind = q.kind;
      const operands: TsQuery[] = [];
      const collect = (n: TsQuery) => {
        if (n.kind === kind) {
          collect(n.left);
          collect(n.right);
        } else operands.push(leftAssociated(n));
      };
      collect(q);
      return operands.reduce((left, right) => ({ kind, left, right }));
    }
  }
}

Deno.test("parseTsquery() round-trips formatTsquery() up to &/| grouping", () => {
  fc.assert(
    fc.property(queryArb(nastyLexemeArb), (q) => {
      const text = formatTsquery(q);
      const back = parseTsquery(text);
      deepStrictEqual(back, leftAssociated(q));
      strictEqual(formatTsquery(back), text);
    }),
    { numRuns: 300 },
  );
});

Deno.test("tsMatch() gives the same answer for a query and its reparsed text", () => {
  fc.assert(
    fc.property(docArb, queryArb(lexemeArb), (v, q) => {
      strictEqual(tsMatch(v, parseTsquery(formatTsquery(q))), tsMatch(v, q));
    }),
    { numRuns: 300 },
  );
});

// Brute force over start positions for a chain t1 <d1> t2 <d2> ... tn.
function chainMatches(v: TsVector, terms: string[], gaps: number[]): boolean {
  const first = v.lexemes.get(terms[0]) ?? [];
  return first.some((p) => {
    let at = p;
    return terms.slice(1).every((t, i) => {
      at += gaps[i];
      return (v.lexemes.get(t) ?? []).includes(at);
    });
  });
}

Deno.test("tsMatch() on phrase chains agrees with a brute-force search, in any nesting", () => {
  const positionedDocArb = fc.array(
    fc.option(fc.constantFrom(...VOCAB), { freq: 4 }),
    { maxLength: 12 },
  ).map((words) =>
    makeTsvector(
      words.flatMap((
        w,
        i,
      ) => (w === null ? [] : [[w, [i + 1]] as [string, number[]]])),
    )
  );
  fc.assert(
    fc.property(
      positionedDocArb,
      fc.array(fc.constantFrom(...VOCAB), { minLength: 2, maxLength: 4 }),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }),
      (v, terms, gaps) => {
        const term = (lexeme: string): TsQuery => ({
          kind: "term",
          lexeme,
          prefix: false,
        });
        let leftNested: TsQuery = term(terms[0]);
        for (let i = 1; i < terms.length; i++) {
          leftNested = {
            kind: "phrase",
            distance: gaps[i - 1],
            left: leftNested,
            right: term(terms[i]),
          };
        }
        let rightNested: TsQuery = term(terms[terms.length - 1]);
        for (let i = terms.length - 2; i >= 0; i--) {
          rightNested = {
            kind: "phrase",
            distance: gaps[i],
            left: term(terms[i]),
            right: rightNested,
          };
        }
        const expected = chainMatches(v, terms, gaps);
        strictEqual(tsMatch(v, leftNested), expected);
        strictEqual(tsMatch(v, rightNested), expected);
      },
    ),
    { numRuns: 400 },
  );
});

const englishTextArb = fc.array(
  fc.constantFrom(
    "The",
    "cats",
    "running",
    "of",
    "a",
    "Database",
    "raft's",
    "logs",
    "and",
    "it",
    "42",
    "fast-check",
    "Café",
    "is",
    "not",
    "over",
  ),
  { maxLength: 10 },
).map((words) => words.join(" "));

Deno.test("plaintoTsquery() and phrasetoTsquery() of a text match its toTsvector()", () => {
  fc.assert(
    fc.property(
      englishTextArb,
      fc.constantFrom("english", "simple"),
      (text, config) => {
        const v = toTsvector(text, config);
        const plain = plaintoTsquery(text, config);
        const phrase = phrasetoTsquery(text, config);
        strictEqual(plain.kind === "empty", v.lexemes.size === 0);
        if (plain.kind !== "empty") ok(tsMatch(v, plain), text);
        if (phrase.kind !== "empty") ok(tsMatch(v, phrase), text);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("tsRank() is positive exactly when a positive term is present", () => {
  fc.assert(
    fc.property(
      fc.array(docArb, { minLength: 1, maxLength: 6 }),
      queryArb(lexemeArb),
      (docs, q) => {
        const stats = corpusStatsOf(docs);
        for (const v of docs) {
          const score = tsRank(v, q, stats);
          ok(Number.isFinite(score) && score >= 0);
          if (tsMatch(v, q) && score === 0) {
            // A match without any positive term present is only possible
            // through negation.
            ok(formatTsquery(q).includes("!"), formatTsquery(q));
          }
        }
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("toTsvector() equals makeTsvector() over lexemesOf() positions", () => {
  fc.assert(
    fc.property(
      englishTextArb,
      fc.constantFrom("english", "simple"),
      (text, config) => {
        const expected = makeTsvector(
          lexemesOf(text, config).flatMap((l, i) =>
            l === null ? [] : [[l, [i + 1]] as [string, number[]]]
          ),
        );
        const v = toTsvector(text, config);
        ok(tsvectorEquals(v, expected), text);
        deepStrictEqual([...v.lexemes.keys()], [...expected.lexemes.keys()]);
      },
    ),
    { numRuns: 200 },
  );
});

const queryTextArb = fc.string({
  maxLength: 20,
  unit: fc.constantFrom(
    "a",
    "b",
    "the",
    " ",
    "&",
    "|",
    "!",
    "(",
    ")",
    "<",
    "-",
    ">",
    "2",
    ":",
    "*",
    "'",
    "\\",
    '"',
    "é",
    "or",
  ),
});

Deno.test("toTsquery() and parseTsquery() either parse or throw TsQuerySyntaxError", () => {
  fc.assert(
    fc.property(queryTextArb, (text) => {
      for (const parse of [toTsquery, parseTsquery]) {
        try {
          const q = parse(text);
          // Whatever parses prints as text that parses back to itself.
          strictEqual(
            formatTsquery(parseTsquery(formatTsquery(q))),
            formatTsquery(q),
          );
        } catch (e) {
          if (!(e instanceof TsQuerySyntaxError)) throw e;
          ok(e.position >= 0 && e.position <= text.length, text);
        }
      }
    }),
    { numRuns: 1000 },
  );
});

Deno.test("websearchToTsquery() never throws", () => {
  fc.assert(
    fc.property(
      queryTextArb,
      fc.constantFrom("english", "simple"),
      (text, config) => {
        formatTsquery(websearchToTsquery(text, config));
      },
    ),
    { numRuns: 1000 },
  );
});

Deno.test("parseTsvector() either parses or throws TsVectorSyntaxError", () => {
  const textArb = fc.string({
    maxLength: 16,
    unit: fc.constantFrom("a", " ", "'", ":", ",", "1", "0", "A", "\\", "x"),
  });
  fc.assert(
    fc.property(textArb, (text) => {
      try {
        const v = parseTsvector(text);
        ok(tsvectorEquals(parseTsvector(formatTsvector(v)), v));
      } catch (e) {
        if (!(e instanceof TsVectorSyntaxError)) throw e;
        ok(e.position >= 0 && e.position <= text.length, text);
      }
    }),
    { numRuns: 1000 },
  );
});
