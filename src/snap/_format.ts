// Snapshot file layout; see the module docs of snap_store.ts.
import { ByteReader, ByteWriter } from "../internal/mod.ts";

/** "REEFSNAP" read as a little-endian u64. */
export const SNAP_MAGIC = 0x5041_4e53_4645_4552n;
export const SNAP_VERSION = 1;
export const HEADER_FIXED = 32;
export const TRAILER_SIZE = 4 + 8 + 4;
/** Largest chunk a file may declare (a sanity bound for a damaged length). */
export const MAX_CHUNK = 0x7fff_0000;

export interface SnapHeader {
  term: number;
  index: number;
  meta: Uint8Array;
}

export function encodeHeader(h: SnapHeader): Uint8Array {
  return new ByteWriter({ initialCapacity: HEADER_FIXED + h.meta.length })
    .u64(SNAP_MAGIC).u32(SNAP_VERSION).u32(h.meta.length)
    .u64(h.term).u64(h.index).raw(h.meta).bytes();
}

/** Parses the fixed part; returns the meta length still to read. */
export function decodeFixedHeader(
  buf: Uint8Array,
): { term: number; index: number; metaLen: number } | string {
  const r = new ByteReader(buf);
  if (r.u64() !== SNAP_MAGIC) return "bad magic";
  const version = r.u32();
  if (version !== SNAP_VERSION) return `unsupported version ${version}`;
  const metaLen = r.u32();
  const term = r.u64();
  const index = r.u64();
  if (term > BigInt(Number.MAX_SAFE_INTEGER)) return "term out of range";
  if (index > BigInt(Number.MAX_SAFE_INTEGER)) return "index out of range";
  return { term: Number(term), index: Number(index), metaLen };
}

const SNAP_RE = /^([0-9a-f]{16})-([0-9a-f]{16})\.snap$/;

export function snapName(term: number, index: number): string {
  const hex = (n: number) => n.toString(16).padStart(16, "0");
  return `${hex(term)}-${hex(index)}.snap`;
}

export function parseSnapName(
  name: string,
): { term: number; index: number } | undefined {
  const m = SNAP_RE.exec(name);
  if (!m) return undefined;
  return {
    term: Number.parseInt(m[1], 16),
    index: Number.parseInt(m[2], 16),
  };
}
