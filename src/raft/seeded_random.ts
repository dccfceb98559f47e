/**
 * A small seeded PRNG for election timeouts and simulations.
 *
 * @module
 */

/**
 * Returns a deterministic random function in `[0, 1)` (mulberry32).
 *
 * @example
 * ```ts
 * const rnd = seededRandom(7);
 * const x = rnd(); // the same value for seed 7 every run
 * ```
 */
export function seededRandom(seed: number): () => number {
  let a = (seed >>> 0) ^ 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
