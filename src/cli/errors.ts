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

/**
 * The package's `mod.ts` does not export `open()` (yet).
 *
 * @example
 * ```ts
 * new EngineUnavailableError().message;
 * ```
 */
export class EngineUnavailableError extends Error {
  /** Builds the error, optionally with the lookup failure as `cause`. */
  constructor(options: { cause?: unknown } = {}) {
    super("The embedded engine is not available: mod.ts exports no open()", {
      cause: options.cause,
    });
    this.name = "EngineUnavailableError";
  }
}
