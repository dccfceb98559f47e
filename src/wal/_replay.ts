// Reading segments back at open: frame validation, the torn-tail rule and
// the replay of records into hard state, snapshot marker and entries.
import { Buffer } from "node:buffer";
import { crc32 } from "../internal/mod.ts";
import {
  checkHeader,
  countZeroSectors,
  FORMAT_VERSION,
  FRAME_ALIGN,
  FRAME_HEADER_SIZE,
  frameEnd,
  isValidFrame,
  RecordType,
  SEGMENT_MAGIC,
} from "./_format.ts";
import { WalCorruptError } from "./errors.ts";
import type { WalEntry, WalHardState, WalSnapshotMarker } from "./types.ts";

export interface SegmentInfo {
  seq: number;
  firstIndex: number;
  name: string;
}

/** Replay state carried from segment to segment. */
export class ReplayState {
  hardState: WalHardState = { term: 0, vote: 0, commit: 0 };
  snapshot: WalSnapshotMarker | undefined = undefined;
  entries: WalEntry[] = [];
  /** Index of the last entry (or of the snapshot, or released prefix). */
  lastIndex = 0;
  snapIndex = 0;
  started = false;
}

/** Where the valid data of a segment ends, and whether a torn tail follows. */
export interface SegmentScan {
  /** Offset after the last valid frame. */
  end: number;
  /** Offset after the first frame (the one with the segment header). */
  firstEnd: number;
  /** A torn tail follows `end` and must be repaired. */
  torn: boolean;
}

function u64(view: DataView, at: number): number {
  const lo = view.getUint32(at, true);
  const hi = view.getUint32(at + 4, true);
  if (hi > 0x1fffff) throw new RangeError("u64 above MAX_SAFE_INTEGER");
  return hi * 0x1_0000_0000 + lo;
}

const ZEROS = new Uint8Array(1 << 16);

function allZero(buf: Uint8Array, from: number, to: number): boolean {
  // memcmp against zeros: the preallocated tail of a segment can be tens of
  // MiB and is checked at every open.
  for (let i = from; i < to; i += ZEROS.length) {
    const n = Math.min(ZEROS.length, to - i);
    if (Buffer.compare(buf.subarray(i, i + n), ZEROS.subarray(0, n)) !== 0) {
      return false;
    }
  }
  return true;
}

function validFrameAfter(
  buf: Uint8Array,
  view: DataView,
  from: number,
): boolean {
  for (
    let off = from;
    off + FRAME_HEADER_SIZE <= buf.length;
    off += FRAME_ALIGN
  ) {
    if (
      view.getUint32(off, true) === 0 && view.getUint32(off + 12, true) === 0
    ) continue;
    if (isValidFrame(buf, view, off)) return true;
  }
  return false;
}

/**
 * Whether the frame at `off` shows the marks of an interrupted write rather
 * than of rot: it runs past the end of the file, or more of its sectors read
 * as zeros than when it was written (unwritten space in a zero-filled or
 * grown file reads as zeros).
 */
function looksTorn(
  buf: Uint8Array,
  off: number,
  bodyLen: number,
  zeroSectors: number,
): boolean {
  if (off + FRAME_HEADER_SIZE + bodyLen > buf.length) return true;
  return countZeroSectors(buf, off, bodyLen, off) > zeroSectors;
}

/**
 * Scans the frames of one segment and replays their records into `state`.
 * Throws {@linkcode WalCorruptError} for damage that cannot be a torn tail.
 */
export function replaySegment(
  seg: SegmentInfo,
  buf: Uint8Array,
  state: ReplayState,
  isLast: boolean,
): SegmentScan {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const corrupt = (offset: number, reason: string): never => {
    throw new WalCorruptError({ segment: seg.name, offset, reason });
  };
  let off = 0;
  let firstEnd = 0;
  for (;;) {
    const h = checkHeader(buf, view, off);
    let bad: string | undefined;
    let torn = false;
    if (h.kind === "zero") {
      if (off === 0) {
        bad = "missing segment header";
      } else if (allZero(buf, off, buf.length)) {
        return { end: off, firstEnd, torn: false };
      } else {
        bad = "data after the end of the log";
        torn = true;
      }
    } else if (h.kind === "bad") {
      bad = h.reason;
      torn = h.reason === "truncated frame header";
    } else {
      const bodyEnd = off + FRAME_HEADER_SIZE + h.bodyLen;
      if (bodyEnd > buf.length) {
        bad = "frame runs past the end of the file";
        torn = true;
      } else if (
        crc32(buf.subarray(off + FRAME_HEADER_SIZE, bodyEnd)) !== h.bodyCrc
      ) {
        bad = "CRC mismatch";
        torn = looksTorn(buf, off, h.bodyLen, h.zeroSectors);
      }
    }
    if (bad !== undefined) {
      // Saves are serialized, so at a crash only the last frame written can
      // be incomplete: a bad frame is a torn tail only in the last segment,
      // only with the marks of a torn write, and only with no valid frame
      // after it. Anything else is damage to acknowledged data.
      if (
        !isLast || !torn || off === 0 ||
        validFrameAfter(buf, view, off + FRAME_ALIGN)
      ) {
        corrupt(off, bad);
      }
      return { end: off, firstEnd, torn: true };
    }
    if (h.kind !== "ok") throw new Error("unreachable");
    replayFrame(
      seg,
      buf,
      view,
      off,
      off + FRAME_HEADER_SIZE + h.bodyLen,
      state,
    );
    off = frameEnd(off, h.bodyLen);
    if (firstEnd === 0) firstEnd = off;
  }
}

