/**
 * Ordering of composite index keys.
 *
 * @module
 */
import { compareValues, type Value } from "../value.ts";

/**
 * Sorts below every value (a key bound).
 *
 * @example
 * ```ts
 * const low = [5n, KEY_MIN]; // before every key starting with 5
 * ```
 */
export const KEY_MIN: unique symbol = Symbol("KEY_MIN");
/**
 * Sorts above every value (a key bound).
 *
 * @example
 * ```ts
 * const high = [5n, KEY_MAX]; // after every key starting with 5
 * ```
 */
export const KEY_MAX: unique symbol = Symbol("KEY_MAX");

/**
 * An element of an index key: a value or a bound.
 *
 * @example
 * ```ts
 * const p: KeyPart = KEY_MIN;
 * ```
 */
export type KeyPart = Value | typeof KEY_MIN | typeof KEY_MAX;

/**
 * An index key: column values then the row id.
 *
 * @example
 * ```ts
 * const k: IndexKey = [5n, "x", 1n];
 * ```
 */
export type IndexKey = KeyPart[];

/**
 * Builds a comparator for keys whose columns sort ascending or descending.
 * A shorter key that equals the other's prefix sorts first.
 *
 * @example
 * ```ts
 * const cmp = keyComparator([false]);
 * cmp([1n, 5n], [2n, 1n]); // -1
 * ```
 */
export function keyComparator(
  desc: readonly boolean[],
): (a: IndexKey, b: IndexKey) => number {
  const n = desc.length;
  return (a, b) => {
    const la = a.length, lb = b.length;
    const l = la < lb ? la : lb;
    for (let i = 0; i < l; i++) {
      const x = a[i], y = b[i];
      if (x === y) continue;
      // Bounds are in tree order, so they are never flipped by DESC.
      if (x === KEY_MIN || y === KEY_MAX) return -1;
      if (x === KEY_MAX || y === KEY_MIN) return 1;
      const c = compareValues(x as Value, y as Value);
      if (c !== 0) return i < n && desc[i] ? -c : c;
    }
    return la - lb;
  };
}
