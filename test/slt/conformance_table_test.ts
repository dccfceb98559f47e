import assert from "node:assert/strict";
import {
  conformanceMarkdown,
  countsLine,
  totalOf,
} from "./conformance_table.ts";
import type { SltReport } from "./run_slt.ts";

const report = (file: string, p: number, f: number, s: number): SltReport => ({
  file,
  passed: p,
  failed: f,
  skipped: s,
  seconds: 1.25,
  failures: [],
  slowest: [],
});

Deno.test("countsLine() prints passed, failed and skipped", () => {
  assert.equal(
    countsLine({ passed: 3, failed: 1, skipped: 2 }),
    "3 passed, 1 failed, 2 skipped",
  );
});

Deno.test("totalOf() adds reports up", () => {
  assert.deepEqual(totalOf([report("a", 1, 2, 3), report("b", 10, 20, 30)]), {
    passed: 11,
    failed: 22,
    skipped: 33,
    seconds: 2.5,
  });
});

Deno.test("conformanceMarkdown() has a row per file and a total row", () => {
  const md = conformanceMarkdown([
    report("a.test", 99, 1, 0),
    report("b.test", 0, 0, 4),
  ], {
    command: "deno task slt --write-conformance",
    date: "2026-11-26",
  });
  const rows = md.split("\n").filter((l) => l.startsWith("| "));
  assert.deepEqual(rows, [
    "| file | passed | failed | skipped | seconds | pass rate |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    "| a.test | 99 | 1 | 0 | 1.3 | 99.00% |",
    "| b.test | 0 | 0 | 4 | 1.3 | - |",
    "| total | 99 | 1 | 4 | 2.5 | 99.00% |",
  ]);
  assert.match(
    md,
    /Produced on 2026-11-26 by `deno task slt --write-conformance`/,
  );
});

Deno.test("conformanceMarkdown() never rounds a failure up to 100%", () => {
  const md = conformanceMarkdown([report("a.test", 63286, 1, 0)], {
    command: "x",
    date: "d",
  });
  assert.match(md, /\| a\.test \| 63286 \| 1 \| 0 \| 1\.3 \| 99\.99% \|/);
});
