import assert from "node:assert/strict";
import { categorize, summarizeFailures } from "./failure_summary.ts";

Deno.test("categorize() blanks names and numbers of errors", () => {
  assert.equal(
    categorize("error: SqlError: no such function 'nullif' at 12\nmore"),
    "error: SqlError: no such function '…' at N",
  );
  assert.equal(categorize("1\n2"), "wrong result");
  assert.equal(categorize("1 columns (a)"), "wrong number of columns");
  assert.equal(categorize("ok"), "statement succeeded, an error was expected");
});

Deno.test("summarizeFailures() groups and orders by count", () => {
  const f = (sql: string, got: string) => ({ file: "x", line: 1, sql, got });
  const groups = summarizeFailures([
    f("a", "error: E: bad 'x'"),
    f("b", "3"),
    f("c", "error: E: bad 'y'"),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.category, g.count, g.example.sql]),
    [["error: E: bad '…'", 2, "a"], ["wrong result", 1, "b"]],
  );
});
