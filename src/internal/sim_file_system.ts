import { attempt, Inode, SimFile } from "./_sim_file.ts";
import { FsError } from "./errors.ts";
import {
  dirName,
  type FileSystem,
  type FsFile,
  type OpenOptions,
} from "./file_system.ts";
import { seededRandom } from "./random.ts";

/**
 * Operations a {@linkcode SimFault} can target.
 *
 * @example
 * ```ts
 * import { type SimOp } from "./sim_file_system.ts";
 * const op: SimOp = "datasync";
 * ```
 */
export type SimOp =
  | "open"
  | "read"
  | "write"
  | "truncate"
  | "datasync"
  | "rename"
  | "remove"
  | "syncDir"
  | "mkdir";

/**
 * A fault to inject: the matching operation throws an {@linkcode FsError}
 * with `code`. A failed write may have persisted a prefix of its sectors.
 *
 * @example
 * ```ts
 * import { type SimFault } from "./sim_file_system.ts";
 * const fault: SimFault = { op: "datasync", code: "EIO", path: ".wal", after: 2 };
 * ```
 */
export interface SimFault {
  /** The operation to fail. */
  op: SimOp;
  /** errno-style code to throw. @default {"EIO"} */
  code?: "EIO" | "ENOSPC";
  /** Only paths containing this substring match. */
  path?: string;
  /** Let this many matching operations succeed first. @default {0} */
  after?: number;
  /** Fail this many times, then stop. @default {1} */
  times?: number;
}

/**
 * Options of {@linkcode SimFileSystem}.
 *
 * @example
 * ```ts
 * import { type SimFileSystemOptions } from "./sim_file_system.ts";
 * const options: SimFileSystemOptions = { seed: 42, capacity: 1 << 20 };
 * ```
 */
export interface SimFileSystemOptions {
  /** Seed of every random choice (crash outcomes, torn writes, error rate). @default {1} */
  seed?: number;
  /** The unit a write is torn at. @default {512} */
  sectorSize?: number;
  /** Total bytes of file content; growing past it throws ENOSPC. @default {Infinity} */
  capacity?: number;
  /** Probability that any write or datasync throws EIO. @default {0} */
  ioErrorRate?: number;
}

interface Dir {
  entries: Map<string, Inode>;
  durable: Map<string, Inode>;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function normalize(path: string): string {
  const p = path.replace(/\/+/g, "/");
  return p.length > 1 && p.endsWith("/") ? p.slice(0, -1) : p;
}

/**
 * An in-memory disk for fault tests, deterministic from a seed.
 *
 * - Written data lives in a page cache until `datasync()`; {@linkcode crash}
 *   keeps each unsynced 512-byte sector or reverts it, at random, so a
 *   write can be torn at sector boundaries and persisted out of order. A
 *   file's size after a crash is either its synced or its current size.
 * - Directory changes (create, rename, remove) are durable only after
 *   `syncDir()`; a crash keeps or reverts all unsynced changes of a
 *   directory together. `mkdir` is durable at once.
 * - {@linkcode flipBit} corrupts durable data; {@linkcode injectFault}
 *   and `ioErrorRate` make operations throw EIO or ENOSPC; `capacity`
 *   makes growth throw ENOSPC.
 *
 * @example
 * ```ts
 * import { SimFileSystem } from "./sim_file_system.ts";
 * const fs = new SimFileSystem({ seed: 7 });
 * await fs.mkdir("/d");
 * const f = await fs.open("/d/a", { create: true });
 * await f.writeAt(new Uint8Array([1, 2, 3]), 0);
 * fs.crash(); // the file may be gone: its directory entry was never synced
 * ```
 */
export class SimFileSystem implements FileSystem {
  readonly #dirs = new Map<string, Dir>();
  readonly #rnd: () => number;
  readonly #sector: number;
  readonly #capacity: number;
  readonly #ioErrorRate: number;
  #faults: (SimFault & { seen: number; left: number })[] = [];
  /** The unit writes are torn at. */
  get sectorSize(): number {
    return this.#sector;
  }

  /** Bumped by every crash; handles from an older generation are dead. */
  generation = 0;

  /** Creates an empty simulated disk. */
  constructor(options: SimFileSystemOptions = {}) {
    this.#rnd = seededRandom(options.seed ?? 1);
    this.#sector = options.sectorSize ?? 512;
    this.#capacity = options.capacity ?? Infinity;
    this.#ioErrorRate = options.ioErrorRate ?? 0;
    this.#dirs.set("/", { entries: new Map(), durable: new Map() });
  }

