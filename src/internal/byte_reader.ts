const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * A little-endian cursor over a byte array, the mirror of
 * {@linkcode ByteWriter}.
 *
 * Every read checks bounds first and throws a `RangeError` naming the
 * offset and the missing byte count, so a truncated buffer is never read
 * past its end or misread as zeros.
 *
 * @example
 * ```ts
 * import { ByteReader } from "./byte_reader.ts";
 * import { ByteWriter } from "./byte_writer.ts";
 * const r = new ByteReader(new ByteWriter().u32(7).string("x").bytes());
 * r.u32(); // 7
 * r.string(); // "x"
 * r.remaining; // 0
 * ```
 */
export class ByteReader {
  readonly #buf: Uint8Array;
  readonly #view: DataView;
  #pos = 0;

  /** Wraps a byte array without copying it. */
  constructor(buf: Uint8Array) {
    this.#buf = buf;
    this.#view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** Current read offset. */
  get offset(): number {
    return this.#pos;
  }

  /** Bytes not read yet. */
  get remaining(): number {
    return this.#buf.length - this.#pos;
  }

  #need(n: number): number {
    const at = this.#pos;
    if (n > this.#buf.length - at) {
      throw new RangeError(
        `Cannot read ${n} bytes at offset ${at}: only ${
          this.#buf.length - at
        } left`,
      );
    }
    this.#pos = at + n;
    return at;
  }

  /** Reads an unsigned 8-bit integer. */
  u8(): number {
    return this.#buf[this.#need(1)];
  }

  /** Reads an unsigned 16-bit little-endian integer. */
  u16(): number {
    return this.#view.getUint16(this.#need(2), true);
  }

  /** Reads an unsigned 32-bit little-endian integer. */
  u32(): number {
    return this.#view.getUint32(this.#need(4), true);
  }

  /** Reads an unsigned 64-bit little-endian integer as a bigint. */
  u64(): bigint {
    return this.#view.getBigUint64(this.#need(8), true);
  }

  /**
   * Reads an unsigned 64-bit integer as a number; throws a `RangeError` if
   * it is above `Number.MAX_SAFE_INTEGER`.
   */
  u64Number(): number {
    const at = this.#need(8);
    const lo = this.#view.getUint32(at, true);
    const hi = this.#view.getUint32(at + 4, true);
    if (hi > 0x1fffff) {
      throw new RangeError(`u64 at offset ${at} exceeds MAX_SAFE_INTEGER`);
    }
    return hi * 0x1_0000_0000 + lo;
  }

  /** Reads an unsigned LEB128 varint (at most a safe integer). */
  uvarint(): number {
    const start = this.#pos;
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.u8();
      result += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (!Number.isSafeInteger(result)) break;
        return result;
      }
      scale *= 0x80;
    }
    throw new RangeError(`Invalid uvarint at offset ${start}`);
  }

  /** Reads `n` bytes as a view (no copy). */
  raw(n: number): Uint8Array {
    const at = this.#need(n);
    return this.#buf.subarray(at, at + n);
  }

  /** Reads a uvarint length then that many bytes (a view, no copy). */
  bytesField(): Uint8Array {
    return this.raw(this.uvarint());
  }

  /** Reads a uvarint length then UTF-8 text; invalid UTF-8 throws. */
  string(): string {
    return decoder.decode(this.bytesField());
  }

  /** Moves the cursor forward by `n` bytes. */
  skip(n: number): this {
    this.#need(n);
    return this;
  }
}
