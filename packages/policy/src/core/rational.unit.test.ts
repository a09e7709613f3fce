import fc from 'fast-check';
import { PolicyInputError } from './errors';
import { cmp, floor, parseFraction, rat, show, toDecimal, toPercent } from './rational';

describe('parseFraction', () => {
  it.each([
    [0.5, '1/2'],
    ['0.5', '1/2'],
    [0.1, '1/10'],
    ['0.30', '3/10'],
    ['1/3', '1/3'],
    ['1e-2', '1/100'],
    [2.5e-7, '1/4000000'],
    ['-0.25', '-1/4'],
    [0, '0'],
    ['12', '12'],
  ])('%j → %s', (input, exact) => {
    expect(show(parseFraction(input))).toBe(exact);
  });

  it.each([NaN, Infinity, 'abc', '', '0.5.1', '1/0'])('rejects %j', (input) => {
    expect(() => parseFraction(input)).toThrow(PolicyInputError);
  });

  it('reads every decimal with up to 6 places exactly as written', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (m) => {
        const r = parseFraction(m / 1_000_000);
        expect(cmp(r, rat(m, 1_000_000))).toBe(0);
      }),
    );
  });
});

describe('display', () => {
  it('truncates and marks inexact decimals, so 29.99…% never shows as 30%', () => {
    expect(toPercent(rat(2999, 10_000))).toBe('29.99%');
    expect(toPercent(rat(299_999_999, 1_000_000_000))).toBe('29.9999…%');
    expect(toDecimal(rat(1, 3), 4)).toBe('0.3333…');
    expect(toDecimal(rat(-7, 2))).toBe('-3.5');
  });

  it('floors toward minus infinity', () => {
    expect(floor(rat(7, 2))).toBe(3n);
    expect(floor(rat(-7, 2))).toBe(-4n);
  });
});
