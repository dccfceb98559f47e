/**
 * Runs a sqllogictest file in a worker with an optional time limit.
 *
 * @module
 */
import { countSlt, type SltReport } from "./run_slt.ts";
import type { SltWorkerMessage, SltWorkerRequest } from "./slt_worker.ts";

/** What running one file gave. */
export interface FileOutcome {
  report: SltReport;
  failureLines: string[];
  timedOut: boolean;
}

/**
 * Runs one file in a worker, so that a file that runs past `timeoutMs`
 * can be stopped even while the engine is busy. What a stopped file did
 * not run counts as failed, never as skipped.
 *
 * @param req The file and the runner's options.
 * @param timeoutMs Wall-clock limit; 0 for none.
 * @returns The report (from the worker, or made up at the stop), every
 * failure as a JSON line, and whether the file was stopped.
 *
 * @example
 * ```ts ignore
 * const { report } = await runInWorker({ path: "x.test", name: "x.test", engine: "reef", maxFailures: 5, maxRecords: Infinity, keepSlowest: 0 }, 0);
 * ```
 */
export function runInWorker(
  req: SltWorkerRequest,
  timeoutMs: number,
): Promise<FileOutcome> {
  const worker = new Worker(new URL("./slt_worker.ts", import.meta.url), {
    type: "module",
  });
  const failureLines: string[] = [];
  let last: SltReport | null = null;
  const started = performance.now();
  const { promise, resolve, reject } = Promise.withResolvers<FileOutcome>();
  const timer = timeoutMs > 0
    ? setTimeout(async () => {
      worker.terminate();
      try {
        // Charge what did not run as failed: never as skipped.
        const counts = countSlt(await Deno.readTextFile(req.path), {
          file: req.name,
          maxRecords: req.maxRecords,
        });
        const report: SltReport = last ?? {
          file: req.name,
          passed: 0,
          failed: 0,
          skipped: 0,
          seconds: 0,
          failures: [],
          slowest: [],
        };
        const notRun = Math.max(
          0,
          counts.runnable - report.passed - report.failed,
        );
        report.failed += notRun;
        report.failures.push({
          line: 0,
          kind: "statement",
          sql: `(the ${notRun} records not run when the file was stopped)`,
          expected: `the file to finish within ${timeoutMs / 1000} s`,
          got: "stopped; they count as failed",
        });
        report.skipped = counts.skipped;
        report.seconds = (performance.now() - started) / 1000;
        resolve({ report, failureLines, timedOut: true });
      } catch (err) {
        reject(err);
      }
    }, timeoutMs)
    : undefined;
  worker.onmessage = (event: MessageEvent<SltWorkerMessage>) => {
    const msg = event.data;
    if (msg.type === "error") {
      clearTimeout(timer);
      worker.terminate();
      reject(new Error(msg.message));
      return;
    }
    failureLines.push(...msg.failureLines);
    last = msg.report;
    if (msg.type === "done") {
      clearTimeout(timer);
      worker.terminate();
      resolve({ report: msg.report, failureLines, timedOut: false });
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    clearTimeout(timer);
    worker.terminate();
    reject(new Error(event.message));
  };
  worker.postMessage(req);
  return promise;
}
