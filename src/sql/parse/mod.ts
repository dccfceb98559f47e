/**
 * The SQL front end: lexer, parser, syntax tree types and formatter.
 *
 * @example
 * ```ts
 * import { parseOne } from "./mod.ts";
 * const stmt = parseOne("SELECT 1 + 2");
 * ```
 *
 * @module
 */
export * from "./ast.ts";
export * from "./errors.ts";
export * from "./parser.ts";
export * from "./format_expr.ts";
export * from "./format_statement.ts";
