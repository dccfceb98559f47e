// Pieces of the simulated disk: a file's content (Inode) and an open
// handle (SimFile). Private to src/internal; see sim_file_system.ts.
import { FsError } from "./errors.ts";
import type { FsFile } from "./file_system.ts";
import type { SimFileSystem } from "./sim_file_system.ts";

// Runs a synchronous body as a promise so a throw becomes a rejection, as it
// would be for the real file system.
export function attempt<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err);
  }
}

export class Inode {
  data = new Uint8Array(0);
  size = 0;
  // What survives a crash: the first `durableSize` bytes of `durable`.
  durable = new Uint8Array(0);
  durableSize = 0;
  dirty = new Set<number>();

  ensure(cap: number): void {
    if (cap <= this.data.length) return;
    const next = new Uint8Array(Math.max(cap, this.data.length * 2, 64));
    next.set(this.data.subarray(0, this.size));
    this.data = next;
  }

  /** fdatasync: copies only the dirty sectors, so syncs stay O(written). */
  sync(sector: number): void {
    if (this.durable.length < this.size) {
      const next = new Uint8Array(Math.max(this.size, this.durable.length * 2));
      next.set(this.durable.subarray(0, this.durableSize));
      this.durable = next;
    }
    for (const sec of this.dirty) {
      const from = sec * sector;
      if (from >= this.size) continue;
      const to = Math.min(this.size, from + sector);
      this.durable.set(this.data.subarray(from, to), from);
    }
    this.durableSize = this.size;
    this.dirty.clear();
  }
}

export class SimFile implements FsFile {
  readonly #fs: SimFileSystem;
  readonly #inode: Inode;
  readonly #path: string;
  readonly #generation: number;
  #closed = false;

  constructor(fs: SimFileSystem, inode: Inode, path: string, gen: number) {
    this.#fs = fs;
    this.#inode = inode;
    this.#path = path;
    this.#generation = gen;
  }

  #check(op: string): Inode {
    if (this.#closed || this.#generation !== this.#fs.generation) {
      throw new FsError("EBADF", { op, path: this.#path });
    }
    return this.#inode;
  }

  readAt(buf: Uint8Array, position: number): Promise<number> {
    return attempt(() => {
      const ino = this.#check("read");
      this.#fs._fault("read", this.#path);
      const n = Math.max(0, Math.min(buf.length, ino.size - position));
      buf.set(ino.data.subarray(position, position + n));
      return n;
    });
  }

  writeAt(data: Uint8Array, position: number): Promise<void> {
    return attempt(() => {
      const ino = this.#check("write");
      this.#fs._write(ino, this.#path, data, position);
      return;
    });
  }

  append(data: Uint8Array): Promise<void> {
    return attempt(() => {
      const ino = this.#check("write");
      this.#fs._write(ino, this.#path, data, ino.size);
      return;
    });
  }

  size(): Promise<number> {
    return attempt(() => {
      return this.#check("stat").size;
    });
  }

  truncate(length: number): Promise<void> {
    return attempt(() => {
      const ino = this.#check("truncate");
      this.#fs._fault("truncate", this.#path);
      this.#fs._truncate(ino, this.#path, length);
      return;
    });
  }

  datasync(): Promise<void> {
    return attempt(() => {
      const ino = this.#check("datasync");
      this.#fs._fault("datasync", this.#path);
      ino.sync(this.#fs.sectorSize);
      return;
    });
  }

  close(): void {
    this.#closed = true;
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
