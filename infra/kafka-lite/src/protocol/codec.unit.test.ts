import fc from 'fast-check';
import { ProtocolError, Reader, Writer } from './codec';

describe('codec', () => {
  it('round-trips every field type, with large payloads kept as separate chunks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -128, max: 127 }),
        fc.integer({ min: -32768, max: 32767 }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.maxSafeInteger(),
        fc.option(fc.string()),
        fc.option(fc.uint8Array({ maxLength: 2000 })),
        fc.array(fc.string(), { maxLength: 5 }),
        (i8, i16, i32, i64, s, bytes, list) => {
          const w = new Writer()
            .int8(i8)
            .int16(i16)
            .int32(i32)
            .int64(i64)
            .string(s)
            .bytes(bytes ? Buffer.from(bytes) : null)
            .array(list, (w, x) => w.string(x))
            .bool(true);
          const buf = w.toBuffer();
          expect(buf.length).toBe(w.length);
          const r = new Reader(buf);
          expect([r.int8(), r.int16(), r.int32(), r.int64(), r.nullableString()]).toEqual([
            i8,
            i16,
            i32,
            i64,
            s,
          ]);
          expect(r.nullableBytes()).toEqual(bytes ? Buffer.from(bytes) : null);
          expect(r.array((r) => r.string())).toEqual(list);
          expect(r.bool()).toBe(true);
          expect(r.pos).toBe(buf.length);
        },
      ),
    );
  });

  it('refuses to read past the frame or to believe absurd array lengths', () => {
    expect(() => new Reader(Buffer.from([0, 5, 65])).string()).toThrow(ProtocolError);
    expect(() => new Reader(Buffer.from([0x7f, 0xff, 0xff, 0xff])).array((r) => r.int8())).toThrow(
      ProtocolError,
    );
    expect(() => new Reader(Buffer.alloc(3)).int32()).toThrow(ProtocolError);
  });

  it('round-trips the compact (flexible) encodings and skips unknown tagged fields', () => {
    fc.assert(
      fc.property(
        fc.option(fc.string()),
        fc.option(fc.uint8Array({ maxLength: 700 })),
        fc.option(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 200 })),
        (s, bytes, list) => {
          const w = new Writer(true)
            .string(s)
            .bytes(bytes ? Buffer.from(bytes) : null)
            .array(list, (w, x) => w.int32(x))
            .tags();
          const r = new Reader(w.toBuffer(), true);
          expect(r.nullableString()).toEqual(s);
          expect(r.nullableBytes()).toEqual(bytes ? Buffer.from(bytes) : null);
          expect(r.nullableArray((r) => r.int32())).toEqual(list);
          r.tags();
          expect(r.pos).toBe(r.buf.length);
        },
      ),
    );
    // KIP-482: length + 1 as an unsigned varint (0 = null); 300 + 1 = 0xad 0x02.
    expect(new Writer(true).string(null).toBuffer()).toEqual(Buffer.from([0]));
    expect(new Writer(true).bytes(Buffer.alloc(300)).toBuffer().subarray(0, 2)).toEqual(
      Buffer.from([0xad, 0x02]),
    );
    // Two tagged fields (tag 0: 2 bytes, tag 5: 1 byte), then an int8 that must still be read correctly.
    const tagged = new Reader(Buffer.from([2, 0, 2, 9, 9, 5, 1, 7, 42]), true);
    expect(tagged.tags().int8()).toBe(42);
    expect(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01])).uvarint()).toThrow(
      ProtocolError,
    );
  });
});
