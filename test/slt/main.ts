/**
 * `deno task slt [files...]`: runs sqllogictest scripts against ReefDB and
 * prints a line per file and a total line.
 *
 * ```
 * deno task slt                       # the whole shared corpus
 * deno task slt path/to/x.test        # some files
 * deno task slt --write-conformance   # also rewrite CONFORMANCE.md
 * ```
 *
 * @module
 */
import { parseArgs } from "node:util";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "../../src/api/database.ts";
import { openReef } from "../../src/cli/open_reef.ts";
import {
  conformanceMarkdown,
  countsLine,
  totalOf,
} from "./conformance_table.ts";
import { runSlt, type SltFailure, type SltReport } from "./run_slt.ts";
import { openSqliteDatabase } from "./sqlite_database.ts";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The shared corpus sits beside the repository, also in a clean clone. */
export const DEFAULT_CORPUS = join(
  REPO_ROOT,
  "..",
  "shared",
  "conformance",
  "sqllogictest",
);

const USAGE = `Usage: deno task slt [options] [files...]

Runs sqllogictest files (default: every *.test in ${DEFAULT_CORPUS})
against a fresh in-memory database per file.

Options:
  --max-failures N     failures to show per file (default 5)
  --max-records N      run only the first N statements/queries of each file
  --write-conformance  rewrite CONFORMANCE.md at the repository root
  --failures-out FILE  write every failure as JSON lines to FILE
  --show-slow N        show the N slowest records of each file
  --engine NAME        reef (default) or node-sqlite (the reference engine,
                       to check the runner itself)
  -h, --help           show this help`;

function indent(text: string, prefix = "      "): string {
  return text.split("\n").map((l) => prefix + l).join("\n");
}

function describeFailure(f: SltFailure): string {
  return [
    `  ${f.kind} at line ${f.line}:`,
    indent(f.sql),
    "    expected:",
    indent(f.expected),
    "    got:",
    indent(f.got),
  ].join("\n");
}

async function listCorpus(dir: string): Promise<string[]> {
  const files: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.isFile && e.name.endsWith(".test")) files.push(join(dir, e.name));
  }
  return files.sort();
}

/**
 * Runs the command line and returns the exit status: 0 when every record
 * ran passed, 1 when any failed, 2 on bad usage.
 *
 * @example
 * ```ts ignore
 * Deno.exit(await main(["--max-failures", "3"]));
 * ```
 */
export async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        "max-failures": { type: "string", default: "5" },
        "max-records": { type: "string" },
        "write-conformance": { type: "boolean", default: false },
        "failures-out": { type: "string" },
        "show-slow": { type: "string", default: "0" },
        engine: { type: "string", default: "reef" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    console.error(`error: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const maxFailures = Number(values["max-failures"]);
  const maxRecords = values["max-records"] === undefined
    ? Infinity
    : Number(values["max-records"]);
  if (!Number.isInteger(maxFailures) || maxFailures < 0) {
    console.error(`error: --max-failures needs a count\n\n${USAGE}`);
    return 2;
  }
  const showSlow = Number(values["show-slow"]);
  if (!Number.isInteger(showSlow) || showSlow < 0) {
    console.error(`error: --show-slow needs a count\n\n${USAGE}`);
    return 2;
  }
  if (!(maxRecords === Infinity || Number.isInteger(maxRecords))) {
    console.error(`error: --max-records needs a count\n\n${USAGE}`);
    return 2;
  }
  let open: () => Promise<Database>;
  if (values.engine === "reef") open = openReef;
  else if (values.engine === "node-sqlite") open = openSqliteDatabase;
  else {
    console.error(`error: unknown engine "${values.engine}"\n\n${USAGE}`);
    return 2;
  }

  const files = positionals.length > 0
    ? positionals
    : await listCorpus(DEFAULT_CORPUS);
  const failuresOut = values["failures-out"] ?? null;
  if (failuresOut !== null) await Deno.writeTextFile(failuresOut, "");
  const reports: SltReport[] = [];
  let broken = false;
  for (const path of files) {
    const name = basename(path);
    const failureLines: string[] = [];
    let report: SltReport;
    try {
      report = await runSlt(await Deno.readTextFile(path), {
        open,
        file: name,
        maxFailures,
        maxRecords,
        keepSlowest: showSlow,
        onFailure: failuresOut === null ? undefined : (f) => {
          const { error: _error, ...plain } = f;
          failureLines.push(JSON.stringify({ file: name, ...plain }) + "\n");
        },
      });
    } catch (err) {
      broken = true;
      console.log(`${name}: could not run: ${(err as Error).message}`);
      continue;
    }
    if (failuresOut !== null) {
      await Deno.writeTextFile(failuresOut, failureLines.join(""), {
        append: true,
      });
    }
    reports.push(report);
    console.log(
      `${name}: ${countsLine(report)} (${report.seconds.toFixed(1)} s)`,
    );
    for (const f of report.failures) console.log(describeFailure(f));
    for (const s of report.slowest) {
      console.log(`  slow: ${s.ms.toFixed(1)} ms at line ${s.line}:`);
      console.log(indent(s.sql));
    }
  }
  const total = totalOf(reports);
  console.log(`total: ${countsLine(total)} (${total.seconds.toFixed(1)} s)`);
  if (values["write-conformance"]) {
    const md = conformanceMarkdown(reports, {
      command: `deno task slt --write-conformance${
        positionals.length > 0 ? " " + positionals.join(" ") : ""
      }`,
      date: new Date().toISOString().slice(0, 10),
    });
    await Deno.writeTextFile(join(REPO_ROOT, "CONFORMANCE.md"), md);
  }
  return broken || total.failed > 0 ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
