import { deepStrictEqual, strictEqual } from "node:assert/strict";
import {
  matchingLexemes,
  parseTsquery,
  parseTsvector,
  toTsquery,
  toTsvector,
  tsMatch,
} from "../../../src/sql/fts/mod.ts";

const DOC = toTsvector("The fat cat sat on the mat with a fat rat");
const matches = (q: string) => tsMatch(DOC, toTsquery(q));

Deno.test("tsMatch() evaluates and, or and not", () => {
  strictEqual(matches("fat & cat"), true);
  strictEqual(matches("fat & dog"), false);
  strictEqual(matches("dog | rat"), true);
  strictEqual(matches("!dog"), true);
  strictEqual(matches("!cat"), false);
  strictEqual(matches("cat & !(dog | bird)"), true);
});

Deno.test("tsMatch() checks phrase positions", () => {
  strictEqual(matches("fat <-> cat"), true);
  strictEqual(matches("cat <-> fat"), false);
  strictEqual(matches("fat <-> rat"), true);
  strictEqual(matches("fat <2> sat"), true);
  strictEqual(matches("fat <3> sat"), false);
  strictEqual(matches("cat <-> sat <-> on <-> the <-> mat"), true);
  strictEqual(matches("'sat on the mat'"), true);
  strictEqual(matches("'sat on a mat'"), true); // stop words only keep distance
  strictEqual(matches("'sat on mat'"), false);
  strictEqual(matches("fat <0> fat"), true);
});

Deno.test("tsMatch() nests phrases by span", () => {
  strictEqual(matches("fat <-> (cat <-> sat)"), true);
  strictEqual(matches("(fat <-> cat) <-> sat"), true);
  strictEqual(matches("(fat <-> cat) <2> sat"), false);
  strictEqual(matches("(fat | thin) <-> (rat | cat)"), true);
  strictEqual(matches("(thin | big) <-> (rat | cat)"), false);
});

Deno.test("tsMatch() treats ! inside a phrase as 'not at this position'", () => {
  strictEqual(matches("!fat <-> cat"), false);
  strictEqual(matches("!thin <-> cat"), true);
  strictEqual(matches("!fat <-> rat"), false);
  strictEqual(matches("!cat <-> sat"), false);
  strictEqual(matches("fat <-> !cat"), true); // the second fat is before rat
  strictEqual(matches("mat <2> !rat"), true);
  strictEqual(matches("!(fat <-> cat)"), false);
  strictEqual(matches("!(fat <-> dog)"), true);
});

Deno.test("tsMatch() inside a phrase needs & operands at the same position", () => {
  const v = parseTsvector("'cat':2 'feline':2 'fat':1");
  strictEqual(tsMatch(v, parseTsquery("fat <-> (cat & feline)")), true);
  strictEqual(tsMatch(v, parseTsquery("fat <-> (cat & dog)")), false);
  strictEqual(tsMatch(v, parseTsquery("fat <-> (cat & !dog)")), true);
  strictEqual(tsMatch(v, parseTsquery("fat <-> (cat & !feline)")), false);
});

Deno.test("tsMatch() matches prefixes, also inside phrases", () => {
  const v = toTsvector("supernovae explode in superclusters", "simple");
  strictEqual(tsMatch(v, parseTsquery("super:*")), true);
  strictEqual(tsMatch(v, parseTsquery("supper:*")), false);
  strictEqual(tsMatch(v, parseTsquery("supernovae:*")), true);
  strictEqual(tsMatch(v, parseTsquery("super:* <-> expl:*")), true);
  strictEqual(tsMatch(v, parseTsquery("expl:* <-> super:*")), false);
  strictEqual(tsMatch(v, parseTsquery("expl:* <2> super:*")), true);
});

Deno.test("tsMatch() never satisfies a phrase with position-less lexemes", () => {
  // PostgreSQL 15 answers f, t, f, f, t, t for these.
  const v = parseTsvector("a b");
  strictEqual(tsMatch(v, parseTsquery("a <-> b")), false);
  strictEqual(tsMatch(v, parseTsquery("!(a <-> b)")), true);
  strictEqual(tsMatch(v, parseTsquery("a <-> !c")), false);
  strictEqual(tsMatch(parseTsvector("a:1 b"), parseTsquery("a <-> b")), false);
  strictEqual(tsMatch(parseTsvector("a:1 b"), parseTsquery("a & b")), true);
  strictEqual(tsMatch(v, parseTsquery("a <-> b | a")), true);
});

Deno.test("tsMatch() never matches the empty query", () => {
  strictEqual(tsMatch(DOC, toTsquery("the")), false);
  strictEqual(tsMatch(toTsvector(""), toTsquery("")), false);
});

Deno.test("matchingLexemes() expands a prefix to the document's lexemes", () => {
  const v = toTsvector("super supper soup", "simple");
  deepStrictEqual(
    matchingLexemes(v, { kind: "term", lexeme: "sup", prefix: true }),
    ["super", "supper"],
  );
  deepStrictEqual(
    matchingLexemes(v, { kind: "term", lexeme: "sup", prefix: false }),
    [],
  );
});
