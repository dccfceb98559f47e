/**
 * Comparison closures fused with the arithmetic under them, so a filter
 * such as `n % 100 = 7` allocates no bigint per row when `n` is an
 * INTEGER within the exactly representable range of a double.
 *
 * @module
 */
import { compareValues, type Value } from "../value.ts";
import type { Fn } from "./scope.ts";
import { arith } from "./value_ops.ts";

const TRUE = 1n, FALSE = 0n;
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);
const SAFE_MIN = -SAFE_MAX;

/** True for a bigint that converts to a double exactly. */
export function isSafeBigint(v: bigint): boolean {
  return v <= SAFE_MAX && v >= SAFE_MIN;
}

/**
 * `(x % k) <op> c` for bigint constants `k` (not 0) and `c`, both within
 * ±(2^53 - 1), given `test` on the sign of the comparison. Rows whose `x`
 * is a safe bigint use double arithmetic, which is exact there (`%` on
 * doubles truncates like `%` on bigints); anything else takes the general
 * path, evaluating `x` only once.
 *
 * @example
 * ```ts
 * // modCompare((r) => r[0], 100n, 7n, (s) => s === 0)([107n], ctx) === 1n
 * ```
 */
export function modCompare(
  x: Fn,
  k: bigint,
  c: bigint,
  test: (sign: number) => boolean,
): Fn {
  const kn = Number(k), cn = Number(c);
  return (r, ctx) => {
    const v = x(r, ctx);
    if (typeof v === "bigint") {
      // Rounding is monotonic, so an unsafe bigint never becomes a safe
      // double: this one check is both the range test and the conversion.
      const d = Number(v);
      if (Number.isSafeInteger(d)) {
        const m = d % kn;
        return test(m < cn ? -1 : m > cn ? 1 : 0) ? TRUE : FALSE;
      }
    }
    const m: Value = typeof v === "bigint" ? v % k : arith("%", v, k);
    if (m === null) return null;
    return test(compareValues(m, c)) ? TRUE : FALSE;
  };
}
