// The on-disk format of WAL segments; proto/WAL.md is the normative text.
import { type ByteWriter, crc32 } from "../internal/mod.ts";
import type { WalHardStateInput, WalSnapshotMarkerInput } from "./types.ts";

/** Frames start at multiples of this, so a 16-byte header never straddles a 512-byte sector. */
export const FRAME_ALIGN = 16;
/** u32 body length, u32 body CRC, u32 zero-sector count, u32 header CRC. */
export const FRAME_HEADER_SIZE = 16;
/** Largest body a frame may declare (a sanity bound for a damaged length). */
export const MAX_FRAME_BODY = 0x7fff_0000;
/** The unit a write can be torn at. */
export const SECTOR = 512;

export const RecordType = {
  SegmentHeader: 1,
  Entry: 2,
  HardState: 3,
  Snapshot: 4,
} as const;

/** "REEFWAL\0" read as a little-endian u64. */
export const SEGMENT_MAGIC = 0x004c_4157_4645_4552n;
export const FORMAT_VERSION = 1;

/** Size of an entry record before its data. */
export const ENTRY_FIXED = 1 + 8 + 8 + 1 + 4;
export const HARD_STATE_SIZE = 1 + 24;
export const SNAPSHOT_SIZE = 1 + 16;
export const SEGMENT_HEADER_SIZE = 1 + 8 + 4 + 8 + 8;

export function toSafe(v: bigint | number, what: string): number {
  const n = typeof v === "bigint" ? Number(v) : v;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`Invalid ${what}: ${v}`);
  }
  return n;
}

export function beginFrame(w: ByteWriter): void {
  w.zeros(FRAME_HEADER_SIZE);
}

/** Pads the frame that starts at `start` and fills in its header. */
export function finishFrame(w: ByteWriter, start: number): void {
  const bodyLen = w.length - start - FRAME_HEADER_SIZE;
  const pad = (FRAME_ALIGN - (w.length % FRAME_ALIGN)) % FRAME_ALIGN;
  w.zeros(pad);
  const bytes = w.bytes();
  const body = bytes.subarray(
    start + FRAME_HEADER_SIZE,
    start + FRAME_HEADER_SIZE + bodyLen,
  );
  w.setU32(start, bodyLen);
  w.setU32(start + 4, crc32(body));
  w.setU32(start + 8, 0);
  w.setU32(start + 12, crc32(w.bytes().subarray(start, start + 12)));
}

/** Appends an entry record; `term` and `index` are already checked. */
export function putEntry(
  w: ByteWriter,
  term: number,
  index: number,
  type: number,
  data: Uint8Array,
): void {
  const at = w.claim(ENTRY_FIXED + data.length);
  const b = w.buffer;
  const v = w.view;
  b[at] = RecordType.Entry;
  // Safe non-negative integers: `>>> 0` takes the low 32 bits, and the high
  // part is below 2^21 (cheaper than % and Math.floor on this hot path).
  v.setUint32(at + 1, term >>> 0, true);
  v.setUint32(at + 5, (term / 0x1_0000_0000) >>> 0, true);
  v.setUint32(at + 9, index >>> 0, true);
  v.setUint32(at + 13, (index / 0x1_0000_0000) >>> 0, true);
  b[at + 17] = type;
  v.setUint32(at + 18, data.length, true);
  b.set(data, at + ENTRY_FIXED);
}

export function putHardState(w: ByteWriter, hs: WalHardStateInput): void {
  w.u8(RecordType.HardState)
    .u64(toSafe(hs.term, "hard state term"))
    .u64(toSafe(hs.vote, "hard state vote"))
    .u64(toSafe(hs.commit, "hard state commit"));
}

export function putSnapshot(w: ByteWriter, m: WalSnapshotMarkerInput): void {
  w.u8(RecordType.Snapshot)
    .u64(toSafe(m.index, "snapshot index"))
    .u64(toSafe(m.term, "snapshot term"));
}

export function putSegmentHeader(
  w: ByteWriter,
  seq: number,
  firstIndex: number,
): void {
  w.u8(RecordType.SegmentHeader)
    .u64(SEGMENT_MAGIC)
    .u32(FORMAT_VERSION)
    .u64(seq)
    .u64(firstIndex);
}

/** Outcome of looking at the 16 bytes at a frame position. */
export type HeaderCheck =
  | { kind: "zero" }
  | { kind: "bad"; reason: string }
  | { kind: "ok"; bodyLen: number; bodyCrc: number; zeroSectors: number };

