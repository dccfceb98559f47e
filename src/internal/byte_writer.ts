const encoder = new TextEncoder();

/**
 * Options of {@linkcode ByteWriter}.
 *
 * @example
 * ```ts
 * import { type ByteWriterOptions } from "./byte_writer.ts";
 * const options: ByteWriterOptions = { initialCapacity: 4096 };
 * ```
 */
export interface ByteWriterOptions {
  /**
   * Bytes to reserve up front; the buffer doubles when it runs out.
   * @default {256}
   */
  initialCapacity?: number;
}

/**
 * A growable little-endian byte buffer.
 *
 * Every `put*` method appends at the end and returns `this` so calls chain.
 * `bytes()` returns a view of the written bytes without copying; it stays
 * valid until the next write that grows the buffer or `reset()`.
 *
 * @example
 * ```ts
 * import { ByteWriter } from "./byte_writer.ts";
 * const w = new ByteWriter();
 * w.u8(1).u32(0xdeadbeef).u64(2n ** 63n).string("reef");
 * const out = w.bytes(); // 1 + 4 + 8 + (varint length + 4) bytes
 * ```
 */
export class ByteWriter {
  #buf: Uint8Array;
  #view: DataView;
  #len = 0;

  /** Creates an empty buffer. */
  constructor(options: ByteWriterOptions = {}) {
    const cap = Math.max(16, options.initialCapacity ?? 256);
    this.#buf = new Uint8Array(cap);
    this.#view = new DataView(this.#buf.buffer);
  }

  /** Number of bytes written so far. */
  get length(): number {
    return this.#len;
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): this {
    const need = this.#len + n;
    if (need <= this.#buf.length) return this;
    let cap = this.#buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.#buf.subarray(0, this.#len));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
    return this;
  }

  /** Appends an unsigned 8-bit integer. */
  u8(v: number): this {
    this.reserve(1);
    this.#buf[this.#len++] = v;
    return this;
  }

  /** Appends an unsigned 16-bit integer, little-endian. */
  u16(v: number): this {
    this.reserve(2);
    this.#view.setUint16(this.#len, v, true);
    this.#len += 2;
    return this;
  }

  /** Appends an unsigned 32-bit integer, little-endian. */
  u32(v: number): this {
    this.reserve(4);
    this.#view.setUint32(this.#len, v >>> 0, true);
    this.#len += 4;
    return this;
  }

  /**
   * Appends an unsigned 64-bit integer, little-endian. A `number` must be a
   * safe non-negative integer.
   */
  u64(v: bigint | number): this {
    this.reserve(8);
    if (typeof v === "number") {
      if (!Number.isSafeInteger(v) || v < 0) {
        throw new RangeError(`Cannot write ${v} as u64`);
      }
      this.#view.setUint32(this.#len, v % 0x1_0000_0000, true);
      this.#view.setUint32(
        this.#len + 4,
        Math.floor(v / 0x1_0000_0000),
        true,
      );
    } else {
      if (v < 0n || v > 0xffff_ffff_ffff_ffffn) {
        throw new RangeError(`Cannot write ${v} as u64`);
      }
      this.#view.setBigUint64(this.#len, v, true);
    }
    this.#len += 8;
    return this;
  }

  /** Appends an unsigned LEB128 varint (a safe non-negative integer). */
  uvarint(v: number): this {
    if (!Number.isSafeInteger(v) || v < 0) {
      throw new RangeError(`Cannot write ${v} as uvarint`);
    }
    this.reserve(8);
    while (v >= 0x80) {
      this.#buf[this.#len++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.#buf[this.#len++] = v;
    return this;
  }

  /** Appends raw bytes. */
  raw(data: Uint8Array): this {
    this.reserve(data.length);
    this.#buf.set(data, this.#len);
    this.#len += data.length;
    return this;
  }

  /** Appends a uvarint length followed by the bytes. */
  bytesField(data: Uint8Array): this {
    return this.uvarint(data.length).raw(data);
  }

  /** Appends a uvarint byte length followed by the UTF-8 bytes. */
  string(s: string): this {
    return this.bytesField(encoder.encode(s));
  }

  /** Appends `n` zero bytes. */
  zeros(n: number): this {
    this.reserve(n);
    this.#buf.fill(0, this.#len, this.#len + n);
    this.#len += n;
    return this;
  }

  /** Overwrites a u32 at an earlier `offset` (for back-patched lengths). */
  setU32(offset: number, v: number): this {
    if (offset < 0 || offset + 4 > this.#len) {
      throw new RangeError(`Cannot patch u32 at ${offset} of ${this.#len}`);
    }
    this.#view.setUint32(offset, v >>> 0, true);
    return this;
  }

  /**
   * Reserves `n` bytes at the end, counts them as written, and returns
   * their offset, for hot paths that fill them through {@linkcode ByteWriter.buffer}
   * and {@linkcode ByteWriter.view} directly. The bytes are not cleared.
   */
  claim(n: number): number {
    this.reserve(n);
    const at = this.#len;
    this.#len += n;
    return at;
  }

  /** The backing array; replaced when the buffer grows (after `reserve`/`claim` it is big enough). */
  get buffer(): Uint8Array {
    return this.#buf;
  }

  /** A DataView over {@linkcode ByteWriter.buffer}. */
  get view(): DataView {
    return this.#view;
  }

  /** Drops everything written after the first `length` bytes. */
  truncate(length: number): this {
    if (length < 0 || length > this.#len) {
      throw new RangeError(`Cannot truncate ${this.#len} bytes to ${length}`);
    }
    this.#len = length;
    return this;
  }

  /** A view of the written bytes (no copy). */
  bytes(): Uint8Array {
    return this.#buf.subarray(0, this.#len);
  }

  /** Forgets the content but keeps the capacity. */
  reset(): this {
    this.#len = 0;
    return this;
  }
}
