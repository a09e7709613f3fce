import fc from 'fast-check';
import { Sha256CounterStream } from './prng';

describe('Sha256CounterStream (sha256-ctr-v1)', () => {
  it('follows the documented construction: words of SHA-256(`${seed}:${i}`), big-endian, in order', () => {
    // Known answers from `printf '%s' '0123456789abcdef:0' | sha256sum` (coreutils), block 0 then block 1.
    const s = new Sha256CounterStream('0123456789abcdef');
    const words = Array.from({ length: 9 }, () => s.nextUint32().toString(16).padStart(8, '0'));
    expect(words.slice(0, 8).join('')).toBe(
      '260e3d622e7e7aa424a01b5893584955a88b30d4377364ff2ff366097cd0f9ce',
    );
    expect(words[8]).toBe('34e8f7f6');
  });

  it('refuses a seed that is not hex', () => {
    expect(() => new Sha256CounterStream('not a seed')).toThrow(/hex/);
  });

  it('below(n) stays in [0, n) and pick returns distinct items of the input', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9a-f]{16,32}$/),
        fc.integer({ min: 1, max: 1000 }),
        fc.uniqueArray(fc.integer(), { maxLength: 30 }),
        fc.nat({ max: 40 }),
        (seed, n, items, k) => {
          const s = new Sha256CounterStream(seed);
          const v = s.below(n);
          expect(v >= 0 && v < n && Number.isInteger(v)).toBe(true);
          const picked = s.pick(items, k);
          expect(picked).toHaveLength(Math.min(k, items.length));
          expect(new Set(picked).size).toBe(picked.length);
          for (const p of picked) expect(items).toContain(p);
        },
      ),
    );
  });
});
