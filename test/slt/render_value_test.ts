import assert from "node:assert/strict";
import { realToText, renderValue } from "./render_value.ts";

Deno.test("renderValue() prints I as %d, truncating reals and reading text", () => {
  assert.deepEqual(
    [5n, -7n, 2.9, -2.9, "12abc", "abc", " -3", true, false, null, 1e300].map(
      (v) => renderValue(v, "I"),
    ),
    [
      "5",
      "-7",
      "2",
      "-2",
      "12",
      "0",
      "-3",
      "1",
      "0",
      "NULL",
      "9223372036854775807",
    ],
  );
});

Deno.test("renderValue() prints R as %.3f", () => {
  assert.deepEqual(
    [1.25, 2n, -0.0001, 0.0005, "3.5x", null, 1e20].map((v) =>
      renderValue(v, "R")
    ),
    [
      "1.250",
      "2.000",
      "-0.000",
      "0.001",
      "3.500",
      "NULL",
      "100000000000000000000.000",
    ],
  );
});

Deno.test("renderValue() keeps at most 16 significant digits in R, as SQLite", () => {
  assert.equal(
    renderValue(-9223372036854775808, "R"),
    "-9223372036854776000.000",
  );
  assert.equal(
    renderValue(-18446744073709551616, "R"),
    "-18446744073709550000.000",
  );
  assert.equal(renderValue(12345678901234.567, "R"), "12345678901234.570");
});

Deno.test("renderValue() prints T as text with (empty) and @ for control bytes", () => {
  assert.deepEqual(
    ["abc", "", "a\tb", 7n, 1.5, 1, true, null].map((v) => renderValue(v, "T")),
    ["abc", "(empty)", "a@b", "7", "1.5", "1.0", "1", "NULL"],
  );
});

Deno.test("realToText() follows SQLite's %!.15g", () => {
  assert.deepEqual(
    [1, 0.1, 1.5e-7, 1e20, 123456789012345680000, 0.3333333333333333, -2.5, 0]
      .map(
        realToText,
      ),
    [
      "1.0",
      "0.1",
      "1.5e-07",
      "1.0e+20",
      "1.23456789012346e+20",
      "0.333333333333333",
      "-2.5",
      "0.0",
    ],
  );
});
