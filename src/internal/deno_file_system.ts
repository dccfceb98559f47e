import type { FileSystem, FsFile, OpenOptions } from "./file_system.ts";

/**
 * Writes up to this size go through `writeSync`: copying into the page cache
 * takes microseconds, while an async write costs a hop to a blocking thread
 * and back (tens of microseconds, most of a small WAL save). Larger writes
 * stay async so they do not hold the event loop.
 *
 * @example
 * ```ts
 * import { SYNC_WRITE_MAX } from "./deno_file_system.ts";
 * const frame = new Uint8Array(4096);
 * frame.length <= SYNC_WRITE_MAX; // true: written without a thread hop
 * ```
 */
export const SYNC_WRITE_MAX = 256 * 1024;

class DenoFsFile implements FsFile {
  readonly #file: Deno.FsFile;
  // Deno.FsFile has no pread/pwrite; remembering the cursor saves a seek
  // syscall on the common sequential path.
  #pos = 0;

  constructor(file: Deno.FsFile) {
    this.#file = file;
  }

  async #seek(position: number): Promise<void> {
    if (this.#pos !== position) {
      await this.#file.seek(position, Deno.SeekMode.Start);
      this.#pos = position;
    }
  }

  async readAt(buf: Uint8Array, position: number): Promise<number> {
    await this.#seek(position);
    let done = 0;
    while (done < buf.length) {
      const n = await this.#file.read(buf.subarray(done));
      if (n === null) break;
      done += n;
      this.#pos += n;
    }
    return done;
  }

  writeAt(data: Uint8Array, position: number): Promise<void> {
    if (data.length > SYNC_WRITE_MAX) return this.#writeAtAsync(data, position);
    try {
      if (this.#pos !== position) {
        this.#file.seekSync(position, Deno.SeekMode.Start);
        this.#pos = position;
      }
      let done = 0;
      try {
        while (done < data.length) {
          const n = this.#file.writeSync(data.subarray(done));
          done += n;
          this.#pos += n;
        }
      } catch (err) {
        this.#pos = -1;
        throw err;
      }
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err);
    }
  }

  async #writeAtAsync(data: Uint8Array, position: number): Promise<void> {
    await this.#seek(position);
    await this.#writeAll(data);
  }

  async #writeAll(data: Uint8Array): Promise<void> {
    let done = 0;
    try {
      while (done < data.length) {
        const n = await this.#file.write(data.subarray(done));
        done += n;
        this.#pos += n;
      }
    } catch (err) {
      // A failed write leaves the kernel cursor unknown.
      this.#pos = -1;
      throw err;
    }
  }

  async append(data: Uint8Array): Promise<void> {
    this.#pos = await this.#file.seek(0, Deno.SeekMode.End);
    await this.#writeAll(data);
  }

  async size(): Promise<number> {
    return (await this.#file.stat()).size;
  }

  async truncate(length: number): Promise<void> {
    await this.#file.truncate(length);
  }

  datasync(): Promise<void> {
    return this.#file.syncData();
  }

  close(): void {
    this.#file.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

/**
 * The real {@linkcode FileSystem} on `Deno.FsFile` and `Deno.*` calls.
 *
 * @example
 * ```ts
 * import { DenoFileSystem } from "./deno_file_system.ts";
 * const fs = new DenoFileSystem();
 * const dir = await Deno.makeTempDir();
 * await fs.mkdir(`${dir}/raft/wal`);
 * await fs.syncDir(`${dir}/raft`);
 * ```
 */
export class DenoFileSystem implements FileSystem {
  async open(path: string, options: OpenOptions = {}): Promise<FsFile> {
    const file = await Deno.open(path, {
      read: true,
      write: true,
      create: options.create ?? false,
      createNew: options.createNew ?? false,
      truncate: options.truncate ?? false,
    });
    return new DenoFsFile(file);
  }

  async readFile(path: string): Promise<Uint8Array> {
    // One buffer of the stat'ed size and plain reads: about 2.5x faster
    // than Deno.readFile for the 64 MiB segments read at every WAL open.
    using file = await Deno.open(path, { read: true });
    const size = (await file.stat()).size;
    const buf = new Uint8Array(size);
    let done = 0;
    while (done < size) {
      const n = await file.read(buf.subarray(done));
      if (n === null) break;
      done += n;
    }
    if (done < size) return buf.subarray(0, done);
    // The file grew since stat: read the rest the slow way.
    const extra: Uint8Array[] = [];
    const chunk = new Uint8Array(1 << 16);
    for (;;) {
      const n = await file.read(chunk);
      if (n === null) break;
      extra.push(chunk.slice(0, n));
    }
    if (extra.length === 0) return buf;
    const total = done + extra.reduce((a, c) => a + c.length, 0);
    const out = new Uint8Array(total);
    out.set(buf);
    let at = done;
    for (const c of extra) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  rename(from: string, to: string): Promise<void> {
    return Deno.rename(from, to);
  }

  remove(path: string): Promise<void> {
    return Deno.remove(path);
  }

  async readDir(path: string): Promise<string[]> {
    const names: string[] = [];
    for await (const e of Deno.readDir(path)) names.push(e.name);
    return names.sort();
  }

  async mkdir(path: string): Promise<void> {
    await Deno.mkdir(path, { recursive: true });
  }

  async syncDir(path: string): Promise<void> {
    using dir = await Deno.open(path, { read: true });
    await dir.sync();
  }
}