function replayFrame(
  seg: SegmentInfo,
  buf: Uint8Array,
  view: DataView,
  frameOff: number,
  end: number,
  st: ReplayState,
): void {
  const corrupt = (reason: string): never => {
    throw new WalCorruptError({ segment: seg.name, offset: frameOff, reason });
  };
  let p = frameOff + FRAME_HEADER_SIZE;
  let first = true;
  const abuf = buf.buffer;
  const base = buf.byteOffset;
  try {
    while (p < end) {
      const type = buf[p];
      const headerSlot = first && frameOff === 0;
      if (headerSlot !== (type === RecordType.SegmentHeader)) {
        corrupt(
          headerSlot ? "missing segment header" : "misplaced segment header",
        );
      }
      if (type === RecordType.Entry) {
        if (p + 22 > end) corrupt("entry record overruns its frame");
        const term = u64(view, p + 1);
        const index = u64(view, p + 9);
        const etype = buf[p + 17];
        const len = view.getUint32(p + 18, true);
        const dataStart = p + 22;
        if (dataStart + len > end) corrupt("entry data overruns its frame");
        if (index <= st.snapIndex || index > st.lastIndex + 1) {
          corrupt(
            `entry index ${index} out of sequence (last ${st.lastIndex}, snapshot ${st.snapIndex})`,
          );
        }
        const ents = st.entries;
        if (index <= st.lastIndex && ents.length > 0) {
          // A later entry with the same index wins: logical truncation.
          ents.length = Math.max(0, index - ents[0].index);
        }
        // A view, not a copy; `new Uint8Array(buffer, ...)` skips the
        // species lookup that makes subarray() slow on this hot path.
        ents.push({
          term,
          index,
          type: etype,
          data: new Uint8Array(abuf, base + dataStart, len),
        });
        st.lastIndex = index;
        p = dataStart + len;
      } else if (type === RecordType.HardState) {
        if (p + 25 > end) corrupt("hard state record overruns its frame");
        st.hardState = {
          term: u64(view, p + 1),
          vote: u64(view, p + 9),
          commit: u64(view, p + 17),
        };
        p += 25;
      } else if (type === RecordType.Snapshot) {
        if (p + 17 > end) corrupt("snapshot record overruns its frame");
        const index = u64(view, p + 1);
        const term = u64(view, p + 9);
        if (index < st.snapIndex) {
          corrupt(`snapshot index ${index} below ${st.snapIndex}`);
        }
        const ents = st.entries;
        if (ents.length > 0) {
          const drop = index - ents[0].index + 1;
          if (drop >= ents.length) st.entries = [];
          else if (drop > 0) st.entries = ents.slice(drop);
        }
        st.snapshot = { index, term };
        st.snapIndex = index;
        if (index > st.lastIndex) st.lastIndex = index;
        p += 17;
      } else if (type === RecordType.SegmentHeader) {
        if (p + 29 > end) corrupt("segment header overruns its frame");
        if (view.getBigUint64(p + 1, true) !== SEGMENT_MAGIC) {
          corrupt("bad segment magic");
        }
        const version = view.getUint32(p + 9, true);
        if (version !== FORMAT_VERSION) {
          corrupt(`unsupported format version ${version}`);
        }
        const seq = u64(view, p + 13);
        const firstIndex = u64(view, p + 21);
        if (seq !== seg.seq || firstIndex !== seg.firstIndex) {
          corrupt("segment header does not match the file name");
        }
        if (!st.started) {
          // The first segment present: entries before it were released.
          st.started = true;
          st.lastIndex = Math.max(st.lastIndex, firstIndex - 1);
        }
        p += 29;
      } else {
        corrupt(`unknown record type ${type}`);
      }
      first = false;
    }
  } catch (err) {
    if (err instanceof WalCorruptError) throw err;
    throw new WalCorruptError({
      segment: seg.name,
      offset: frameOff,
      reason: "malformed record",
      cause: err,
    });
  }
  if (first && frameOff === 0) corrupt("missing segment header");
}
