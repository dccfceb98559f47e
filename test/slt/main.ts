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
import {
  conformanceMarkdown,
  countsLine,
  totalOf,
} from "./conformance_table.ts";
import {
  compareWithKnown,
  type KnownFailures,
  loadKnownFailures,
} from "./known_failures.ts";
import { type FailureRecord, summarizeFailures } from "./failure_summary.ts";
import type { SltFailure, SltReport } from "./run_slt.ts";
import { type FileOutcome, runInWorker } from "./run_in_worker.ts";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The shared corpus sits beside the repository, also in a clean clone. */
export const DEFAULT_CORPUS = join(
  REPO_ROOT,
  "..",
  "shared",
  "conformance",
  "sqllogictest",
);

const DEFAULT_KNOWN = fileURLToPath(
  new URL("./known_failures.json", import.meta.url),
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
  --summary            print failures grouped by category at the end
  --known-failures F   records known to fail, with reasons (default
                       test/slt/known_failures.json; "none" for none): they
                       still count as failed, but only other failures make
                       the exit status 1
  --commit REV         the engine revision to name in CONFORMANCE.md
                       (default: git's HEAD, marked when the tree is dirty)
  --file-timeout S     stop a file after S seconds (0: no limit, the
                       default); what it did not run counts as failed
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

/** HEAD's short hash, marked when files the engine is built from differ. */
async function gitRevision(): Promise<string | null> {
  const git = async (...args: string[]) => {
    const out = await new Deno.Command("git", {
      args: ["-C", REPO_ROOT, ...args],
      stdout: "piped",
      stderr: "null",
    }).output();
    return out.success ? new TextDecoder().decode(out.stdout).trim() : null;
  };
  try {
    const head = await git("rev-parse", "--short", "HEAD");
    if (head === null) return null;
    const dirty = await git("status", "--porcelain", "--", "mod.ts", "src");
    return dirty === "" ? head : `${head} with uncommitted changes`;
  } catch {
    return null;
  }
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
        "file-timeout": { type: "string", default: "0" },
        summary: { type: "boolean", default: false },
        "known-failures": { type: "string", default: DEFAULT_KNOWN },
        commit: { type: "string" },
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
  const engine = values.engine;
  if (engine !== "reef" && engine !== "node-sqlite") {
    console.error(`error: unknown engine "${engine}"\n\n${USAGE}`);
    return 2;
  }
  const fileTimeout = Number(values["file-timeout"]);
  if (!Number.isFinite(fileTimeout) || fileTimeout < 0) {
    console.error(`error: --file-timeout needs seconds\n\n${USAGE}`);
    return 2;
  }

  const files = positionals.length > 0
    ? positionals
    : await listCorpus(DEFAULT_CORPUS);
  const failuresOut = values["failures-out"] ?? null;
  if (failuresOut !== null) await Deno.writeTextFile(failuresOut, "");
  const knownPath = values["known-failures"];
  const known: KnownFailures = knownPath === "none"
    ? new Map()
    : await loadKnownFailures(knownPath);
  const reports: SltReport[] = [];
  const allFailures: FailureRecord[] = [];
  let broken = false;
  let unexpectedTotal = 0;
  for (const path of files) {
    const name = basename(path);
    let outcome: FileOutcome;
    try {
      outcome = await runInWorker({
        path,
        name,
        engine,
        maxFailures,
        maxRecords,
        keepSlowest: showSlow,
      }, fileTimeout * 1000);
    } catch (err) {
      broken = true;
      console.log(`${name}: could not run: ${(err as Error).message}`);
      continue;
    }
    const { report, failureLines, timedOut } = outcome;
    if (values.summary) {
      for (const l of failureLines) allFailures.push(JSON.parse(l));
      if (timedOut) {
        const f = report.failures[report.failures.length - 1]!;
        allFailures.push({ file: name, line: f.line, sql: f.sql, got: f.got });
      }
    }
    if (failuresOut !== null) {
      await Deno.writeTextFile(failuresOut, failureLines.join(""), {
        append: true,
      });
    }
    reports.push(report);
    console.log(
      `${name}: ${countsLine(report)} (${report.seconds.toFixed(1)} s${
        timedOut ? `, stopped after ${fileTimeout} s` : ""
      })`,
    );
    for (const f of report.failures) console.log(describeFailure(f));
    const failedLines = failureLines.map((l) => JSON.parse(l).line as number);
    if (timedOut) failedLines.push(0);
    const cmp = compareWithKnown(name, failedLines, known);
    unexpectedTotal += cmp.unexpected.length;
    if (cmp.known.length > 0) {
      console.log(
        `  ${cmp.known.length} of the failures are known (lines ${
          cmp.known.join(", ")
        }; see ${basename(knownPath)})`,
      );
    }
    if (cmp.fixed.length > 0 && !timedOut && maxRecords === Infinity) {
      console.log(
        `  known failures that now pass (remove them from ${
          basename(knownPath)
        }): lines ${cmp.fixed.join(", ")}`,
      );
    }
    for (const s of report.slowest) {
      console.log(`  slow: ${s.ms.toFixed(1)} ms at line ${s.line}:`);
      console.log(indent(s.sql));
    }
  }
  if (values.summary) {
    console.log("failures by category:");
    for (const g of summarizeFailures(allFailures)) {
      console.log(`  ${g.count}  ${g.category}`);
      console.log(
        `      e.g. ${g.example.file}:${g.example.line}: ${
          g.example.sql.replace(/\s+/g, " ").slice(0, 200)
        }`,
      );
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
      revision: values.commit ?? await gitRevision(),
      known,
    });
    const mdPath = join(REPO_ROOT, "CONFORMANCE.md");
    await Deno.writeTextFile(mdPath, md);
    // Let `deno fmt` lay out the table so `deno task ok` stays clean.
    await new Deno.Command(Deno.execPath(), {
      args: ["fmt", "--quiet", mdPath],
      cwd: REPO_ROOT,
      stdout: "null",
    }).output();
  }
  if (unexpectedTotal > 0) {
    console.log(`${unexpectedTotal} failures are not in the known list`);
  }
  return broken || unexpectedTotal > 0 ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
