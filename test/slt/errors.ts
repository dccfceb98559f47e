/**
 * Errors of the sqllogictest runner.
 *
 * @module
 */

/**
 * A sqllogictest script that does not follow the format.
 *
 * @example
 * ```ts
 * const err = new SltParseError("unknown record \"loop\"", { file: "a.test", line: 3 });
 * err.line; // 3
 * ```
 */
export class SltParseError extends SyntaxError {
  /** The script's name, as given to the parser. */
  readonly file: string;
  /** 1-based line of the offending text. */
  readonly line: number;

  constructor(
    message: string,
    options: { file: string; line: number; cause?: unknown },
  ) {
    super(`${options.file}:${options.line}: ${message}`, {
      cause: options.cause,
    });
    this.name = "SltParseError";
    this.file = options.file;
    this.line = options.line;
  }
}
