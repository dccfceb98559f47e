/**
 * Errors raised by the full-text search library.
 *
 * @module
 */

// Long inputs are cut in messages; the error's fields keep the full text.
function clip(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 80)}...`;
}

/**
 * A tsquery text that does not parse, e.g. `fat & & rat` or `(fat`.
 *
 * `position` is the 0-based UTF-16 offset of the offending character in
 * `query` (equal to `query.length` when the input ended too early).
 *
 * @example
 * ```ts
 * import { toTsquery, TsQuerySyntaxError } from "./mod.ts";
 * try {
 *   toTsquery("fat & & rat");
 * } catch (e) {
 *   if (e instanceof TsQuerySyntaxError) console.log(e.position); // 6
 * }
 * ```
 */
export class TsQuerySyntaxError extends SyntaxError {
  /** The whole query text that failed to parse. */
  readonly query: string;
  /** 0-based offset of the offending character in `query`. */
  readonly position: number;

  /**
   * @param detail What is wrong, e.g. `unexpected "&"`.
   * @param query The query text.
   * @param position 0-based offset of the problem.
   * @param options Standard error options (`cause`).
   */
  constructor(
    detail: string,
    query: string,
    position: number,
    options?: ErrorOptions,
  ) {
    super(
      `Syntax error in tsquery "${
        clip(query)
      }": ${detail} at position ${position}`,
      options,
    );
    this.name = "TsQuerySyntaxError";
    this.query = query;
    this.position = position;
  }
}

/**
 * A tsvector text form that does not parse, e.g. `'cat':x` or `'cat`.
 *
 * @example
 * ```ts
 * import { parseTsvector, TsVectorSyntaxError } from "./mod.ts";
 * try {
 *   parseTsvector("'cat");
 * } catch (e) {
 *   if (e instanceof TsVectorSyntaxError) console.log(e.position); // 4
 * }
 * ```
 */
export class TsVectorSyntaxError extends SyntaxError {
  /** The whole text that failed to parse. */
  readonly text: string;
  /** 0-based offset of the offending character in `text`. */
  readonly position: number;

  /**
   * @param detail What is wrong.
   * @param text The tsvector text.
   * @param position 0-based offset of the problem.
   * @param options Standard error options (`cause`).
   */
  constructor(
    detail: string,
    text: string,
    position: number,
    options?: ErrorOptions,
  ) {
    super(
      `Syntax error in tsvector "${
        clip(text)
      }": ${detail} at position ${position}`,
      options,
    );
    this.name = "TsVectorSyntaxError";
    this.text = text;
    this.position = position;
  }
}

/**
 * An unknown text-search configuration name (only `english` and `simple`
 * exist).
 *
 * @example
 * ```ts
 * import { toTsvector, UnknownTsConfigError } from "./mod.ts";
 * try {
 *   toTsvector("x", "klingon");
 * } catch (e) {
 *   if (e instanceof UnknownTsConfigError) console.log(e.config); // "klingon"
 * }
 * ```
 */
export class UnknownTsConfigError extends RangeError {
  /** The name that was asked for. */
  readonly config: string;

  /**
   * @param config The unknown configuration name.
   * @param options Standard error options (`cause`).
   */
  constructor(config: string, options?: ErrorOptions) {
    super(
      `Text search configuration "${config}" does not exist (known: english, simple)`,
      options,
    );
    this.name = "UnknownTsConfigError";
    this.config = config;
  }
}
