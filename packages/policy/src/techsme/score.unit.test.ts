import fc from 'fast-check';
import { PolicyInputError } from '../core/errors';
import { scoreTechSme, type TechSmeInput } from './score';

const YUAN = 100; // fen per yuan
// A neutral baseline: 100 staff, 30 tech (20 points), R&D 6% of revenue (50 points), no IP (0 points).
const base: TechSmeInput = {
  employees: 100,
  techStaff: 30,
  salesRevenue: 1_000_000,
  totalAssets: 5_000_000,
  rdExpense: 60_000,
  totalCostExpense: 900_000,
  ipClassI: 0,
  ipClassII: 0,
};
const score = (over: Partial<TechSmeInput>) => scoreTechSme({ ...base, ...over });

describe('scoreTechSme: tech staff brackets (lower bound included)', () => {
  it.each([
    [30, 100, 20],
    [2999, 10_000, 16],
    [25, 100, 16],
    [2499, 10_000, 12],
    [20, 100, 12],
    [1999, 10_000, 8],
    [15, 100, 8],
    [1499, 10_000, 4],
    [10, 100, 4],
    [999, 10_000, 0],
    [0, 100, 0],
  ])('%i of %i employees → %i points', (techStaff, employees, points) => {
    expect(score({ techStaff, employees }).points.techStaff).toBe(points);
  });
});

describe('scoreTechSme: R&D input, revenue basis', () => {
  // totalCostExpense large so that the cost ratio never wins.
  it.each([
    [60_000, 50],
    [59_999, 40],
    [59_900, 40],
    [50_000, 40],
    [49_999, 30],
    [40_000, 30],
    [39_999, 20],
    [30_000, 20],
    [29_999, 10],
    [20_000, 10],
    [19_999, 0],
  ])('R&D %i fen of 1,000,000 fen revenue → %i points', (rdExpense, points) => {
    const r = score({ rdExpense, totalCostExpense: 1_000_000_000 });
    expect(r.points.rdInput).toBe(points);
    expect(r.rdInputBasis).toBe('revenue');
  });
});

describe('scoreTechSme: R&D input, cost basis', () => {
  // salesRevenue huge so that the revenue ratio gives 0 points.
  it.each([
    [30_000, 50],
    [29_999, 40],
    [25_000, 40],
    [24_999, 30],
    [20_000, 30],
    [19_999, 20],
    [15_000, 20],
    [14_999, 10],
    [10_000, 10],
    [9_999, 0],
  ])('R&D %i fen of 100,000 fen cost → %i points', (rdExpense, points) => {
    const r = score({ rdExpense, totalCostExpense: 100_000, salesRevenue: 1_000_000_000 });
    expect(r.points.rdInput).toBe(points);
    if (points > 0) expect(r.rdInputBasis).toBe('cost');
  });

  it('takes the better basis', () => {
    // revenue 3% → 20, cost 25% → 40
    const r = score({ rdExpense: 30_000, salesRevenue: 1_000_000, totalCostExpense: 120_000 });
    expect(r.points.rdInput).toBe(40);
    expect(r.rdInputBasis).toBe('cost');
  });

  it('scores a zero denominator as 0 points rather than failing', () => {
    const r = score({ salesRevenue: 0, totalCostExpense: 200_000, rdExpense: 60_000 });
    expect(r.points.rdInput).toBe(50);
    expect(r.rdInputBasis).toBe('cost');
    const none = score({ salesRevenue: 0, totalCostExpense: 0, rdExpense: 0, employees: 0, techStaff: 0 });
    expect(none.points).toEqual({ techStaff: 0, rdInput: 0, ip: 0, total: 0 });
    expect(none.eligible).toBe(false);
  });
});

describe('scoreTechSme: IP', () => {
  it.each([
    [1, 0, 30],
    [0, 5, 24],
    [0, 4, 24],
    [0, 3, 18],
    [0, 2, 12],
    [0, 1, 6],
    [0, 0, 0],
    [2, 7, 30],
  ])('%i Class I, %i Class II → %i points', (ipClassI, ipClassII, points) => {
    expect(score({ ipClassI, ipClassII }).points.ip).toBe(points);
  });
});

