/**
 * The write lock of one engine: handles that share an engine serialise
 * their transactions and autocommit writes, as SQLite does.
 *
 * @module
 */

/**
 * A FIFO async mutex.
 *
 * @example
 * ```ts
 * const lock = new WriteLock();
 * const release = await lock.acquire();
 * release();
 * ```
 */
export class WriteLock {
  private tail: Promise<void> = Promise.resolve();

  /** Waits for the lock; resolves to its release function. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return ready;
  }
}

const locks = new WeakMap<object, WriteLock>();

/**
 * The lock belonging to `engine` (created on first use).
 *
 * @example
 * ```ts
 * const a = writeLockOf(engine), b = writeLockOf(engine); // a === b
 * ```
 */
export function writeLockOf(engine: object): WriteLock {
  let l = locks.get(engine);
  if (!l) {
    l = new WriteLock();
    locks.set(engine, l);
  }
  return l;
}
