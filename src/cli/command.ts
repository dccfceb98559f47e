/**
 * The shape of a `reef` subcommand and what it may use.
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Database } from "../api/database.ts";
import { UsageError } from "./errors.ts";

/** What a subcommand reads from and writes to; tests pass fakes. */
export interface CliContext {
  /** Standard input bytes. */
  stdin: ReadableStream<Uint8Array>;
  /** Writes to standard output. */
  stdout: (text: string) => void;
  /** Writes to standard error. */
  stderr: (text: string) => void;
  /** True when standard input is a terminal. */
  isTerminal: boolean;
  /** Opens a fresh in-memory database. */
  openMemory: () => Promise<Database>;
}

/**
 * A `reef` subcommand. Later issues add `serve`, `status`, `admin` and
 * `backup` as more entries of this shape.
 *
 * @example
 * ```ts
 * const hello: Command = {
 *   name: "hello",
 *   summary: "say hello",
 *   usage: "Usage: reef hello",
 *   run: (_args, ctx) => { ctx.stdout("hello\n"); return Promise.resolve(0); },
 * };
 * ```
 */
export interface Command {
  /** The word after `reef`. */
  readonly name: string;
  /** One line for `reef --help`. */
  readonly summary: string;
  /** The full help text of `reef <name> --help`. */
  readonly usage: string;
  /**
   * Runs the subcommand.
   *
   * @returns The process exit status.
   * @throws {UsageError} On bad arguments (main prints usage, exits 2).
   */
  run(args: string[], ctx: CliContext): Promise<number>;
}

/**
 * `node:util` parseArgs in strict mode, its errors turned into a
 * {@linkcode UsageError} that names the offending flag.
 *
 * @param args The arguments after the subcommand's name.
 * @param options The parseArgs options and the subcommand's name.
 * @returns What parseArgs returns.
 * @throws {UsageError} On an unknown flag, a missing value, a stray word.
 *
 * @example
 * ```ts
 * const { values } = parseCommandArgs(["--memory"], {
 *   command: "shell",
 *   options: { memory: { type: "boolean" } },
 * });
 * values.memory; // true
 * ```
 */
export function parseCommandArgs<T extends ParseArgsConfig["options"]>(
  args: string[],
  config: { command: string; options: T; allowPositionals?: boolean },
): ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true }>> {
  try {
    return parseArgs({
      args,
      options: config.options,
      strict: true,
      allowPositionals: config.allowPositionals ?? false,
    }) as ReturnType<
      typeof parseArgs<{ args: string[]; options: T; strict: true }>
    >;
  } catch (err) {
    const code = (err as { code?: string }).code;
    const quoted = /'([^']+)'/.exec((err as Error).message)?.[1];
    let message = (err as Error).message;
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      message = `Unknown option "${quoted ?? "?"}"`;
    } else if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
      message = `Unexpected argument "${quoted ?? "?"}"`;
    }
    throw new UsageError(message, { command: config.command, cause: err });
  }
}
