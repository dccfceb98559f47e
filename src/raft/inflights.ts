/**
 * The bounded window of MsgApp sent to a follower but not yet acknowledged.
 *
 * @module
 */

/**
 * A FIFO of in-flight appends, limited by count and by bytes. Each entry
 * is the last index of one MsgApp and its payload size.
 *
 * @example
 * ```ts
 * const inf = new Inflights(2, 1024);
 * inf.add(5, 100);
 * inf.full(); // false
 * inf.freeLE(5);
 * inf.count(); // 0
 * ```
 */
export class Inflights {
  readonly size: number;
  readonly maxBytes: number;
  #indexes: number[] = [];
  #sizes: number[] = [];
  #head = 0;
  #bytes = 0;

  constructor(size: number, maxBytes: number) {
    this.size = size;
    this.maxBytes = maxBytes;
  }

  /** A copy with the same contents. */
  clone(): Inflights {
    const c = new Inflights(this.size, this.maxBytes);
    c.#indexes = this.#indexes.slice(this.#head);
    c.#sizes = this.#sizes.slice(this.#head);
    c.#bytes = this.#bytes;
    return c;
  }

  /** Records one more in-flight MsgApp ending at `index`. */
  add(index: number, bytes: number): void {
    this.#indexes.push(index);
    this.#sizes.push(bytes);
    this.#bytes += bytes;
  }

  /** Frees every in-flight message whose last index is `<= to`. */
  freeLE(to: number): void {
    while (
      this.#head < this.#indexes.length && this.#indexes[this.#head] <= to
    ) {
      this.#bytes -= this.#sizes[this.#head];
      this.#head++;
    }
    // Compact once the consumed prefix dominates, to keep memory bounded.
    if (this.#head > 64 && this.#head * 2 > this.#indexes.length) {
      this.#indexes = this.#indexes.slice(this.#head);
      this.#sizes = this.#sizes.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Frees the oldest in-flight message. */
  freeFirstOne(): void {
    if (this.count() === 0) return;
    this.freeLE(this.#indexes[this.#head]);
  }

  /** Whether no more messages may be sent (count or byte limit reached). */
  full(): boolean {
    return this.count() >= this.size ||
      (this.maxBytes > 0 && this.#bytes >= this.maxBytes);
  }

  /** Number of messages in flight. */
  count(): number {
    return this.#indexes.length - this.#head;
  }

  /** Bytes in flight. */
  bytes(): number {
    return this.#bytes;
  }

  /** Empties the window. */
  reset(): void {
    this.#indexes = [];
    this.#sizes = [];
    this.#head = 0;
    this.#bytes = 0;
  }
}
