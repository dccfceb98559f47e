/**
 * Drives a {@linkcode Shell} from a terminal (prompts, line editing,
 * history) or from piped input (no prompts).
 *
 * @module
 */
import process from "node:process";
import { createInterface } from "node:readline";
import type { Database } from "../api/database.ts";
import { Shell } from "./shell.ts";

/** Where the shell reads and writes. */
export interface ShellIo {
  /** Input bytes (used when not a terminal). */
  stdin: ReadableStream<Uint8Array>;
  /** Writes normal output. */
  stdout: (text: string) => void;
  /** Writes errors. */
  stderr: (text: string) => void;
  /** True for a person at a terminal: prompts, history, a banner. */
  interactive: boolean;
  /**
   * The first line an interactive session shows.
   * @default {'ReefDB shell. Enter ".help" for usage hints.'}
   */
  banner?: string;
  /**
   * File the interactive line history is loaded from and saved to; null
   * keeps no history file.
   * @default {null}
   */
  historyPath?: string | null;
}

const HISTORY_SIZE = 1000;

/**
 * Splits a byte stream into lines (without `\n` or `\r\n`); a last line
 * without a newline is yielded too.
 *
 * @example
 * ```ts
 * const lines = [];
 * for await (const l of readLines(ReadableStream.from([new TextEncoder().encode("a\r\nb")]))) lines.push(l);
 * // ["a", "b"]
 * ```
 */
export async function* readLines(
  stream: ReadableStream<Uint8Array>,
): AsyncGenerator<string> {
  let carry = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    carry += chunk;
    let nl: number;
    while ((nl = carry.indexOf("\n")) >= 0) {
      const line = carry.slice(0, nl);
      carry = carry.slice(nl + 1);
      yield line.endsWith("\r") ? line.slice(0, -1) : line;
    }
  }
  if (carry !== "") yield carry.endsWith("\r") ? carry.slice(0, -1) : carry;
}

/**
 * Runs a shell session to its end (`.quit` or end of input).
 *
 * @param db The database; the caller closes it.
 * @param io Streams, and whether a person is typing.
 * @returns The exit status: 1 when input was piped and any statement or
 * command failed, else 0.
 *
 * @example
 * ```ts ignore
 * const status = await runShell(db, { stdin: Deno.stdin.readable, stdout: console.log, stderr: console.error, interactive: false });
 * ```
 */
export async function runShell(db: Database, io: ShellIo): Promise<number> {
  const shell = new Shell(db, { write: io.stdout, writeError: io.stderr });
  if (!io.interactive) {
    for await (const line of readLines(io.stdin)) {
      if (!await shell.feedLine(line)) return shell.failures > 0 ? 1 : 0;
    }
    await shell.end();
    return shell.failures > 0 ? 1 : 0;
  }
  await interactive(shell, io);
  return 0;
}

async function interactive(shell: Shell, io: ShellIo): Promise<void> {
  io.stdout(
    (io.banner ?? 'ReefDB shell. Enter ".help" for usage hints.') + "\n",
  );
  const historyPath = io.historyPath ?? null;
  let history: string[] = [];
  if (historyPath !== null) {
    try {
      // The file is oldest first; readline wants newest first.
      history = (await Deno.readTextFile(historyPath)).split("\n")
        .filter((l) => l !== "").slice(-HISTORY_SIZE).reverse();
    } catch {
      // No history yet, or unreadable: start without one.
    }
  }
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: true,
    history,
    historySize: HISTORY_SIZE,
  });
  // Ctrl-C drops the half-typed statement instead of leaving the shell.
  rl.on("SIGINT", () => {
    shell.cancelInput();
    io.stdout("^C\n");
    rl.setPrompt(shell.prompt);
    rl.prompt();
  });
  try {
    rl.setPrompt(shell.prompt);
    rl.prompt();
    for await (const line of rl) {
      if (!await shell.feedLine(line)) break;
      rl.setPrompt(shell.prompt);
      rl.prompt();
    }
    await shell.end();
  } finally {
    const lines = (rl as unknown as { history?: string[] }).history ?? [];
    rl.close();
    if (historyPath !== null && lines.length > 0) {
      try {
        await Deno.writeTextFile(
          historyPath,
          [...lines].reverse().join("\n") + "\n",
          { mode: 0o600 },
        );
      } catch {
        // A history file we cannot write is not worth failing the session.
      }
    }
  }
}
