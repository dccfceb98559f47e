/**
 * Errors of the `reef` command.
 *
 * @module
 */

/**
 * Bad command-line usage: an unknown flag or subcommand, a missing value.
 * `main` prints it with the usage text and exits with status 2.
 *
 * @example
 * ```ts
 * const err = new UsageError('Unknown flag "--nope"', { command: "shell" });
 * err.command; // "shell"
 * ```
 */
export class UsageError extends Error {
  /** The subcommand whose usage applies, or null for `reef` itself. */
  readonly command: string | null;

  /** Builds the error; `command` names the subcommand whose usage applies. */
  constructor(
    message: string,
    options: { command?: string | null; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "UsageError";
    this.command = options.command ?? null;
  }
}
