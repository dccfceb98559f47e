/**
 * The SQL syntax tree produced by {@linkcode parse}: plain data, discriminated
 * unions on `kind`, no classes. Every node carries the {@linkcode Pos} of its
 * first token.
 *
 * Conventions the engine can rely on:
 *
 * - Identifiers keep the spelling they were written with (quotes removed);
 *   matching them is the engine's job and is case-insensitive.
 * - Keywords that become data (type names, directions, join types, ...) are
 *   upper case.
 * - Integer literals are `bigint`. A unary minus written directly before a
 *   numeric literal token is folded into the literal by the parser, so
 *   `-9223372036854775808` is the exact bigint. An integer literal that
 *   does not fit in a signed 64-bit integer (after that folding) becomes a
 *   `number` (a REAL), as in SQLite. `-(5)` is NOT folded: it stays a unary
 *   minus applied to the literal `5n`.
 * - `x IS NULL`, `x ISNULL`, `x NOTNULL`, `x NOT NULL`, `x IS NOT NULL`
 *   become {@linkcode IsNullExpr}; `x IS (NULL)` stays a binary `IS`.
 * - `==` is normalised to `=`, `<>` to `!=`, `IS NOT DISTINCT FROM` to `IS`
 *   and `IS DISTINCT FROM` to `IS NOT`.
 * - `NOT EXISTS (...)`, `NOT x` are {@linkcode UnaryExpr} with op `NOT`.
 * - Hex integer literals (`0x1F`) are 64-bit two's complement, as in
 *   SQLite: `0xffffffffffffffff` is `-1n`; more than 16 hex digits is a
 *   syntax error.
 * - Blob literals `X'..'` are text literals with `blob: true` (see
 *   {@linkcode LiteralExpr}).
 * - `x IN t` (a bare table name) is read as `x IN (SELECT * FROM t)`.
 * - Parameters number from 1 in each statement of a script (see
 *   {@linkcode ParamExpr}).
 * - Expressions, nested queries and FROM nesting are bounded (depth 1000,
 *   a nested query counting 3), so deep input is a syntax error rather
 *   than a stack overflow.
 *
 * The declarations live in `ast_expr.ts`, `ast_select.ts`, `ast_ddl.ts` and
 * `ast_dml_tx.ts`; this module re-exports them all. None of them imports
 * anything outside this folder.
 *
 * @example
 * ```ts
 * import type { Statement } from "./ast.ts";
 * function isWrite(s: Statement): boolean {
 *   return s.kind === "insert" || s.kind === "update" || s.kind === "delete";
 * }
 * ```
 *
 * @module
 */

export type * from "./ast_expr.ts";
export type * from "./ast_select.ts";
export type * from "./ast_ddl.ts";
export type * from "./ast_dml_tx.ts";
