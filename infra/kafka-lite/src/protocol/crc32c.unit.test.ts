import fc from 'fast-check';
import { crc32c } from './crc32c';

describe('crc32c', () => {
  it('matches the published check value of CRC-32C', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(Buffer.alloc(32))).toBe(0x8a9136aa); // RFC 3720 B.4: 32 bytes of zeros
  });

  it('agrees with a bit-by-bit reference on any input and range', () => {
    const reference = (b: Uint8Array) => {
      let c = 0xffffffff;
      for (const byte of b) {
        c ^= byte;
        for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
      }
      return (c ^ 0xffffffff) >>> 0;
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(10), (bytes, cut) => {
        const start = Math.min(cut, bytes.length);
        expect(crc32c(bytes, start)).toBe(reference(bytes.subarray(start)));
      }),
    );
  });
});
