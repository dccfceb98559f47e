/**
 * The embedded engine's `open()`, looked up on the package's `mod.ts`.
 *
 * @module
 */
import * as reef from "../../mod.ts";
import type { Database } from "../api/database.ts";
import { EngineUnavailableError } from "./errors.ts";

/**
 * Opens an in-memory ReefDB through `open()` of `mod.ts`.
 *
 * The lookup is by name so this module type-checks before the engine
 * lands; once it has, a missing `open` is a build problem we report
 * clearly instead of a TypeError.
 *
 * @returns A fresh in-memory database.
 * @throws {EngineUnavailableError} When `mod.ts` has no `open`.
 *
 * @example
 * ```ts ignore
 * await using db = await openReef();
 * ```
 */
export function openReef(): Promise<Database> {
  const open = (reef as Record<string, unknown>)["open"];
  if (typeof open !== "function") {
    return Promise.reject(new EngineUnavailableError());
  }
  return (open as () => Promise<Database>)();
}
