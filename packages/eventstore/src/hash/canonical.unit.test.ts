import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { canonicalize, compareCodePoints, normalize, CanonicalisationError } from './canonical';

describe('canonicalize', () => {
  it('sorts members by code point, recursively, with no whitespace', () => {
    expect(canonicalize({ b: 1, a: { d: [true, null], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[true,null]},"b":1}',
    );
  });

  it('orders keys by code point, not UTF-16 unit (astral after U+FFFD)', () => {
    const astral = '\u{1F600}';
    expect(canonicalize({ [astral]: 1, '\uFFFD': 2, Z: 3, a: 4 })).toBe(
      `{"Z":3,"a":4,"\uFFFD":2,"${astral}":1}`,
    );
    expect(compareCodePoints(astral, '\uFFFD')).toBeGreaterThan(0);
  });

  it('has one number format: integers plain, -0 as 0, fractions shortest round-trip', () => {
    expect(canonicalize([0, -0, 1, -42, 9007199254740991, 0.1, 1.5e-7, 123.456, -2.5])).toBe(
      '[0,0,1,-42,9007199254740991,0.1,1.5e-7,123.456,-2.5]',
    );
  });

  it('rejects numbers it cannot write exactly', () => {
    for (const bad of [NaN, Infinity, 2 ** 53])
      expect(() => canonicalize({ n: bad })).toThrow(CanonicalisationError);
  });

  it('writes dates as UTC ISO-8601 with milliseconds', () => {
    expect(canonicalize({ at: new Date('2026-03-01T08:00:00+08:00') })).toBe(
      '{"at":"2026-03-01T00:00:00.000Z"}',
    );
  });

  it('escapes only what JSON requires and keeps other characters as UTF-8', () => {
    expect(canonicalize('培育 "q" \\ \n \u0001 \u007f')).toBe('"培育 \\"q\\" \\\\ \\n \\u0001 \u007f"');
    expect(() => canonicalize('\uD800')).toThrow(/lone surrogate/);
  });

  it('accepts plain objects and dates from another realm (vm context)', () => {
    const foreign = runInNewContext('({ b: [1, { c: new Date(0) }], a: Object.create(null) })') as unknown;
    expect(canonicalize(foreign)).toBe('{"a":{},"b":[1,{"c":"1970-01-01T00:00:00.000Z"}]}');
  });

  it('omits undefined members, writes undefined array items as null, rejects non-plain objects', () => {
    expect(canonicalize({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
    expect(() => canonicalize({ m: new Map() })).toThrow(/unsupported object Map at .m/);
    expect(() => canonicalize({ f: () => 1 })).toThrow(/unsupported function/);
  });

  it('is stable under key order and JSON round-trips of normalised values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        fc.pre(writable(v));
        const n = normalize(v);
        expect(canonicalize(JSON.parse(JSON.stringify(n)))).toBe(canonicalize(v));
        expect(canonicalize(reverseKeys(n))).toBe(canonicalize(v));
      }),
      { numRuns: 300 },
    );
  });
});

function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reverseKeys(x)]),
    );
  }
  return v;
}

function writable(v: unknown): boolean {
  try {
    canonicalize(v);
    return true;
  } catch {
    return false;
  }
}
