import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import fc from "fast-check";
import { ByteReader, ByteWriter, crc32 } from "../../src/internal/mod.ts";

Deno.test("ByteWriter and ByteReader round-trip every field type", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 255 }),
      fc.integer({ min: 0, max: 0xffff }),
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      fc.nat({ max: Number.MAX_SAFE_INTEGER }),
      fc.uint8Array({ maxLength: 300 }),
      fc.string(),
      (a, b, c, d, e, f, g) => {
        const w = new ByteWriter({ initialCapacity: 1 });
        w.u8(a).u16(b).u32(c).u64(d).uvarint(e).bytesField(f).string(g)
          .u64(e);
        const r = new ByteReader(w.bytes());
        strictEqual(r.u8(), a);
        strictEqual(r.u16(), b);
        strictEqual(r.u32(), c);
        strictEqual(r.u64(), d);
        strictEqual(r.uvarint(), e);
        deepStrictEqual(r.bytesField(), f);
        strictEqual(r.string(), g);
        strictEqual(r.u64Number(), e);
        strictEqual(r.remaining, 0);
      },
    ),
  );
});

Deno.test("ByteWriter.u64() writes little-endian", () => {
  const bytes = new ByteWriter().u64(0x0102030405060708n).bytes();
  deepStrictEqual([...bytes], [8, 7, 6, 5, 4, 3, 2, 1]);
});

Deno.test("ByteWriter.u64() rejects negatives and unsafe numbers", () => {
  const w = new ByteWriter();
  throws(() => w.u64(-1), RangeError);
  throws(() => w.u64(2 ** 60), RangeError);
  throws(() => w.u64(2n ** 64n), RangeError);
});

Deno.test("ByteReader throws RangeError on truncation", () => {
  const full = new ByteWriter().u32(1).u64(2n).string("reef").bytes();
  for (let cut = 0; cut < full.length; cut++) {
    const r = new ByteReader(full.subarray(0, cut));
    throws(() => {
      r.u32();
      r.u64();
      r.string();
    }, RangeError);
  }
});

Deno.test("ByteReader.u64Number() rejects values above MAX_SAFE_INTEGER", () => {
  const r = new ByteReader(new ByteWriter().u64(2n ** 60n).bytes());
  throws(() => r.u64Number(), RangeError);
});

Deno.test("ByteWriter.setU32() patches an earlier field", () => {
  const w = new ByteWriter().u32(0).u8(9);
  w.setU32(0, 5);
  deepStrictEqual([...w.bytes()], [5, 0, 0, 0, 9]);
  throws(() => w.setU32(2, 1), RangeError);
});

Deno.test("crc32() matches the IEEE check value and chains", () => {
  const data = new TextEncoder().encode("123456789");
  strictEqual(crc32(data), 0xcbf43926);
  strictEqual(crc32(data.subarray(4), crc32(data.subarray(0, 4))), 0xcbf43926);
});

Deno.test("ByteWriter.claim() reserves bytes to fill through view and buffer", () => {
  const w = new ByteWriter({ initialCapacity: 1 }).u8(1);
  const at = w.claim(5);
  w.view.setUint32(at, 0x01020304, true);
  w.buffer[at + 4] = 9;
  deepStrictEqual([...w.bytes()], [1, 4, 3, 2, 1, 9]);
  w.truncate(2);
  deepStrictEqual([...w.bytes()], [1, 4]);
  throws(() => w.truncate(3), RangeError);
});
