/**
 * Splits SQL text into statements at the `;` that end them.
 *
 * @module
 */

/** The outcome of {@linkcode splitStatements}. */
export interface SplitStatements {
  /** Complete statements, trimmed, without their `;`, in order. */
  readonly statements: string[];
  /** Text after the last complete statement (an unfinished one, or ""). */
  readonly rest: string;
  /**
   * True when `rest` holds more than whitespace and comments, i.e. a
   * statement has started and waits for its `;`.
   */
  readonly restHasCode: boolean;
  /**
   * True when the input should go on: `rest` has code, or a block comment
   * is still open.
   */
  readonly incomplete: boolean;
}

/**
 * Splits text at every `;` that is not inside a string ('...'), a quoted
 * identifier ("...", `...`, [...]) or a comment (`--` to the end of the
 * line, `/* ... *\/`). Statements made only of comments are dropped.
 *
 * @param text SQL text, possibly several lines, possibly unfinished.
 * @returns The complete statements and what remains.
 *
 * @example
 * ```ts
 * const { statements, rest } = splitStatements("SELECT ';'; SELECT 2; SEL");
 * // statements: ["SELECT ';'", "SELECT 2"], rest: " SEL"
 * ```
 */
export function splitStatements(text: string): SplitStatements {
  const statements: string[] = [];
  let start = 0;
  let hasCode = false;
  let openComment = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === "-" && text[i + 1] === "-") {
      const end = text.indexOf("\n", i + 2);
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      openComment = end < 0;
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c === "'" || c === '"' || c === "`" || c === "[") {
      hasCode = true;
      const close = c === "[" ? "]" : c;
      let j = i + 1;
      for (;;) {
        const end = text.indexOf(close, j);
        if (end < 0) {
          j = n;
          break;
        }
        // A doubled quote is an escaped quote, not the end.
        if (close !== "]" && text[end + 1] === close) {
          j = end + 2;
          continue;
        }
        j = end + 1;
        break;
      }
      i = j;
      continue;
    }
    if (c === ";") {
      if (hasCode) statements.push(text.slice(start, i).trim());
      start = i + 1;
      hasCode = false;
      i++;
      continue;
    }
    if (c !== " " && c !== "\t" && c !== "\n" && c !== "\r") hasCode = true;
    i++;
  }
  return {
    statements,
    rest: text.slice(start),
    restHasCode: hasCode,
    incomplete: hasCode || openComment,
  };
}

/**
 * All statements of a script, the last one with or without its `;`.
 *
 * @example
 * ```ts
 * scriptStatements("CREATE TABLE t(a); INSERT INTO t VALUES (1)");
 * // ["CREATE TABLE t(a)", "INSERT INTO t VALUES (1)"]
 * ```
 */
export function scriptStatements(text: string): string[] {
  const { statements, rest, restHasCode } = splitStatements(text);
  return restHasCode ? [...statements, rest.trim()] : statements;
}
