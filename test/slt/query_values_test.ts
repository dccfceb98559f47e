import assert from "node:assert/strict";
import {
  hashLine,
  matchesExpected,
  md5OfValues,
  queryValues,
} from "./query_values.ts";

Deno.test("queryValues() flattens rows in order for nosort", () => {
  assert.deepEqual(
    queryValues([[2n, "b"], [1n, null]], { types: "IT", sort: "nosort" }),
    ["2", "b", "1", "NULL"],
  );
});

Deno.test("queryValues() sorts rows as strings for rowsort", () => {
  assert.deepEqual(
    queryValues([[10n, "a"], [9n, "b"], [10n, "0"]], {
      types: "IT",
      sort: "rowsort",
    }),
    ["10", "0", "10", "a", "9", "b"],
  );
});

Deno.test("queryValues() sorts every value for valuesort", () => {
  assert.deepEqual(
    queryValues([[3n, 1n], [20n, 2n]], { types: "II", sort: "valuesort" }),
    ["1", "2", "20", "3"],
  );
});

Deno.test("md5OfValues() hashes each value with a newline", () => {
  // md5 of "1\n2\n", as `printf '1\n2\n' | md5sum` gives.
  assert.equal(md5OfValues(["1", "2"]), "6ddb4095eb719e2a9f0a3f95677d24e0");
  assert.equal(
    hashLine(["1", "2"]),
    "2 values hashing to 6ddb4095eb719e2a9f0a3f95677d24e0",
  );
});

Deno.test("matchesExpected() compares values, rows or a hash line", () => {
  assert.equal(matchesExpected(["1", "2"], ["1", "2"], 1), true);
  assert.equal(matchesExpected(["1", "2"], ["1", "3"], 1), false);
  assert.equal(matchesExpected(["1", "2"], ["1 2"], 2), true);
  assert.equal(matchesExpected(["1", "2"], [hashLine(["1", "2"])], 1), true);
  assert.equal(matchesExpected(["1", "3"], [hashLine(["1", "2"])], 1), false);
  assert.equal(matchesExpected([], [], 1), true);
  assert.equal(matchesExpected(["1"], [], 1), false);
});
