/**
 * The shared corpus in the everyday suite: a fast subset on ReefDB with a
 * pass-rate bar (a regression fails), the same subset on the reference
 * engine (a runner regression fails), and the whole corpus when
 * REEF_LONG=1.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Database } from "../../src/api/database.ts";
import { openReef } from "../../src/cli/open_reef.ts";
import { DEFAULT_CORPUS } from "./main.ts";
import { runSlt, type SltReport } from "./run_slt.ts";
import { openSqliteDatabase } from "./sqlite_database.ts";

const long = Deno.env.get("REEF_LONG") === "1";
let corpusPresent = true;
try {
  Deno.statSync(DEFAULT_CORPUS);
} catch {
  corpusPresent = false;
}

/** The fast subset: every evidence file and select1. */
const FAST: readonly { file: string; maxRecords?: number }[] = [
  { file: "evidence_in1.test" },
  { file: "evidence_in2.test" },
  { file: "evidence_slt_lang_aggfunc.test" },
  { file: "evidence_slt_lang_dropindex.test" },
  { file: "evidence_slt_lang_droptable.test" },
  { file: "evidence_slt_lang_update.test" },
  { file: "select1.test" },
];

/**
 * Records the reference engine (SQLite) itself fails: `sum()` of 2^63 + 2^63
 * - 1 raises "integer overflow" in SQLite, yet the file expects an empty
 * result there (line 480).
 */
const REFERENCE_FAILURES: Record<string, number[]> = {
  "evidence_slt_lang_aggfunc.test": [480],
};

/**
 * Pass-rate floors of ReefDB on the fast subset, as measured: raise them as
 * the engine improves, never lower them to make a change pass.
 */
const REEF_FLOOR: Record<string, number> = {
  // Measured 2026-11-26 (engine at 0fb0367): the 6 queries on blob
  // literals (X'303132') fail, as the API has no blob type.
  "evidence_in1.test": 208 / 214,
  // sum() overflow at line 480 fails, on SQLite too.
  "evidence_slt_lang_aggfunc.test": 79 / 80,
};

async function runFile(
  file: string,
  open: () => Promise<Database>,
  maxRecords?: number,
): Promise<SltReport> {
  const text = await Deno.readTextFile(join(DEFAULT_CORPUS, file));
  return await runSlt(text, {
    open,
    file,
    maxFailures: 10,
    ...(maxRecords === undefined ? {} : { maxRecords }),
  });
}

function rate(r: SltReport): number {
  const run = r.passed + r.failed;
  return run === 0 ? 1 : r.passed / run;
}

Deno.test({
  name: "runSlt() passes the fast subset on the reference engine",
  ignore: !corpusPresent,
  async fn(t) {
    for (const { file, maxRecords } of FAST) {
      await t.step(file, async () => {
        const r = await runFile(file, openSqliteDatabase, maxRecords);
        assert.deepEqual(
          r.failures.map((f) => f.line),
          REFERENCE_FAILURES[file] ?? [],
        );
        assert.ok(r.passed > 0);
      });
    }
  },
});

Deno.test({
  name:
    "runSlt() keeps ReefDB at or above its measured pass rate on the fast subset",
  ignore: !corpusPresent,
  async fn(t) {
    for (const { file, maxRecords } of FAST) {
      await t.step(file, async () => {
        const r = await runFile(file, openReef, maxRecords);
        const floor = REEF_FLOOR[file] ?? 1;
        assert.ok(
          rate(r) >= floor,
          `${file}: ${r.passed} passed, ${r.failed} failed (${
            (100 * rate(r)).toFixed(2)
          }% < ${(100 * floor).toFixed(2)}%); first failure: ${
            JSON.stringify(r.failures[0]?.sql)
          } got ${JSON.stringify(r.failures[0]?.got)}`,
        );
      });
    }
  },
});

function corpusFiles(): string[] {
  return [...Deno.readDirSync(DEFAULT_CORPUS)]
    .map((e) => e.name)
    .filter((n) => n.endsWith(".test"))
    .sort();
}

Deno.test({
  name:
    "runSlt() passes the whole corpus on the reference engine (REEF_LONG=1)",
  ignore: !long || !corpusPresent,
  async fn(t) {
    for (const file of corpusFiles()) {
      await t.step(file, async () => {
        const r = await runFile(file, openSqliteDatabase);
        assert.deepEqual(
          r.failures.map((f) => f.line),
          REFERENCE_FAILURES[file] ?? [],
        );
      });
    }
  },
});

Deno.test({
  name: "runSlt() runs the whole shared corpus on ReefDB (REEF_LONG=1)",
  ignore: !long || !corpusPresent,
  async fn(t) {
    for (const file of corpusFiles()) {
      await t.step(file, async () => {
        const r = await runFile(file, openReef);
        const floor = REEF_FLOOR[file] ?? 0.99;
        assert.ok(
          rate(r) >= floor,
          `${file}: ${r.passed} passed, ${r.failed} failed`,
        );
      });
    }
  },
});
