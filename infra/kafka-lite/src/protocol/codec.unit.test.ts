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
});
