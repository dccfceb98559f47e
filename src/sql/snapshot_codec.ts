/**
 * The snapshot encoding: a stream of frames, each
 * `type u8 | length u32le | payload (msgpack) | crc32 u32le` where the CRC
 * covers type, length and payload. Frames: 1 meta, 2 table header, 3 rows
 * (up to `rowsPerChunk`), 4 views, 5 sessions, 6 end (frame count). Each
 * frame is one chunk, so the stream can be sent as it is produced.
 *
 * @module
 */
import { decode, encode } from "@msgpack/msgpack";
import { crc32 } from "node:zlib";
import { SnapshotCorruptError } from "./errors.ts";
import { commandId, splitCommandId } from "./commands.ts";
import type { BatchOutcome } from "./outcome.ts";
import { BTree } from "./storage/_btree.ts";
import type { SnapshotData, SnapshotMeta, TableData } from "./snapshot.ts";
import { isTsVector, type Row, type Value } from "./value.ts";

const MAGIC = 0x52454546; // "REEF"
const enum Frame {
  Meta = 1,
  Table = 2,
  Rows = 3,
  Views = 4,
  Sessions = 5,
  End = 6,
}

const ENC = {
  useBigInt64: true,
  forceIntegerToFloat: true,
  ignoreUndefined: true,
} as const;
const DEC = { useBigInt64: true } as const;

function frame(type: number, payload: unknown): Uint8Array {
  const body = encode(payload, ENC);
  const out = new Uint8Array(9 + body.length);
  const dv = new DataView(out.buffer);
  out[0] = type;
  dv.setUint32(1, body.length, true);
  out.set(body, 5);
  dv.setUint32(
    5 + body.length,
    crc32(out.subarray(0, 5 + body.length)) >>> 0,
    true,
  );
  return out;
}

function encodeValue(v: Value): unknown {
  if (v !== null && typeof v === "object") {
    if (isTsVector(v)) return [[...v.lexemes.entries()], v.length];
    return null;
  }
  return v;
}

function decodeValue(v: unknown): Value {
  if (Array.isArray(v)) {
    const [entries, length] = v as [[string, number[]][], number];
    return { lexemes: new Map(entries), length };
  }
  return v as Value;
}

/**
 * Encodes a snapshot as chunks (one frame each).
 *
 * @example
 * ```ts
 * // for (const chunk of encodeSnapshot(meta, data)) await conn.write(chunk);
 * ```
 */
export function* encodeSnapshot(
  meta: SnapshotMeta,
  data: SnapshotData,
  options: { rowsPerChunk?: number } = {},
): Generator<Uint8Array> {
  const per = options.rowsPerChunk ?? 4096;
  let frames = 0;
  const last = meta.lastAppliedCommand === null
    ? null
    : splitCommandId(meta.lastAppliedCommand);
  yield frame(Frame.Meta, [
    MAGIC,
    meta.format,
    last && [last.session, last.seq],
    meta.appliedBatches,
    meta.tableCount,
    meta.rowCount,
  ]);
  frames++;
  for (const t of data.tables) {
    yield frame(Frame.Table, [t.schema, t.nextRowId, t.indexes, t.rows.size]);
    frames++;
    let batch: unknown[] = [];
    for (const [id, row] of t.rows.entries()) {
      const enc: unknown[] = new Array(row.length + 1);
      enc[0] = id;
      for (let i = 0; i < row.length; i++) enc[i + 1] = encodeValue(row[i]);
      batch.push(enc);
      if (batch.length >= per) {
        yield frame(Frame.Rows, batch);
        frames++;
        batch = [];
      }
    }
    if (batch.length) {
      yield frame(Frame.Rows, batch);
      frames++;
    }
  }
  yield frame(Frame.Views, data.views);
  frames++;
  // Outcome ids are u128: they are rebuilt from the session and sequence.
  yield frame(
    Frame.Sessions,
    data.sessions.map((
      s,
    ) => [
      s.session,
      s.maxSeq,
      s.outcomes.map(([seq, o]) => [seq, { ...o, id: undefined }]),
    ]),
  );
  frames++;
  yield frame(Frame.End, [frames]);
}

