/**
 * Small shared utilities: a little-endian byte writer and reader, a fast
 * CRC-32, a seeded random generator, and the file-system interface with its
 * real ({@linkcode DenoFileSystem}) and simulated ({@linkcode SimFileSystem})
 * implementations. Imports nothing else of ReefDB.
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
export { seededRandom } from "./random.ts";
export { FsError, type FsErrorOptions } from "./errors.ts";
export {
  dirName,
  type FileSystem,
  type FsFile,
  isNotFound,
  joinPath,
  type OpenOptions,
} from "./file_system.ts";
export { DenoFileSystem } from "./deno_file_system.ts";
export {
  type SimFault,
  SimFileSystem,
  type SimFileSystemOptions,
  type SimOp,
} from "./sim_file_system.ts";