  /** Adds a fault to inject; see {@linkcode SimFault}. */
  injectFault(fault: SimFault): void {
    this.#faults.push({ ...fault, seen: 0, left: fault.times ?? 1 });
  }

  /** Removes every injected fault. */
  clearFaults(): void {
    this.#faults = [];
  }

  /** @internal Throws if a fault matches this operation. */
  _fault(op: SimOp, path: string, code?: "EIO" | "ENOSPC"): void {
    for (const f of this.#faults) {
      if (f.op !== op || f.left <= 0) continue;
      if (f.path !== undefined && !path.includes(f.path)) continue;
      if (f.seen++ < (f.after ?? 0)) continue;
      f.left--;
      throw new FsError(f.code ?? "EIO", { op, path });
    }
    if (
      this.#ioErrorRate > 0 && (op === "write" || op === "datasync") &&
      this.#rnd() < this.#ioErrorRate
    ) {
      throw new FsError(code ?? "EIO", { op, path });
    }
  }

  #used(): number {
    const seen = new Set<Inode>();
    let total = 0;
    for (const d of this.#dirs.values()) {
      for (const ino of d.entries.values()) {
        if (!seen.has(ino)) total += ino.size;
        seen.add(ino);
      }
    }
    return total;
  }

  /** @internal */
  _write(ino: Inode, path: string, data: Uint8Array, pos: number): void {
    const end = pos + data.length;
    if (end > ino.size && this.#used() + (end - ino.size) > this.#capacity) {
      throw new FsError("ENOSPC", { op: "write", path });
    }
    try {
      this.#faultWrite(path);
    } catch (err) {
      // A failed write may still have reached some whole sectors.
      const first = Math.floor(pos / this.#sector) * this.#sector;
      const sectors = Math.ceil((end - first) / this.#sector);
      const keep = Math.floor(this.#rnd() * (sectors + 1));
      const stop = Math.min(end, first + keep * this.#sector);
      if (stop > pos) this.#apply(ino, data.subarray(0, stop - pos), pos);
      throw err;
    }
    this.#apply(ino, data, pos);
  }

  #faultWrite(path: string): void {
    this._fault("write", path);
  }

  #apply(ino: Inode, data: Uint8Array, pos: number): void {
    const end = pos + data.length;
    ino.ensure(end);
    if (pos > ino.size) ino.data.fill(0, ino.size, pos);
    ino.data.set(data, pos);
    this.#markDirty(ino, Math.min(pos, ino.size), end);
    if (end > ino.size) ino.size = end;
  }

  #markDirty(ino: Inode, from: number, to: number): void {
    const s = this.#sector;
    for (let i = Math.floor(from / s); i * s < to; i++) ino.dirty.add(i);
  }

  /** @internal */
  _truncate(ino: Inode, path: string, length: number): void {
    if (
      length > ino.size &&
      this.#used() + (length - ino.size) > this.#capacity
    ) {
      throw new FsError("ENOSPC", { op: "truncate", path });
    }
    ino.ensure(length);
    if (length > ino.size) ino.data.fill(0, ino.size, length);
    this.#markDirty(
      ino,
      Math.min(length, ino.size),
      Math.max(length, ino.size),
    );
    ino.size = length;
  }

