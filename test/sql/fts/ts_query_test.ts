import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import {
  formatTsquery,
  parseTsquery,
  phrasetoTsquery,
  plaintoTsquery,
  positiveTerms,
  toTsquery,
  TsQuerySyntaxError,
  UnknownTsConfigError,
  websearchToTsquery,
} from "../../../src/sql/fts/mod.ts";

const fmt = (text: string, config?: string) =>
  formatTsquery(toTsquery(text, config));

Deno.test("toTsquery() builds the tree with PostgreSQL precedence", () => {
  deepStrictEqual(toTsquery("a1 | b1 & !c1 <-> d1", "simple"), {
    kind: "or",
    left: { kind: "term", lexeme: "a1", prefix: false },
    right: {
      kind: "and",
      left: { kind: "term", lexeme: "b1", prefix: false },
      right: {
        kind: "phrase",
        distance: 1,
        left: {
          kind: "not",
          operand: { kind: "term", lexeme: "c1", prefix: false },
        },
        right: { kind: "term", lexeme: "d1", prefix: false },
      },
    },
  });
});

Deno.test("toTsquery() normalises operands with the configuration", () => {
  strictEqual(fmt("Cats & RUNNING:*"), "'cat' & 'run':*");
  strictEqual(fmt("Cats & RUNNING:*", "simple"), "'cats' & 'running':*");
  strictEqual(fmt("cat:AB & dog:b*"), "'cat' & 'dog':*");
});

Deno.test("toTsquery() turns a multi-word operand into a phrase", () => {
  strictEqual(fmt("'fat cats' & rat"), "'fat' <-> 'cat' & 'rat'");
  strictEqual(fmt("fat-cats"), "'fat' <-> 'cat'");
  strictEqual(fmt("'the fat of the rat'"), "'fat' <3> 'rat'");
});

Deno.test("toTsquery() drops stop words as PostgreSQL does", () => {
  strictEqual(fmt("cat & the"), "'cat'");
  strictEqual(fmt("the | cat"), "'cat'");
  strictEqual(fmt("cat & !the"), "'cat'");
  strictEqual(fmt("(the & a) | cat"), "'cat'");
  strictEqual(fmt("fat <-> the <-> cat"), "'fat' <2> 'cat'");
  strictEqual(fmt("fat <-> (the <-> a) <-> cat"), "'fat' <3> 'cat'");
  strictEqual(fmt("the <-> cat <2> the"), "'cat'");
  strictEqual(fmt("(fat <-> the) <-> cat"), "'fat' <2> 'cat'");
  deepStrictEqual(toTsquery("the & a"), { kind: "empty" });
  deepStrictEqual(toTsquery("!the"), { kind: "empty" });
});

Deno.test("toTsquery() of blank text is the empty query", () => {
  deepStrictEqual(toTsquery("   "), { kind: "empty" });
  strictEqual(formatTsquery(toTsquery("")), "");
});

Deno.test("toTsquery() reads phrase distances", () => {
  strictEqual(
    fmt("a1 <0> b1 <-> c1 <12> d1", "simple"),
    "'a1' <0> 'b1' <-> 'c1' <12> 'd1'",
  );
  throws(() => toTsquery("a <16385> b"), TsQuerySyntaxError);
});

Deno.test("toTsquery() reports syntax errors with their position", () => {
  for (
    const [text, position] of [
      ["fat & & rat", 6],
      ["(fat", 4],
      ["fat rat", 4],
      ["fat <- rat", 4],
      ["fat &", 5],
      [")", 0],
      ["fat:", 4],
      ["'fat", 4],
      ["fat & ()", 7],
      ["fat)", 3],
      ["!", 1],
      [":*", 0],
    ] as const
  ) {
    throws(
      () => toTsquery(text),
      (e: unknown) =>
        e instanceof TsQuerySyntaxError && e.position === position &&
        e.query === text && e.name === "TsQuerySyntaxError" &&
        e instanceof SyntaxError,
      text,
    );
  }
});

Deno.test("toTsquery() rejects an unknown configuration even for blank text", () => {
  throws(() => toTsquery("", "klingon"), UnknownTsConfigError);
});

Deno.test("parseTsquery() keeps operands as written", () => {
  strictEqual(
    formatTsquery(parseTsquery("Cats & 'The' <-> 'it''s':*")),
    "'Cats' & 'The' <-> 'it''s':*",
  );
  throws(() => parseTsquery("'' & a"), TsQuerySyntaxError);
});

Deno.test("formatTsquery() flattens right-nested & and | chains as PostgreSQL does", () => {
  strictEqual(formatTsquery(parseTsquery("a & (b & c)")), "'a' & 'b' & 'c'");
  strictEqual(formatTsquery(parseTsquery("a | (b | c)")), "'a' | 'b' | 'c'");
  strictEqual(
    formatTsquery(parseTsquery("a & (b | c)")),
    "'a' & ( 'b' | 'c' )",
  );
});

Deno.test("formatTsquery() parenthesises only where precedence needs it", () => {
  const cases = [
    "'a' & 'b' & 'c'",
    "'a' | 'b' & 'c' | 'd'",
    "'a' & 'b' <-> ( 'c' <-> 'd' )",
    "( 'a' | 'b' ) & 'c'",
    "'a' | 'b' & 'c'",
    "!( 'a' | 'b' )",
    "!!'a'",
    "!'a' <-> 'b'",
    "!( 'a' <-> 'b' )",
    "'a' <-> ( 'b' <2> 'c' )",
    "( 'a' & 'b' ) <-> 'c'",
  ];
  for (const text of cases) {
    strictEqual(formatTsquery(parseTsquery(text)), text);
  }
});

Deno.test("plaintoTsquery() ANDs the lexemes and ignores operators", () => {
  strictEqual(
    formatTsquery(plaintoTsquery("The Fat & Rats!")),
    "'fat' & 'rat'",
  );
  deepStrictEqual(plaintoTsquery("the of"), { kind: "empty" });
});

Deno.test("phrasetoTsquery() chains lexemes keeping stop-word gaps", () => {
  strictEqual(
    formatTsquery(phrasetoTsquery("The fat cats of the city")),
    "'fat' <-> 'cat' <3> 'citi'",
  );
});

Deno.test("positiveTerms() skips negated terms", () => {
  deepStrictEqual(
    positiveTerms(toTsquery("a1 & !b1 & !(c1 | !d1)", "simple")).map((t) =>
      t.lexeme
    ),
    ["a1", "d1"],
  );
});

Deno.test("websearchToTsquery() reads quotes, or and minus without ever throwing", () => {
  const web = (text: string, config?: string) =>
    formatTsquery(websearchToTsquery(text, config));
  strictEqual(
    web('"fat cats" or rats -dogs'),
    "'fat' <-> 'cat' | 'rat' & !'dog'",
  );
  strictEqual(web("a b or c d", "simple"), "'a' & 'b' | 'c' & 'd'");
  strictEqual(web("or cat or"), "'cat'");
  strictEqual(web('-"fat rat" cat'), "!( 'fat' <-> 'rat' ) & 'cat'");
  strictEqual(web('"unclosed cat'), "'unclos' <-> 'cat'");
  strictEqual(web("cat -"), "'cat'");
  strictEqual(web("((( & | ! <->"), "");
  deepStrictEqual(websearchToTsquery("the or a"), { kind: "empty" });
});
