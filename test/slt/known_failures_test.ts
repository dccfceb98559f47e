import assert from "node:assert/strict";
import {
  compareWithKnown,
  loadKnownFailures,
  parseKnownFailures,
} from "./known_failures.ts";

Deno.test("compareWithKnown() separates new, known and fixed failures", () => {
  const known = parseKnownFailures('{"a.test": {"1": "x", "2": "y"}}');
  assert.deepEqual(compareWithKnown("a.test", [1, 5], known), {
    unexpected: [5],
    known: [1],
    fixed: [2],
  });
  assert.deepEqual(compareWithKnown("b.test", [3], known), {
    unexpected: [3],
    known: [],
    fixed: [],
  });
});

Deno.test("parseKnownFailures() rejects a malformed file", () => {
  assert.throws(() => parseKnownFailures("[]"), TypeError);
  assert.throws(() => parseKnownFailures('{"a": {"x": "y"}}'), TypeError);
  assert.throws(() => parseKnownFailures('{"a": {"1": 2}}'), TypeError);
});

Deno.test("loadKnownFailures() reads a list from a file", async () => {
  const path = await Deno.makeTempFile({ suffix: ".json" });
  try {
    await Deno.writeTextFile(path, '{"a.test": {"480": "why"}}');
    const known = await loadKnownFailures(path);
    assert.equal(known.get("a.test")?.get(480), "why");
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("loadKnownFailures() accepts the project's list", async () => {
  const known = await loadKnownFailures(
    new URL("./known_failures.json", import.meta.url).pathname,
  );
  assert.ok(known instanceof Map);
});