  #dir(path: string, op: string): Dir {
    const d = this.#dirs.get(normalize(path));
    if (!d) throw new FsError("ENOENT", { op, path });
    return d;
  }

  #lookup(path: string, op: string): Inode {
    const p = normalize(path);
    const ino = this.#dir(dirName(p), op).entries.get(baseName(p));
    if (!ino) throw new FsError("ENOENT", { op, path });
    return ino;
  }

  open(path: string, options: OpenOptions = {}): Promise<FsFile> {
    return attempt(() => {
      const p = normalize(path);
      this._fault("open", p);
      if (this.#dirs.has(p)) throw new FsError("EISDIR", { op: "open", path });
      const dir = this.#dir(dirName(p), "open");
      let ino = dir.entries.get(baseName(p));
      if (ino && options.createNew) {
        throw new FsError("EEXIST", { op: "open", path });
      }
      if (!ino) {
        if (!options.create && !options.createNew) {
          throw new FsError("ENOENT", { op: "open", path });
        }
        ino = new Inode();
        dir.entries.set(baseName(p), ino);
      }
      if (options.truncate) this._truncate(ino, p, 0);
      return new SimFile(this, ino, p, this.generation);
    });
  }

  readFile(path: string): Promise<Uint8Array> {
    return attempt(() => {
      this._fault("read", path);
      const ino = this.#lookup(path, "read");
      return ino.data.slice(0, ino.size);
    });
  }

  rename(from: string, to: string): Promise<void> {
    return attempt(() => {
      this._fault("rename", from);
      const f = normalize(from);
      const t = normalize(to);
      const ino = this.#lookup(f, "rename");
      const target = this.#dir(dirName(t), "rename");
      this.#dir(dirName(f), "rename").entries.delete(baseName(f));
      target.entries.set(baseName(t), ino);
      return;
    });
  }

  remove(path: string): Promise<void> {
    return attempt(() => {
      this._fault("remove", path);
      const p = normalize(path);
      this.#lookup(p, "remove");
      this.#dir(dirName(p), "remove").entries.delete(baseName(p));
      return;
    });
  }

  readDir(path: string): Promise<string[]> {
    return attempt(() => {
      const p = normalize(path);
      const names = [...this.#dir(p, "readDir").entries.keys()];
      const prefix = p === "/" ? "/" : `${p}/`;
      for (const d of this.#dirs.keys()) {
        if (
          d !== p && d.startsWith(prefix) &&
          !d.slice(prefix.length).includes("/")
        ) {
          names.push(d.slice(prefix.length));
        }
      }
      return names.sort();
    });
  }

  mkdir(path: string): Promise<void> {
    return attempt(() => {
      this._fault("mkdir", path);
      const p = normalize(path);
      const parts = p.split("/").filter((x) => x !== "");
      let cur = "";
      for (const part of parts) {
        cur += `/${part}`;
        if (!this.#dirs.has(cur)) {
          this.#dirs.set(cur, { entries: new Map(), durable: new Map() });
        }
      }
      return;
    });
  }

  syncDir(path: string): Promise<void> {
    return attempt(() => {
      this._fault("syncDir", path);
      const d = this.#dir(path, "syncDir");
      d.durable = new Map(d.entries);
      return;
    });
  }

  /**
   * Simulates power loss: every open handle dies, and each file keeps a
   * random mix of its synced and unsynced sectors (see the class docs).
   * Injected faults are cleared.
   */
  crash(): void {
    this.generation++;
    this.#faults = [];
    const inodes = new Set<Inode>();
    for (const d of this.#dirs.values()) {
      if (this.#rnd() < 0.5) d.entries = new Map(d.durable);
      else d.durable = new Map(d.entries);
      for (const ino of d.entries.values()) inodes.add(ino);
    }
    for (const ino of inodes) this.#crashInode(ino);
  }

  #crashInode(ino: Inode): void {
    if (ino.dirty.size === 0 && ino.durableSize === ino.size) return;
    const size = this.#rnd() < 0.5 ? ino.durableSize : ino.size;
    const out = new Uint8Array(size);
    out.set(ino.durable.subarray(0, Math.min(size, ino.durableSize)));
    const s = this.#sector;
    for (const sec of ino.dirty) {
      const from = sec * s;
      if (from >= size || this.#rnd() < 0.5) continue;
      const to = Math.min(size, from + s);
      out.fill(0, from, to);
      out.set(ino.data.subarray(from, Math.min(to, ino.size)), from);
    }
    ino.data = out;
    ino.size = size;
    ino.durable = out.slice();
    ino.durableSize = size;
    ino.dirty.clear();
  }

  /**
   * Flips one bit of a file, in both its current and its durable content,
   * as a disk that rots would.
   *
   * @param path The file.
   * @param bitOffset Which bit: byte `bitOffset >> 3`, bit `bitOffset & 7`.
   */
  flipBit(path: string, bitOffset: number): void {
    const ino = this.#lookup(path, "flipBit");
    const byte = Math.floor(bitOffset / 8);
    if (byte >= ino.size) {
      throw new RangeError(`Cannot flip bit ${bitOffset} of ${ino.size} bytes`);
    }
    const mask = 1 << (bitOffset % 8);
    ino.data[byte] ^= mask;
    if (byte < ino.durableSize) ino.durable[byte] ^= mask;
  }

  /** The current size of a file (test helper). */
  fileSize(path: string): number {
    return this.#lookup(path, "stat").size;
  }
}
