/**
 * `sorted-btree` is CommonJS; Deno hands its default export over wrapped
 * in the module object. This unwraps it once, typed as the class.
 *
 * @module
 */
import * as M from "sorted-btree";

// deno-lint-ignore no-explicit-any
const mod = M as any;

/**
 * The B+ tree class of `sorted-btree`.
 *
 * @example
 * ```ts
 * const t = new BTree<bigint, string>(); t.set(1n, "a");
 * ```
 */
export const BTree: typeof M.default.default = typeof mod.default === "function"
  ? mod.default
  : mod.default.default;
/**
 * The B+ tree type of `sorted-btree`.
 *
 * @example
 * ```ts
 * const t = new BTree<bigint, string>(); t.set(1n, "a");
 * ```
 */
export type BTree<K, V> = InstanceType<typeof M.default.default<K, V>>;
