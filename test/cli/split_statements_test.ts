import assert from "node:assert/strict";
import {
  scriptStatements,
  splitStatements,
} from "../../src/cli/split_statements.ts";

Deno.test("splitStatements() splits several statements on one line", () => {
  const r = splitStatements("SELECT 1; SELECT 2;");
  assert.deepEqual(r.statements, ["SELECT 1", "SELECT 2"]);
  assert.equal(r.incomplete, false);
});

Deno.test("splitStatements() waits for the ; of a multi-line statement", () => {
  const r = splitStatements("SELECT a,\n  b FROM t\n");
  assert.deepEqual(r.statements, []);
  assert.equal(r.incomplete, true);
  assert.equal(r.rest, "SELECT a,\n  b FROM t\n");
});

Deno.test("splitStatements() ignores ; inside strings, identifiers and comments", async (t) => {
  const cases: [string, string[]][] = [
    ["SELECT ';' ;", ["SELECT ';'"]],
    ["SELECT 'it''s; fine';", ["SELECT 'it''s; fine'"]],
    ['SELECT "a;b" FROM t;', ['SELECT "a;b" FROM t']],
    ["SELECT `a;b`, [c;d] FROM t;", ["SELECT `a;b`, [c;d] FROM t"]],
    ["SELECT 1 -- no; split here\n + 2;", ["SELECT 1 -- no; split here\n + 2"]],
    ["SELECT /* ; */ 3;", ["SELECT /* ; */ 3"]],
  ];
  for (const [text, expected] of cases) {
    await t.step(text, () => {
      assert.deepEqual(splitStatements(text).statements, expected);
    });
  }
});

Deno.test("splitStatements() keeps going inside an open string or comment", () => {
  assert.equal(splitStatements("SELECT 'abc;\n").incomplete, true);
  assert.equal(splitStatements("/* SELECT 1;\n").incomplete, true);
  assert.equal(splitStatements("/* SELECT 1;\n").restHasCode, false);
});

Deno.test("splitStatements() drops empty and comment-only statements", () => {
  const r = splitStatements(";; -- note\n; /* x */ ; SELECT 1;\n-- trailing\n");
  assert.deepEqual(r.statements, ["SELECT 1"]);
  assert.equal(r.incomplete, false);
});

Deno.test("scriptStatements() keeps a last statement without its ;", () => {
  assert.deepEqual(
    scriptStatements("INSERT INTO t VALUES(1);\nDROP INDEX i"),
    ["INSERT INTO t VALUES(1)", "DROP INDEX i"],
  );
  assert.deepEqual(scriptStatements("  -- only a comment\n"), []);
});
