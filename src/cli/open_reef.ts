/**
 * The embedded engine's `open()` for the CLI and the conformance runner.
 *
 * @module
 */
import { open } from "../../mod.ts";
import type { Database } from "../api/database.ts";

/**
 * Opens a fresh in-memory ReefDB.
 *
 * @returns A fresh in-memory database; close it.
 *
 * @example
 * ```ts
 * await using db = await openReef();
 * const { rows } = await db.query("SELECT 1");
 * ```
 */
export function openReef(): Promise<Database> {
  return open();
}
