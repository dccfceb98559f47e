/**
 * The SQL shell's core: input lines in, rendered output out. It knows
 * nothing of terminals; {@linkcode ./run_shell.ts} drives it.
 *
 * @module
 */
import type { Database, QueryResult } from "../api/database.ts";
import { runDotCommand } from "./dot_commands.ts";
import { formatResult, type OutputMode } from "./format_result.ts";
import { splitStatements } from "./split_statements.ts";

/** The primary prompt. */
export const PROMPT = "reef> ";
/** The prompt while a statement waits for its `;`. */
export const CONTINUATION_PROMPT = "   ...> ";

/** Options of {@linkcode Shell}. */
export interface ShellOptions {
  /** Receives normal output (results, messages). */
  write: (text: string) => void;
  /** Receives error messages. */
  writeError: (text: string) => void;
  /**
   * A clock in milliseconds, for `.timer`.
   * @default {performance.now}
   */
  now?: () => number;
}

const WRITE_KEYWORDS = /^\s*(insert|update|delete|replace)\b/i;

function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    // Syntax errors carry their caret lines in the message already.
    return err.name === "Error" || err.name === "SqlSyntaxError" ||
        err.name === "SyntaxError"
      ? err.message
      : `${err.name}: ${err.message}`;
  }
  return String(err);
}

/**
 * An interactive SQL session on one database: feed it lines, it runs each
 * statement once its `;` arrives and writes the results.
 *
 * @example
 * ```ts ignore
 * const out: string[] = [];
 * const shell = new Shell(db, { write: (t) => out.push(t), writeError: (t) => out.push(t) });
 * await shell.feedLine("SELECT 1");
 * shell.prompt; // "   ...> "
 * await shell.feedLine(";");
 * ```
 */
export class Shell {
  /** The database statements run on. */
  readonly db: Database;
  /** How results are rendered (`.mode`). */
  mode: OutputMode = "table";
  /** Whether each statement's time is shown (`.timer`). */
  timer = false;
  /** How many statements or commands failed so far. */
  failures = 0;
  #buffer = "";
  #pending = false;
  #options: ShellOptions;
  #now: () => number;

  /** A session on `db` that writes through `options`. */
  constructor(db: Database, options: ShellOptions) {
    this.db = db;
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
  }

  /** The prompt to show before the next line. */
  get prompt(): string {
    return this.#pending ? CONTINUATION_PROMPT : PROMPT;
  }

  /** Writes normal output. */
  write(text: string): void {
    this.#options.write(text);
  }

  /** Writes an error and counts it as a failure. */
  fail(text: string): void {
    this.failures++;
    this.#options.writeError(text.endsWith("\n") ? text : text + "\n");
  }

  /** Drops a half-typed statement (Ctrl-C at the prompt). */
  cancelInput(): void {
    this.#buffer = "";
    this.#pending = false;
  }

  /**
   * Takes one input line.
   *
   * @returns False when the session should end (`.quit`).
   */
  async feedLine(line: string): Promise<boolean> {
    const start = line.trimStart()[0];
    if (!this.#pending && (start === "." || start === "\\")) {
      // Dot commands (and psql's backslash ones) are whole lines, as in
      // sqlite3, and only between statements.
      return await runDotCommand(this, line.trim());
    }
    if (this.#pending && !line.includes(";")) {
      // No statement can end on this line: skip rescanning the buffer, so
      // a statement of many lines costs linear time, not quadratic.
      this.#buffer += line + "\n";
      return true;
    }
    // When nothing is pending the buffer holds only whitespace and closed
    // comments, so the line can be scanned on its own.
    this.#buffer = this.#pending ? this.#buffer + line + "\n" : line + "\n";
    const { statements, rest, incomplete } = splitStatements(this.#buffer);
    this.#buffer = incomplete ? rest : "";
    this.#pending = incomplete;
    for (const sql of statements) await this.run(sql);
    return true;
  }

  /** Runs what is left at the end of input, even without its `;`. */
  async end(): Promise<void> {
    const { statements, rest, restHasCode } = splitStatements(this.#buffer);
    this.cancelInput();
    for (const sql of statements) await this.run(sql);
    if (restHasCode) await this.run(rest.trim());
  }

  /**
   * Runs one statement and writes its result or error.
   *
   * @returns The result, or null when it failed.
   */
  async run(sql: string): Promise<QueryResult | null> {
    const started = this.#now();
    let result: QueryResult;
    try {
      result = await this.db.exec(sql);
    } catch (err) {
      this.fail(`Error: ${errorMessage(err)}`);
      return null;
    }
    const elapsed = this.#now() - started;
    if (result.columns.length > 0) {
      this.write(formatResult(result, this.mode));
    } else if (result.rowsAffected > 0 || WRITE_KEYWORDS.test(sql)) {
      const n = result.rowsAffected;
      this.write(`(${n} ${n === 1 ? "row" : "rows"} affected)\n`);
    }
    if (this.timer) this.write(`Time: ${elapsed.toFixed(3)} ms\n`);
    return result;
  }
}
