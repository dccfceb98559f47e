/**
 * The `reef` command-line tool: subcommands, the SQL shell and its pure
 * helpers (statement splitting, result rendering).
 *
 * @example
 * ```ts
 * import { splitStatements } from "./mod.ts";
 * splitStatements("SELECT 1; SELECT 2;").statements; // ["SELECT 1", "SELECT 2"]
 * ```
 *
 * @module
 */
export * from "./command.ts";
export * from "./errors.ts";
export * from "./format_result.ts";
export * from "./main.ts";
export * from "./open_reef.ts";
export * from "./run_shell.ts";
export * from "./shell.ts";
export * from "./shell_command.ts";
export * from "./split_statements.ts";
