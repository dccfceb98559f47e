/**
 * Run contexts: the per-execution inputs of compiled closures.
 *
 * @module
 */
import type { RunCtx } from "./exec/scope.ts";
import type { Catalog } from "./storage/catalog.ts";
import type { Value } from "./value.ts";

/**
 * A deterministic stream of signed 64-bit integers (splitmix64).
 *
 * @example
 * ```ts
 * const r = seededRandom(1n);
 * r() === seededRandom(1n)(); // true
 * ```
 */
export function seededRandom(seed: bigint): () => bigint {
  let s = BigInt.asUintN(64, seed);
  return () => {
    s = BigInt.asUintN(64, s + 0x9e3779b97f4a7c15n);
    let z = s;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    z = z ^ (z >> 31n);
    return BigInt.asIntN(64, z);
  };
}

/**
 * Builds a run context.
 *
 * @example
 * ```ts
 * // makeCtx(catalog, [], { now: "2024-01-01 00:00:00", seed: 1n })
 * ```
 */
export function makeCtx(
  catalog: Catalog,
  params: readonly Value[],
  options: { now: string; seed: bigint },
): RunCtx {
  return {
    params,
    outer: [],
    now: options.now,
    random: seededRandom(options.seed),
    cache: new Map(),
    catalog,
  };
}
