import assert from "node:assert/strict";
import { runInWorker } from "./run_in_worker.ts";

const SCRIPT = "statement ok\nCREATE TABLE t(a INTEGER)\n\n" +
  "statement ok\nINSERT INTO t VALUES(1)\n\n" +
  "query I nosort\nSELECT a FROM t\n----\n2\n\n" +
  "skipif sqlite\nstatement ok\nSELECT 1\n";

async function withScript<T>(fn: (path: string) => Promise<T>): Promise<T> {
  const path = await Deno.makeTempFile({ suffix: ".test" });
  try {
    await Deno.writeTextFile(path, SCRIPT);
    return await fn(path);
  } finally {
    await Deno.remove(path);
  }
}

const request = (path: string) => ({
  path,
  name: "w.test",
  engine: "node-sqlite" as const,
  maxFailures: 5,
  maxRecords: Infinity,
  keepSlowest: 0,
});

Deno.test("runInWorker() runs a file and returns its report and failures", async () => {
  const out = await withScript((path) => runInWorker(request(path), 0));
  assert.equal(out.timedOut, false);
  assert.deepEqual(
    [out.report.passed, out.report.failed, out.report.skipped],
    [2, 1, 1],
  );
  assert.deepEqual(out.failureLines.map((l) => JSON.parse(l).line), [7]);
});

Deno.test("runInWorker() stops a file at its time limit and fails the rest", async () => {
  // A limit far shorter than the worker needs to start.
  const out = await withScript((path) => runInWorker(request(path), 1));
  assert.equal(out.timedOut, true);
  assert.equal(out.report.passed + out.report.failed, 3);
  assert.equal(out.report.skipped, 1);
  assert.match(out.report.failures.at(-1)!.got, /^stopped/);
});
