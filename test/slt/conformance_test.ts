/**
 * The shared corpus in the everyday suite: a fast subset on ReefDB with a
 * pass-rate bar (a regression fails), the same subset on the reference
 * engine (a runner regression fails), and the whole corpus when
 * REEF_LONG=1.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "../../src/api/database.ts";
import { openReef } from "../../src/cli/open_reef.ts";
import { DEFAULT_CORPUS } from "./main.ts";
import { compareWithKnown, loadKnownFailures } from "./known_failures.ts";
import { runSlt, type SltFailure, type SltReport } from "./run_slt.ts";
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
 * Records the reference engine (SQLite, through node:sqlite) fails in the
 * fast subset. None since the runner ends a result at a run-time error as
 * the reference harness does (`sum()` overflow, evidence_slt_lang_aggfunc
 * line 480, expects no rows).
 */
const REFERENCE_FAILURES: Record<string, number[]> = {};

/** Records ReefDB is known to fail, with reasons (they count as failed). */
const KNOWN = await loadKnownFailures(
  fileURLToPath(new URL("./known_failures.json", import.meta.url)),
);

/**
 * Runs `file` on ReefDB and asserts that every failure is a known one: the
 * pass rate can only go up (a fixed known failure is reported by
 * `deno task slt`, to be taken off the list).
 */
async function assertNoNewFailures(file: string, maxRecords?: number) {
  const failures: SltFailure[] = [];
  const r = await runSlt(
    await Deno.readTextFile(join(DEFAULT_CORPUS, file)),
    {
      open: openReef,
      file,
      ...(maxRecords === undefined ? {} : { maxRecords }),
      onFailure: (f) => failures.push(f),
    },
  );
  const { unexpected } = compareWithKnown(
    file,
    failures.map((f) => f.line),
    KNOWN,
  );
  const first = failures.find((f) => f.line === unexpected[0]);
  assert.deepEqual(
    unexpected,
    [],
    `${file}: ${r.passed} passed, ${r.failed} failed; ${unexpected.length} not known, first at line ${first?.line}: ${
      JSON.stringify(first?.sql)
    } got ${JSON.stringify(first?.got)}`,
  );
}

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
    "runSlt() finds no failure on ReefDB beyond the known ones in the fast subset",
  ignore: !corpusPresent,
  async fn(t) {
    for (const { file, maxRecords } of FAST) {
      await t.step(file, () => assertNoNewFailures(file, maxRecords));
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
  name:
    "runSlt() finds no failure on ReefDB beyond the known ones in the whole corpus (REEF_LONG=1)",
  ignore: !long || !corpusPresent,
  async fn(t) {
    for (const file of corpusFiles()) {
      await t.step(file, () => assertNoNewFailures(file));
    }
  },
});
