import { crc32, type FsFile } from "../internal/mod.ts";
import {
  decodeFixedHeader,
  HEADER_FIXED,
  MAX_CHUNK,
  parseSnapName,
  TRAILER_SIZE,
} from "./_format.ts";
import { SnapshotCorruptError } from "./errors.ts";

/**
 * An open snapshot file: its header fields and a stream of its chunks.
 * Close it (or use `await using`) when done.
 *
 * @example
 * ```ts
 * import { openSnapStore } from "./snap_store.ts";
 * const snaps = await openSnapStore(await Deno.makeTempDir());
 * await snaps.save({ term: 1, index: 1 }, [new Uint8Array(10)]);
 * await using r = await snaps.load("0000000000000001-0000000000000001.snap");
 * let n = 0;
 * for await (const c of r.chunks()) n += c.length; // 10
 * ```
 */
export class SnapshotReader implements AsyncDisposable {
  readonly #file: FsFile;
  /** File name. */
  readonly name: string;
  /** Term of the last entry covered. */
  readonly term: number;
  /** Index of the last entry covered. */
  readonly index: number;
  /** The opaque metadata given to save(). */
  readonly meta: Uint8Array;
  /** File size in bytes. */
  readonly size: number;
  readonly #dataStart: number;
  readonly #headerCrc: number;

  private constructor(
    file: FsFile,
    name: string,
    h: { term: number; index: number; meta: Uint8Array },
    size: number,
    dataStart: number,
    headerCrc: number,
  ) {
    this.#file = file;
    this.name = name;
    this.term = h.term;
    this.index = h.index;
    this.meta = h.meta;
    this.size = size;
    this.#dataStart = dataStart;
    this.#headerCrc = headerCrc;
  }

  /** @internal */
  static async _open(file: FsFile, name: string): Promise<SnapshotReader> {
    const corrupt = (offset: number, reason: string) =>
      new SnapshotCorruptError({ file: name, offset, reason });
    const size = await file.size();
    if (size < HEADER_FIXED + TRAILER_SIZE) throw corrupt(0, "file too short");
    const fixed = new Uint8Array(HEADER_FIXED);
    await file.readAt(fixed, 0);
    const h = decodeFixedHeader(fixed);
    if (typeof h === "string") throw corrupt(0, h);
    if (HEADER_FIXED + h.metaLen + TRAILER_SIZE > size) {
      throw corrupt(12, "metadata length past the end");
    }
    const meta = new Uint8Array(h.metaLen);
    await file.readAt(meta, HEADER_FIXED);
    const crc = crc32(meta, crc32(fixed));
    const p = parseSnapName(name);
    if (p && (p.term !== h.term || p.index !== h.index)) {
      throw corrupt(16, "header does not match the file name");
    }
    return new SnapshotReader(
      file,
      name,
      { term: h.term, index: h.index, meta },
      size,
      HEADER_FIXED + h.metaLen,
      crc,
    );
  }

  /** Reads the whole file once and checks its framing and CRC. */
  async verify(): Promise<void> {
    for await (const _ of this.#walk(false)) { /* checking only */ }
  }

  /**
   * Streams the data chunks as they were saved. The file CRC is checked
   * along the way; a mismatch throws {@linkcode SnapshotCorruptError} after
   * the last chunk, so discard what was built from them.
   */
  chunks(): AsyncGenerator<Uint8Array> {
    return this.#walk(true);
  }

  async *#walk(yieldData: boolean): AsyncGenerator<Uint8Array> {
    const corrupt = (offset: number, reason: string) =>
      new SnapshotCorruptError({ file: this.name, offset, reason });
    let crc = this.#headerCrc;
    let pos = this.#dataStart;
    let total = 0;
    const lenBuf = new Uint8Array(4);
    const lenView = new DataView(lenBuf.buffer);
    // Chunks end where the trailer (u32 0, u64 total, u32 CRC) begins.
    const end = this.size - TRAILER_SIZE;
    for (;;) {
      if (pos + 4 > this.size) throw corrupt(pos, "missing end of chunks");
      await this.#readExactly(lenBuf, pos);
      crc = crc32(lenBuf, crc);
      const len = lenView.getUint32(0, true);
      pos += 4;
      if (len === 0) break;
      if (len > MAX_CHUNK || pos + len > end) {
        throw corrupt(pos - 4, "chunk runs past the end");
      }
      const chunk = new Uint8Array(len);
      await this.#readExactly(chunk, pos);
      crc = crc32(chunk, crc);
      pos += len;
      total += len;
      if (yieldData) yield chunk;
    }
    if (pos !== this.size - 12) throw corrupt(pos, "trailer misplaced");
    const trailer = new Uint8Array(12);
    await this.#readExactly(trailer, pos);
    const view = new DataView(trailer.buffer);
    crc = crc32(trailer.subarray(0, 8), crc);
    const declared = view.getUint32(0, true) +
      view.getUint32(4, true) * 0x1_0000_0000;
    if (declared !== total) throw corrupt(pos, "data length mismatch");
    if (view.getUint32(8, true) !== crc) {
      throw corrupt(pos + 8, "checksum mismatch");
    }
  }

  async #readExactly(buf: Uint8Array, pos: number): Promise<void> {
    const n = await this.#file.readAt(buf, pos);
    if (n !== buf.length) {
      throw new SnapshotCorruptError({
        file: this.name,
        offset: pos,
        reason: "unexpected end of file",
      });
    }
  }

  /** Releases the file handle. */
  close(): void {
    this.#file.close();
  }

  /** Same as {@linkcode SnapshotReader.close}. */
  [Symbol.asyncDispose](): Promise<void> {
    this.close();
    return Promise.resolve();
  }
}
