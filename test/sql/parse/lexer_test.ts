import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { tokenize } from "../../../src/sql/parse/lexer.ts";
import { K, KEYWORDS, T } from "../../../src/sql/parse/_tokens.ts";
import { parseOne, SqlSyntaxError } from "../../../src/sql/parse/mod.ts";

function kinds(sql: string): [number, string | undefined][] {
  const t = tokenize(sql);
  const out: [number, string | undefined][] = [];
  for (let i = 0; i < t.count; i++) out.push([t.types[i], t.values[i]]);
  return out;
}

Deno.test("tokenize() reads keywords in any case", () => {
  deepStrictEqual(
    kinds(
      "select SeLeCt SELECT users current_timestamp Current_Date selects sel _select select_ select1",
    ),
    [
      [K.SELECT, undefined],
      [K.SELECT, undefined],
      [K.SELECT, undefined],
      [T.ID, "users"],
      [K.CURRENT_TIMESTAMP, undefined],
      [K.CURRENT_DATE, undefined],
      [T.ID, "selects"],
      [T.ID, "sel"],
      [T.ID, "_select"],
      [T.ID, "select_"],
      [T.ID, "select1"],
      [T.EOF, undefined],
    ],
  );
});

Deno.test("tokenize() recognises every keyword in upper, lower and mixed case", () => {
  for (const [word, type] of KEYWORDS) {
    const mixed = [...word].map((ch, i) => i % 2 ? ch.toLowerCase() : ch)
      .join("");
    for (const w of [word, word.toLowerCase(), mixed]) {
      strictEqual(tokenize(w).types[0], type, w);
    }
    strictEqual(tokenize(word + "x").types[0], T.ID, word + "x");
  }
});

Deno.test("tokenize() folds only ASCII letters when matching keywords", () => {
  // U+017F (long s) upper-cases to "S" in JavaScript; SQLite does not fold it.
  deepStrictEqual(kinds("\u017Felect"), [[T.ID, "\u017Felect"], [
    T.EOF,
    undefined,
  ]]);
  deepStrictEqual(kinds("caf\u00e9 \u00fcber"), [
    [T.ID, "caf\u00e9"],
    [T.ID, "\u00fcber"],
    [T.EOF, undefined],
  ]);
});

Deno.test("tokenize() decodes quoted identifiers and strings", () => {
  deepStrictEqual(kinds(`"a""b" [c d] \`e\`\`f\` 'it''s' '' 'x\ny'`), [
    [T.QID, 'a"b'],
    [T.QID, "c d"],
    [T.QID, "e`f"],
    [T.STRING, "it's"],
    [T.STRING, ""],
    [T.STRING, "x\ny"],
    [T.EOF, undefined],
  ]);
  // A quoted keyword is an identifier.
  strictEqual(tokenize('"select"').types[0], T.QID);
});

Deno.test("tokenize() reads numbers the way SQLite does", () => {
  deepStrictEqual(kinds("1 1.5 .5 1. 1e5 1E-5 2.5e+3 0x1F 0XaB"), [
    [T.INTEGER, "1"],
    [T.FLOAT, "1.5"],
    [T.FLOAT, ".5"],
    [T.FLOAT, "1."],
    [T.FLOAT, "1e5"],
    [T.FLOAT, "1E-5"],
    [T.FLOAT, "2.5e+3"],
    [T.INTEGER, "0x1F"],
    [T.INTEGER, "0XaB"],
    [T.EOF, undefined],
  ]);
  // A dot not followed by a digit is punctuation.
  deepStrictEqual(kinds("t.c").map((k) => k[0]), [T.ID, T.DOT, T.ID, T.EOF]);
});

Deno.test("tokenize() reads every operator, longest match first", () => {
  deepStrictEqual(
    kinds("|| | << <= <> < >> >= > == = != :: @@ ~ & % / * + - , ; ( )").map((
      k,
    ) => k[0]),
    [
      T.CONCAT,
      T.BITOR,
      T.LSHIFT,
      T.LE,
      T.NE,
      T.LT,
      T.RSHIFT,
      T.GE,
      T.GT,
      T.EQ,
      T.EQ,
      T.NE,
      T.DCOLON,
      T.MATCH,
      T.BITNOT,
      T.BITAND,
      T.REM,
      T.SLASH,
      T.STAR,
      T.PLUS,
      T.MINUS,
      T.COMMA,
      T.SEMI,
      T.LP,
      T.RP,
      T.EOF,
    ],
  );
});

Deno.test("tokenize() reads parameters of every form", () => {
  deepStrictEqual(kinds("? ?12 $1 $name :name @name"), [
    [T.PARAM, "?"],
    [T.PARAM, "?12"],
    [T.PARAM, "$1"],
    [T.PARAM, "$name"],
    [T.PARAM, ":name"],
    [T.PARAM, "@name"],
    [T.EOF, undefined],
  ]);
});

Deno.test("tokenize() skips comments, including an unterminated block comment", () => {
  deepStrictEqual(
    kinds("a -- to end of line\n/* block\n*/ b /* open").map((k) => k[1]),
    ["a", "b", undefined],
  );
  // "-" then "-" is a comment, but "- -" is two minus signs.
  deepStrictEqual(kinds("1 - -2").map((k) => k[0]), [
    T.INTEGER,
    T.MINUS,
    T.MINUS,
    T.INTEGER,
    T.EOF,
  ]);
  deepStrictEqual(kinds("1 --2").map((k) => k[0]), [T.INTEGER, T.EOF]);
});

Deno.test("tokenize() records spans and line starts", () => {
  const t = tokenize("SELECT\n  a,\r\n\tb");
  deepStrictEqual(
    [t.starts.slice(0, 4), t.ends.slice(0, 4), t.lineStarts],
    [[0, 9, 10, 14], [6, 10, 11, 15], [0, 7, 13]],
  );
  const s = parseOne("SELECT\n  a,\r\n\tb");
  if (s.kind !== "select" || s.body.kind !== "select_core") throw new Error();
  deepStrictEqual(s.body.columns.map((c) => c.pos), [
    { line: 2, column: 3, offset: 9 },
    { line: 3, column: 2, offset: 14 },
  ]);
});

Deno.test("parse() suggests quoting a reserved word used as a name", () => {
  throws(() => parseOne("CREATE TABLE order (a INT)"), (e: unknown) => {
    strictEqual(
      (e as SqlSyntaxError).reason,
      'near "order": syntax error (ORDER is a reserved word; quote it, as in "order", to use it as a name)',
    );
    return e instanceof SqlSyntaxError;
  });
  // Quoted, it is accepted; non-reserved keywords need no quotes.
  strictEqual(
    parseOne('CREATE TABLE "order" (key INT, value TEXT, text TEXT)').kind,
    "create_table",
  );
});
