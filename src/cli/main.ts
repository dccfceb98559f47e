/**
 * The `reef` command.
 *
 * ```
 * deno task reef --help
 * deno task shell --memory
 * echo "SELECT 1;" | deno task shell --memory
 * ```
 *
 * @module
 */
import type { CliContext, Command } from "./command.ts";
import { UsageError } from "./errors.ts";
import { openReef } from "./open_reef.ts";
import { shellCommand } from "./shell_command.ts";

/** Every subcommand, in the order `reef --help` lists them. */
export const COMMANDS: readonly Command[] = [shellCommand];

/** The version `reef --version` prints. */
export const VERSION = "0.1.0";

function mainUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "Usage: reef <command> [options]",
    "",
    "ReefDB: a SQL database replicated by Raft.",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Options:",
    "  -h, --help     show this help (reef <command> --help: the command's)",
    "  -V, --version  print the version",
  ].join("\n");
}

/**
 * The context of a real process: Deno's standard streams and the engine's
 * `open()`.
 *
 * @example
 * ```ts ignore
 * await main(["shell", "--memory"], processContext());
 * ```
 */
export function processContext(): CliContext {
  const encoder = new TextEncoder();
  const writeAll = (file: typeof Deno.stdout) => (text: string) => {
    const bytes = encoder.encode(text);
    let done = 0;
    try {
      while (done < bytes.length) done += file.writeSync(bytes.subarray(done));
    } catch (err) {
      // The reader went away (`reef shell | head`): stop quietly, as
      // sqlite3 and psql do.
      if (err instanceof Deno.errors.BrokenPipe) Deno.exit(0);
      throw err;
    }
  };
  return {
    stdin: Deno.stdin.readable,
    stdout: writeAll(Deno.stdout),
    stderr: writeAll(Deno.stderr),
    isTerminal: Deno.stdin.isTerminal(),
    openMemory: openReef,
  };
}

/**
 * Runs `reef` with `args` and returns the exit status: 0 on success, 1 on
 * failure, 2 on bad usage (the message and the usage go to stderr).
 *
 * @param args The arguments after `reef`.
 * @param ctx Streams and the database factory.
 * @returns The exit status.
 *
 * @example
 * ```ts ignore
 * Deno.exit(await main(Deno.args, processContext()));
 * ```
 */
export async function main(args: string[], ctx: CliContext): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "-h" || name === "--help") {
    (name === undefined ? ctx.stderr : ctx.stdout)(mainUsage() + "\n");
    return name === undefined ? 2 : 0;
  }
  if (name === "-V" || name === "--version") {
    ctx.stdout(`reef ${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (command === undefined) {
      throw new UsageError(
        name.startsWith("-")
          ? `Unknown option "${name}"`
          : `Unknown command "${name}"`,
      );
    }
    return await command.run(rest, ctx);
  } catch (err) {
    if (err instanceof UsageError) {
      const usage = err.command === null
        ? mainUsage()
        : COMMANDS.find((c) => c.name === err.command)?.usage ?? mainUsage();
      ctx.stderr(`error: ${err.message}\n\n${usage}\n`);
      return 2;
    }
    ctx.stderr(
      `error: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args, processContext()));
