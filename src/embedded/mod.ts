/**
 * The embedded database: `open()` and what it is built from.
 *
 * @example
 * ```ts
 * import { open } from "./mod.ts";
 * await using db = await open();
 * ```
 *
 * @module
 */
export * from "./open.ts";
export * from "./embedded_database.ts";
export * from "./proposer.ts";
export * from "./write_lock.ts";
