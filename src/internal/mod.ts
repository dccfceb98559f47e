/**
 * Small shared utilities: a little-endian byte writer and reader, and a
 * fast CRC-32. Imports nothing else of ReefDB.
 *
 * @example
 * ```ts
 * import { ByteReader, ByteWriter, crc32 } from "./mod.ts";
 * const bytes = new ByteWriter().u64(42n).bytes();
 * new ByteReader(bytes).u64(); // 42n
 * crc32(bytes);
 * ```
 *
 * @module
 */
export { ByteWriter, type ByteWriterOptions } from "./byte_writer.ts";
export { ByteReader } from "./byte_reader.ts";
export { crc32 } from "./crc32.ts";
