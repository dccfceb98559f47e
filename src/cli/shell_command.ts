/**
 * `reef shell`: the interactive SQL shell.
 *
 * @module
 */
import { join } from "node:path";
import type { Command } from "./command.ts";
import { parseCommandArgs } from "./command.ts";
import { runShell } from "./run_shell.ts";

const USAGE = `Usage: reef shell [--memory]

An interactive SQL shell, like sqlite3 or psql. Statements end with ";" and
may span lines. ".help" lists the dot commands (.tables, .schema, .timer,
.mode, .read, .quit); psql's \\d, \\dt, \\timing and \\q work too. With
input piped in it prints no prompts and exits with status 1 if any
statement failed:

  echo "SELECT 1 + 1;" | reef shell --memory

History of interactive sessions is kept in $REEF_HISTORY (default
~/.reef_history; set it empty to keep none).

Options:
  --memory     use a fresh in-memory database (today the only kind, and
               the default)
  -h, --help   show this help`;

/** `$REEF_HISTORY`, else `~/.reef_history`, else none. */
function historyPath(): string | null {
  const explicit = Deno.env.get("REEF_HISTORY");
  if (explicit !== undefined) return explicit === "" ? null : explicit;
  const home = Deno.env.get("HOME") ?? Deno.env.get("USERPROFILE");
  return home === undefined ? null : join(home, ".reef_history");
}

/**
 * The `shell` subcommand.
 *
 * @example
 * ```ts ignore
 * const status = await shellCommand.run(["--memory"], ctx);
 * ```
 */
export const shellCommand: Command = {
  name: "shell",
  summary: "interactive SQL shell (--memory: in-memory database)",
  usage: USAGE,
  async run(args, ctx) {
    const { values } = parseCommandArgs(args, {
      command: "shell",
      options: {
        memory: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    if (values.help) {
      ctx.stdout(USAGE + "\n");
      return 0;
    }
    await using db = await ctx.openMemory();
    return await runShell(db, {
      stdin: ctx.stdin,
      stdout: ctx.stdout,
      stderr: ctx.stderr,
      interactive: ctx.isTerminal,
      historyPath: historyPath(),
      banner:
        'ReefDB shell on a fresh in-memory database. Enter ".help" for usage hints.',
    });
  },
};