async function* frames(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncGenerator<[number, unknown, number]> {
  let buf = new Uint8Array(0);
  let offset = 0;
  for await (const chunk of chunks as AsyncIterable<Uint8Array>) {
    const merged = new Uint8Array(buf.length + chunk.length);
    merged.set(buf);
    merged.set(chunk, buf.length);
    buf = merged;
    let p = 0;
    while (buf.length - p >= 5) {
      const dv = new DataView(buf.buffer, buf.byteOffset + p);
      const len = dv.getUint32(1, true);
      if (buf.length - p < 9 + len) break;
      const type = buf[p];
      const crc = new DataView(buf.buffer, buf.byteOffset + p + 5 + len)
        .getUint32(0, true);
      if ((crc32(buf.subarray(p, p + 5 + len)) >>> 0) !== crc) {
        throw new SnapshotCorruptError("checksum mismatch", {
          offset: offset + p,
        });
      }
      let payload: unknown;
      try {
        payload = decode(buf.subarray(p + 5, p + 5 + len), DEC);
      } catch (cause) {
        throw new SnapshotCorruptError("undecodable frame", {
          offset: offset + p,
          cause,
        });
      }
      yield [type, payload, offset + p];
      p += 9 + len;
    }
    offset += p;
    buf = buf.slice(p);
  }
  if (buf.length) throw new SnapshotCorruptError("truncated frame", { offset });
}

/**
 * Decodes {@linkcode encodeSnapshot} output, checking every checksum and
 * the frame count.
 *
 * @example
 * ```ts
 * // const { meta, data } = await decodeSnapshot(chunks);
 * ```
 */
export async function decodeSnapshot(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
): Promise<{ meta: SnapshotMeta; data: SnapshotData }> {
  let meta: SnapshotMeta | null = null;
  const data: SnapshotData = { tables: [], views: [], sessions: [] };
  let current: TableData | null = null;
  let count = 0;
  let ended = false;
  for await (const [type, payload, at] of frames(chunks)) {
    if (ended) {
      throw new SnapshotCorruptError("data after the end frame", {
        offset: at,
      });
    }
    count++;
    const p = payload as unknown[];
    switch (type) {
      case Frame.Meta: {
        if (p[0] !== MAGIC) {
          throw new SnapshotCorruptError("not a ReefDB snapshot", {
            offset: at,
          });
        }
        meta = {
          format: Number(p[1]),
          lastAppliedCommand: p[2] === null ? null : commandId(
            BigInt((p[2] as bigint[])[0]),
            BigInt((p[2] as bigint[])[1]),
          ),
          appliedBatches: BigInt(p[3] as bigint),
          tableCount: Number(p[4]),
          rowCount: Number(p[5]),
        };
        if (meta.format !== 1) {
          throw new SnapshotCorruptError(`unknown format ${meta.format}`, {
            offset: at,
          });
        }
        break;
      }
      case Frame.Table:
        current = {
          schema: p[0] as TableData["schema"],
          nextRowId: BigInt(p[1] as bigint),
          indexes: p[2] as TableData["indexes"],
          rows: new BTree<bigint, Row>(
            undefined,
            (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
          ),
        };
        data.tables.push(current);
        break;
      case Frame.Rows: {
        if (!current) {
          throw new SnapshotCorruptError("rows before a table", { offset: at });
        }
        for (const enc of p as unknown[][]) {
          const row: Row = new Array(enc.length - 1);
          for (let i = 1; i < enc.length; i++) row[i - 1] = decodeValue(enc[i]);
          current.rows.set(enc[0] as bigint, row);
        }
        break;
      }
      case Frame.Views:
        data.views = p as SnapshotData["views"];
        break;
      case Frame.Sessions:
        data.sessions = (p as [bigint, bigint, [bigint, BatchOutcome][]][]).map(
          ([session, maxSeq, outcomes]) => ({
            session,
            maxSeq,
            outcomes: outcomes.map(([seq, o]) =>
              [seq, { ...o, id: commandId(session, seq) }] as [
                bigint,
                BatchOutcome,
              ]
            ),
          }),
        );
        break;
      case Frame.End:
        if (Number(p[0]) !== count - 1) {
          throw new SnapshotCorruptError("frame count mismatch", {
            offset: at,
          });
        }
        ended = true;
        break;
      default:
        throw new SnapshotCorruptError(`unknown frame type ${type}`, {
          offset: at,
        });
    }
  }
  if (!meta || !ended) throw new SnapshotCorruptError("incomplete snapshot");
  return { meta, data };
}
