/**
 * Errors thrown by the SQL lexer and parser.
 *
 * @module
 */

/** Options of {@linkcode SqlSyntaxError}. */
export interface SqlSyntaxErrorOptions extends ErrorOptions {
  /** 1-based line of the offending spot. */
  line: number;
  /** 1-based column (UTF-16 code units) of the offending spot. */
  column: number;
  /** 0-based offset into the source. */
  offset: number;
  /** The full SQL text, used to print the source line with a caret. */
  source?: string;
}

/**
 * A SQL text that does not parse. `message` starts with the reason and the
 * position and ends with the offending source line and a caret under the
 * spot. The reason follows SQLite (`near "X": syntax error`, `incomplete
 * input`, `unrecognized token: "X"`), sometimes with a hint in parentheses
 * such as `(expected ")")`:
 *
 * ```
 * near "FORM": syntax error at line 1, column 10
 * SELECT * FORM t
 *          ^
 * ```
 *
 * @example
 * ```ts
 * import { parse, SqlSyntaxError } from "./mod.ts";
 * try {
 *   parse("SELECT * FORM t");
 * } catch (e) {
 *   if (e instanceof SqlSyntaxError) console.log(e.line, e.column, e.reason);
 * }
 * ```
 */
export class SqlSyntaxError extends SyntaxError {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** 0-based offset into the source. */
  readonly offset: number;
  /** The first line of the message without position or caret, e.g. `near "FORM": syntax error`. */
  readonly reason: string;

  /**
   * @param reason what is wrong, e.g. `near "FORM": syntax error`
   * @param options where, and the source text for the caret line
   */
  constructor(reason: string, options: SqlSyntaxErrorOptions) {
    super(formatMessage(reason, options), { cause: options.cause });
    this.name = "SqlSyntaxError";
    this.reason = reason;
    this.line = options.line;
    this.column = options.column;
    this.offset = options.offset;
  }
}

function formatMessage(reason: string, o: SqlSyntaxErrorOptions): string {
  const head = `${reason} at line ${o.line}, column ${o.column}`;
  if (o.source === undefined) return head;
  const src = o.source;
  let start = o.offset;
  if (start > src.length) start = src.length;
  while (start > 0 && src.charCodeAt(start - 1) !== 10) start--;
  let end = start;
  while (
    end < src.length && src.charCodeAt(end) !== 10 &&
    src.charCodeAt(end) !== 13
  ) end++;
  let text = src.slice(start, end);
  let caretCol = o.offset - start;
  // Long lines are cut around the spot so the caret line stays readable.
  const max = 120;
  if (text.length > max) {
    const from = Math.max(0, Math.min(caretCol - 60, text.length - max));
    text = (from > 0 ? "..." : "") + text.slice(from, from + max) +
      (from + max < text.length ? "..." : "");
    caretCol = caretCol - from + (from > 0 ? 3 : 0);
  }
  // Tabs stay tabs under the caret so it lines up in a terminal.
  let pad = "";
  for (let i = 0; i < caretCol; i++) pad += text[i] === "\t" ? "\t" : " ";
  return `${head}\n${text}\n${pad}^`;
}
