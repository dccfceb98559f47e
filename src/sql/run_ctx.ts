/**
 * Run contexts: the per-execution inputs of compiled closures.
 *
 * @module
 */
import type { RunCtx } from "./exec/scope.ts";
import type { Catalog } from "./storage/catalog.ts";
import type { Row, Value } from "./value.ts";

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
 * A run context whose clock and random stream are made only when used
 * (reads rarely need them, and point reads are hot).
 *
 * @example
 * ```ts
 * // const ctx = new Ctx(catalog, [], { now: () => "2024-01-01 00:00:00", seed: () => 1n });
 * ```
 */
export class Ctx implements RunCtx {
  params: readonly Value[];
  outer: Row[] = [];
  catalog: Catalog;
  private nowValue: string | null = null;
  private nowFn: () => string;
  private seedFn: () => bigint;
  private stream: (() => bigint) | null = null;
  private cacheMap: Map<unknown, unknown> | null = null;

  constructor(
    catalog: Catalog,
    params: readonly Value[],
    options: { now: () => string; seed: () => bigint },
  ) {
    this.catalog = catalog;
    this.params = params;
    this.nowFn = options.now;
    this.seedFn = options.seed;
  }

  get now(): string {
    return this.nowValue ??= this.nowFn();
  }

  get cache(): Map<unknown, unknown> {
    return this.cacheMap ??= new Map();
  }

  /** Forgets memoised subquery results (between commands). */
  clearCache(): void {
    this.cacheMap?.clear();
  }

  /** Restarts the random stream from `seed + offset` (computed only if used). */
  reseed(seed: bigint, offset = 0): void {
    this.seedFn = offset === 0 ? () => seed : () => seed + BigInt(offset);
    this.stream = null;
  }

  /** The next deterministic random integer. */
  random(): bigint {
    this.stream ??= seededRandom(this.seedFn());
    return this.stream();
  }
}

/**
 * Builds a run context with a fixed clock and seed.
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
): Ctx {
  return new Ctx(catalog, params, {
    now: () => options.now,
    seed: () => options.seed,
  });
}
