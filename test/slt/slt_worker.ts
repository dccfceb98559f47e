/**
 * Runs one sqllogictest file in a worker, so the runner can stop a file
 * that takes too long (a synchronous engine cannot be interrupted
 * otherwise). Posts `progress` messages and a final `done` or `error`.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import type { Database } from "../../src/api/database.ts";
import { openReef } from "../../src/cli/open_reef.ts";
import { runSlt, type SltFailure, type SltReport } from "./run_slt.ts";
import { openSqliteDatabase } from "./sqlite_database.ts";

/** What the runner asks a worker to do. */
export interface SltWorkerRequest {
  path: string;
  name: string;
  engine: "reef" | "node-sqlite";
  maxFailures: number;
  maxRecords: number;
  keepSlowest: number;
}

/** A report as it crosses to the runner: failures without error objects. */
export type PlainReport = Omit<SltReport, "failures"> & {
  failures: Omit<SltFailure, "error">[];
};

/** What a worker sends back. */
export type SltWorkerMessage =
  | { type: "progress"; report: PlainReport; failureLines: string[] }
  | { type: "done"; report: PlainReport; failureLines: string[] }
  | { type: "error"; message: string };

function plain(report: SltReport): PlainReport {
  return {
    ...report,
    failures: report.failures.map(({ error: _error, ...rest }) => rest),
    slowest: [...report.slowest],
  };
}

self.onmessage = async (event: MessageEvent<SltWorkerRequest>) => {
  const req = event.data;
  const open: () => Promise<Database> = req.engine === "reef"
    ? openReef
    : openSqliteDatabase;
  let failureLines: string[] = [];
  let lastPost = performance.now();
  try {
    const report = await runSlt(await Deno.readTextFile(req.path), {
      open,
      file: req.name,
      maxFailures: req.maxFailures,
      maxRecords: req.maxRecords,
      keepSlowest: req.keepSlowest,
      onFailure: (f) => {
        const { error: _error, ...rest } = f;
        failureLines.push(JSON.stringify({ file: req.name, ...rest }) + "\n");
      },
      onProgress: (r) => {
        const now = performance.now();
        if (now - lastPost < 250) return;
        lastPost = now;
        self.postMessage(
          {
            type: "progress",
            report: plain(r),
            failureLines,
          } satisfies SltWorkerMessage,
        );
        failureLines = [];
      },
    });
    self.postMessage(
      {
        type: "done",
        report: plain(report),
        failureLines,
      } satisfies SltWorkerMessage,
    );
  } catch (err) {
    self.postMessage(
      {
        type: "error",
        message: err instanceof Error ? err.message : String(err),
      } satisfies SltWorkerMessage,
    );
  }
};
