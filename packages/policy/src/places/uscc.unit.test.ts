import fc from 'fast-check';
import { exampleUscc, isValidUscc, USCC_ALPHABET, usccCheckCharacter } from './uscc';

describe('isValidUscc (GB 32100-2015)', () => {
  it.each([
    ['91350100M000100Y43', 'example code of the standard'],
    ['914403001922038216', 'published code, Guangdong'],
    ['9144030071526726XG', 'published code with a letter check character'],
    ['91110000802100433B', 'published code, Beijing'],
  ])('accepts %s (%s)', (code) => {
    expect(isValidUscc(code)).toBe(true);
  });

  it.each([
    ['91350100M000100Y44', 'wrong check character'],
    ['91350100M000100Y4', '17 characters'],
    ['91350100M000100Y433', '19 characters'],
    ['91350100m000100Y43', 'lower case'],
    ['91350100O000100Y43', 'O is not in the alphabet'],
    ['9135010AM000100Y43', 'letter inside the division code'],
    ['', 'empty'],
  ])('rejects %s (%s)', (code) => {
    expect(isValidUscc(code)).toBe(false);
  });

  const body = fc
    .tuple(
      fc.array(fc.constantFrom(...USCC_ALPHABET), { minLength: 2, maxLength: 2 }),
      fc.stringMatching(/^\d{6}$/),
      fc.array(fc.constantFrom(...USCC_ALPHABET), { minLength: 9, maxLength: 9 }),
    )
    .map(([a, d, b]) => `${a.join('')}${d}${b.join('')}`);

  it('accepts every code built with its check character and rejects every other last character', () => {
    fc.assert(
      fc.property(body, fc.constantFrom(...USCC_ALPHABET), (first17, other) => {
        const check = usccCheckCharacter(first17) as string;
        expect(isValidUscc(first17 + check)).toBe(true);
        if (other !== check) expect(isValidUscc(first17 + other)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('exampleUscc', () => {
  it('makes valid codes carrying the division code, distinct per serial', () => {
    const a = exampleUscc('410402', 1);
    const b = exampleUscc('410402', 2);
    expect(a).toMatch(/^91410402MA0000001[0-9A-HJ-NPQRTUWXY]$/);
    expect(isValidUscc(a) && isValidUscc(b)).toBe(true);
    expect(a).not.toBe(b);
  });
  it('refuses a bad division code or serial', () => {
    expect(() => exampleUscc('4104', 1)).toThrow(RangeError);
    expect(() => exampleUscc('410402', 10_000_000)).toThrow(RangeError);
  });
});
