import assert from "node:assert/strict";
import {
  cellText,
  displayWidth,
  formatCsv,
  formatJson,
  formatTable,
  rowCountLine,
} from "../../src/cli/format_result.ts";

Deno.test("formatTable() aligns columns, numbers right, NULL shown", () => {
  const text = formatTable({
    columns: ["id", "name", "score"],
    rows: [[1n, "reef", 1.5], [20n, null, 3]],
  });
  assert.equal(
    text,
    [
      " id | name | score",
      "----+------+-------",
      "  1 | reef |   1.5",
      " 20 | NULL |   3.0",
      "(2 rows)",
      "",
    ].join("\n"),
  );
});

Deno.test("formatTable() gives multi-line values several lines", () => {
  const text = formatTable({ columns: ["a", "b"], rows: [["x\ny", 7n]] });
  assert.equal(
    text,
    [" a | b", "---+---", " x | 7", " y |", "(1 row)", ""].join("\n"),
  );
});

Deno.test("formatTable() shows an empty result with its header", () => {
  assert.equal(
    formatTable({ columns: ["name"], rows: [] }),
    " name\n------\n(0 rows)\n",
  );
});

Deno.test("formatTable() aligns wide characters and combining marks", () => {
  const text = formatTable({
    columns: ["s", "n"],
    rows: [["表🐠", 1n], ["abc", 2n], ["e\u0301", 3n]],
  });
  assert.deepEqual(text.split("\n").slice(0, 5), [
    "  s   | n",
    "------+---",
    " 表🐠 | 1",
    " abc  | 2",
    " e\u0301    | 3",
  ]);
});

Deno.test("displayWidth() counts terminal columns", () => {
  assert.deepEqual(
    ["", "abc", "表", "🐠", "e\u0301", "ｱ"].map(displayWidth),
    [0, 3, 2, 2, 1, 1],
  );
});

Deno.test("cellText() renders each value kind", () => {
  assert.deepEqual(
    [null, 3n, 2, 2.25, true, "t", 2n ** 70n].map(cellText),
    ["NULL", "3", "2.0", "2.25", "true", "t", "1180591620717411303424"],
  );
});

Deno.test("rowCountLine() uses the singular for one row", () => {
  assert.deepEqual([0, 1, 2].map(rowCountLine), [
    "(0 rows)",
    "(1 row)",
    "(2 rows)",
  ]);
});

Deno.test("formatCsv() quotes fields that need it and leaves NULL empty", () => {
  assert.equal(
    formatCsv({ columns: ["a", "b"], rows: [['x,"y"', null], ["p\nq", 1n]] }),
    'a,b\n"x,""y""",\n"p\nq",1\n',
  );
});

Deno.test("formatJson() keeps big integers exact as strings", () => {
  assert.equal(
    formatJson({ columns: ["a", "b"], rows: [[2n ** 60n, null], [1n, "x"]] }),
    '[{"a":"1152921504606846976","b":null},\n{"a":1,"b":"x"}]\n',
  );
});