describe('scoreTechSme: decision', () => {
  it('passes at exactly 60 with tech staff points, fails at 58', () => {
    const at60 = score({ techStaff: 10, ipClassII: 1 }); // 4 + 50 + 6
    expect(at60.points.total).toBe(60);
    expect(at60).toMatchObject({ eligible: true, qualifiedBy: 'score', reasons: [] });
    const at58 = score({ techStaff: 10, rdExpense: 40_000, ipClassII: 4 }); // 4 + 30 + 24
    expect(at58.points.total).toBe(58);
    expect(at58).toMatchObject({ eligible: false, qualifiedBy: null });
    expect(at58.reasons).toEqual(['score.below-pass: 58 < 60']);
  });

  it('fails a high score whose tech-staff score is 0', () => {
    const r = score({ techStaff: 9, ipClassI: 1 }); // 0 + 50 + 30 = 80
    expect(r.points.total).toBe(80);
    expect(r.eligible).toBe(false);
    expect(r.reasons).toEqual(['score.tech-staff-zero: tech-staff score is 0']);
  });

  it.each(['validHnteCertificate', 'nationalAwardTop3', 'provincialRdInstitution', 'ledStandard'] as const)(
    'direct qualification by %s overrides a low score, which is still shown',
    (ground) => {
      const r = score({ techStaff: 0, rdExpense: 0, direct: { [ground]: true } });
      expect(r).toMatchObject({ eligible: true, qualifiedBy: 'direct', reasons: [] });
      expect(r.points.total).toBe(0);
    },
  );

  it('direct qualification does not override the basic conditions', () => {
    const r = score({ employees: 501, techStaff: 200, direct: { validHnteCertificate: true } });
    expect(r).toMatchObject({ eligible: false, qualifiedBy: null });
    expect(r.reasons).toEqual(['size.employees: 501 employees > 500']);
  });

  it.each([
    [{ employees: 500, techStaff: 150 }, true],
    [{ employees: 501, techStaff: 151 }, false],
    [{ salesRevenue: 200_000_000 * YUAN, rdExpense: 12_000_000 * YUAN }, true],
    [{ salesRevenue: 200_000_000 * YUAN + 1, rdExpense: 12_000_000 * YUAN }, false],
    [{ totalAssets: 200_000_000 * YUAN }, true],
    [{ totalAssets: 200_000_000 * YUAN + 1 }, false],
    [{ conditions: { restrictedIndustry: true } }, false],
    [{ conditions: { majorIncident: true } }, false],
    [{ conditions: { dishonest: true } }, false],
  ])('size limits and conditions: %j → eligible %s', (over, eligible) => {
    expect(score(over as Partial<TechSmeInput>).eligible).toBe(eligible);
  });

  it('rejects malformed input with a typed error', () => {
    expect(() => score({ employees: -1 })).toThrow(PolicyInputError);
    expect(() => score({ salesRevenue: 10.5 })).toThrow(PolicyInputError);
    expect(() => score({ techStaff: 101 })).toThrow(PolicyInputError);
  });

  it('traces the rule set, legal references and exact ratios', () => {
    const r = score({ techStaff: 2999, employees: 10_000 });
    expect(r.trace.ruleSetId).toBe('tsme-2017-115');
    const staff = r.trace.steps.find((s) => s.rule === 'tsme.tech-staff');
    expect(staff?.ref).toBe('国科发政〔2017〕115号 第七条(一)');
    expect(staff?.values).toMatchObject({ ratio: '2999/10000', percent: '29.99%', points: 16 });
  });
});

describe('scoreTechSme: properties', () => {
  const money = fc.integer({ min: 0, max: 30_000_000_000 });
  const input = fc
    .record({
      employees: fc.integer({ min: 0, max: 2000 }),
      staffShare: fc.integer({ min: 0, max: 100 }),
      salesRevenue: money,
      totalAssets: money,
      rdExpense: money,
      totalCostExpense: money,
      ipClassI: fc.integer({ min: 0, max: 5 }),
      ipClassII: fc.integer({ min: 0, max: 10 }),
      hnte: fc.boolean(),
    })
    .map(({ staffShare, hnte, ...r }) => ({
      ...r,
      techStaff: Math.floor((r.employees * staffShare) / 100),
      direct: { validHnteCertificate: hnte },
    }));

  it('never exceeds the maxima, and the same input gives the same output and trace', () => {
    fc.assert(
      fc.property(input, (i) => {
        const a = scoreTechSme(i);
        expect(a.points.techStaff).toBeLessThanOrEqual(20);
        expect(a.points.rdInput).toBeLessThanOrEqual(50);
        expect(a.points.ip).toBeLessThanOrEqual(30);
        expect(a.points.total).toBe(a.points.techStaff + a.points.rdInput + a.points.ip);
        expect(a.eligible).toBe(a.reasons.length === 0);
        expect(JSON.stringify(scoreTechSme(structuredClone(i)))).toBe(JSON.stringify(a));
      }),
      { numRuns: 300 },
    );
  });
});
