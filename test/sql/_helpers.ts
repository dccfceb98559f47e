/**
 * Test helpers: run SQL against a ReefDB, writes as one batch per statement.
 *
 * @module
 */
import { ReefDB } from "../../src/sql/reef_db.ts";
import type { Value } from "../../src/sql/value.ts";
import { errorFromInfo } from "../../src/sql/outcome.ts";

/** Fixed batch clock so tests are deterministic. */
export const NOW = "2024-05-06 07:08:09";

/**
 * Runs every statement of `sql`; returns the rows of the last read (or []).
 * A failing write throws the rebuilt error.
 */
export function run(db: ReefDB, sql: string, params: Value[] = []): Value[][] {
  let rows: Value[][] = [];
  for (const stmt of db.prepare(sql)) {
    const cmd = db.commandFor(stmt, params);
    if (!cmd) {
      rows = db.read(stmt, params).rows;
      continue;
    }
    const o = db.applyBatch({
      id: db.nextCommandId(),
      commands: [cmd],
      now: NOW,
      seed: 7n,
    });
    if (o.status === "error") throw errorFromInfo(o.error);
  }
  return rows;
}

/** A fresh engine with `setup` applied. */
export function engine(
  setup = "",
  options: { sessionId?: bigint } = {},
): ReefDB {
  const db = new ReefDB(options);
  if (setup) run(db, setup);
  return db;
}

/** Concatenates a snapshot's chunks. */
export function snapshotBytes(db: ReefDB): Uint8Array {
  const chunks = [...db.snapshotChunks()];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

import { deepStrictEqual } from "node:assert/strict";

/** Deep, strict equality (bigint vs number matters). */
export function assertEquals(
  actual: unknown,
  expected: unknown,
  message?: string,
): void {
  deepStrictEqual(actual, expected, message);
}

/** Asserts `fn` throws an instance of `cls`; returns the error. */
export function assertThrows<E extends Error>(
  fn: () => unknown,
  // deno-lint-ignore no-explicit-any
  cls: new (...args: any[]) => E,
): E {
  try {
    fn();
  } catch (e) {
    if (e instanceof cls) return e;
    throw new Error(
      `expected ${cls.name}, got ${
        e instanceof Error ? `${e.name}: ${e.message}` : String(e)
      }`,
    );
  }
  throw new Error(`expected ${cls.name}, nothing was thrown`);
}

/** Async variant of {@linkcode assertThrows}. */
export async function assertRejects<E extends Error>(
  fn: () => Promise<unknown>,
  // deno-lint-ignore no-explicit-any
  cls: new (...args: any[]) => E,
): Promise<E> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof cls) return e;
    throw new Error(
      `expected ${cls.name}, got ${
        e instanceof Error ? `${e.name}: ${e.message}` : String(e)
      }`,
    );
  }
  throw new Error(`expected ${cls.name}, nothing was thrown`);
}