export function checkHeader(
  buf: Uint8Array,
  view: DataView,
  off: number,
): HeaderCheck {
  if (off + FRAME_HEADER_SIZE > buf.length) {
    for (let i = off; i < buf.length; i++) {
      if (buf[i] !== 0) {
        return { kind: "bad", reason: "truncated frame header" };
      }
    }
    return { kind: "zero" };
  }
  const bodyLen = view.getUint32(off, true);
  const bodyCrc = view.getUint32(off + 4, true);
  const zeroSectors = view.getUint32(off + 8, true);
  const headerCrc = view.getUint32(off + 12, true);
  if (bodyLen === 0 && bodyCrc === 0 && zeroSectors === 0 && headerCrc === 0) {
    return { kind: "zero" };
  }
  if (crc32(buf.subarray(off, off + 12)) !== headerCrc) {
    return { kind: "bad", reason: "frame header CRC mismatch" };
  }
  if (
    bodyLen === 0 || bodyLen > MAX_FRAME_BODY ||
    zeroSectors > Math.ceil(bodyLen / SECTOR) + 1
  ) {
    return { kind: "bad", reason: "invalid frame header" };
  }
  return { kind: "ok", bodyLen, bodyCrc, zeroSectors };
}

function zeroRange(buf: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (buf[i] !== 0) return false;
  return true;
}

/**
 * Counts the pieces of a frame's body, cut at the file's 512-byte sector
 * boundaries, that are all zeros. `buf[start]` is the frame header and sits
 * at file offset `fileOffset`. A torn write leaves unwritten sectors as
 * zeros, so it can only raise this count; a flipped bit cannot (unless it
 * clears the only set bit of a sector).
 */
export function countZeroSectors(
  buf: Uint8Array,
  start: number,
  bodyLen: number,
  fileOffset: number,
): number {
  const bodyStart = start + FRAME_HEADER_SIZE;
  const end = bodyStart + bodyLen;
  const shift = fileOffset - start;
  let count = 0;
  let s = Math.floor(fileOffset / SECTOR) * SECTOR - shift;
  for (; s < end; s += SECTOR) {
    const from = Math.max(s, bodyStart);
    const to = Math.min(s + SECTOR, end);
    // Most sectors hold data: reject on the first non-zero byte.
    if (from < to && buf[from] === 0 && zeroRange(buf, from, to)) count++;
  }
  return count;
}

/** Fills in the zero-sector count of a finished frame written at `fileOffset`, and its header CRC. */
export function stampFrame(
  frame: Uint8Array,
  view: DataView,
  start: number,
  fileOffset: number,
): void {
  const bodyLen = view.getUint32(start, true);
  view.setUint32(
    start + 8,
    countZeroSectors(frame, start, bodyLen, fileOffset),
    true,
  );
  view.setUint32(
    start + 12,
    crc32(frame.subarray(start, start + 12)),
    true,
  );
}

export function frameEnd(off: number, bodyLen: number): number {
  const end = off + FRAME_HEADER_SIZE + bodyLen;
  return end + ((FRAME_ALIGN - (end % FRAME_ALIGN)) % FRAME_ALIGN);
}

/** Whether a valid frame starts at `off`. */
export function isValidFrame(
  buf: Uint8Array,
  view: DataView,
  off: number,
): boolean {
  const h = checkHeader(buf, view, off);
  if (h.kind !== "ok") return false;
  const end = off + FRAME_HEADER_SIZE + h.bodyLen;
  if (end > buf.length) return false;
  return crc32(buf.subarray(off + FRAME_HEADER_SIZE, end)) === h.bodyCrc;
}

const SEGMENT_RE = /^([0-9a-f]{16})-([0-9a-f]{16})\.wal$/;

export function segmentName(seq: number, firstIndex: number): string {
  const hex = (n: number) => n.toString(16).padStart(16, "0");
  return `${hex(seq)}-${hex(firstIndex)}.wal`;
}

export function parseSegmentName(
  name: string,
): { seq: number; firstIndex: number } | undefined {
  const m = SEGMENT_RE.exec(name);
  if (!m) return undefined;
  const seq = Number.parseInt(m[1], 16);
  const firstIndex = Number.parseInt(m[2], 16);
  if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(firstIndex)) {
    return undefined;
  }
  return { seq, firstIndex };
}
