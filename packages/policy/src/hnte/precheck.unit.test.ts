import { HnteFieldSchema } from '@peiyu/contracts';
import fc from 'fast-check';
import { PolicyInputError } from '../core/errors';
import { precheckHnte, type HntePrecheckInput } from './precheck';

const YUAN = 100;
const M = 1_000_000 * YUAN; // one million yuan in fen

// Meets all data-decided conditions: 3 years, latest sales 45M yuan (5% tier), R&D 6%, 80% domestic.
const base: HntePrecheckInput = {
  registeredOn: '2019-05-10',
  applicationDate: '2024-06-15',
  employees: 100,
  techStaff: 20,
  salesRevenueByYear: [30 * M, 40 * M, 45 * M],
  rdExpenseByYear: [1.8 * M, 2.4 * M, 2.7 * M],
  domesticRdExpenseByYear: [1.44 * M, 1.92 * M, 2.16 * M],
  highTechRevenueLastYear: 30 * M,
  totalRevenueLastYear: 45 * M,
  ipClassI: 1,
  ipClassII: 3,
  ownsCoreIp: true,
  ownRdIp: true,
  field: 'electronic_information',
  majorIncidentLastYear: false,
  netAssetsByYear: [10 * M, 12 * M, 15 * M],
  conversionsByYear: [5, 6, 7],
};
const check = (over: Partial<HntePrecheckInput>) => precheckHnte({ ...base, ...over });
const met = (over: Partial<HntePrecheckInput>, id: number) =>
  check(over).conditions.find((c) => c.id === id)?.met;

describe('precheckHnte: the eight conditions', () => {
  it('a complete, qualifying application meets all data conditions; 7 is left to the experts', () => {
    const r = precheckHnte(base);
    expect(r.conditions.map((c) => c.met)).toEqual([true, true, true, true, true, true, null, true]);
    expect(r.trace.ruleSetId).toBe('hnte-2016-32');
    expect(r.trace.steps.find((s) => s.rule === 'hnte.c5.rd-intensity')?.ref).toBe(
      '国科发火〔2016〕32号 第十一条(五)',
    );
  });

  it.each([
    ['2023-03-01', '2022-03-01', true, 365],
    ['2023-02-28', '2022-03-01', false, 364], // one day short of a year
    ['2024-03-01', '2023-03-01', true, 366],
  ])('condition 1: applying %s, registered %s → %s (%i days)', (applicationDate, registeredOn, ok, days) => {
    const c = check({ applicationDate, registeredOn }).conditions[0];
    expect(c).toMatchObject({ id: 1, met: ok, value: days, threshold: 365 });
  });

  it('condition 2 needs owned core IP', () => {
    expect(met({ ownsCoreIp: false }, 2)).toBe(false);
    expect(met({ ipClassI: 0, ipClassII: 0 }, 2)).toBe(false);
  });

  // 国科发火〔2016〕32号 第十一条(三): the core technology belongs to one of the eight fields of
  // 《国家重点支持的高新技术领域》. Every value an event's HnteFieldSchema accepts must meet condition 3.
  it.each(HnteFieldSchema.options)('condition 3 is met for the recorded field %s', (f) => {
    expect(HnteFieldSchema.parse(f)).toBe(f);
    expect(met({ field: f }, 3)).toBe(true);
  });

  it('the hyphenated spelling policy once used is not a field an event carries', () => {
    expect(HnteFieldSchema.safeParse('electronic-information').success).toBe(false);
    expect(met({ field: 'electronic-information' }, 3)).toBe(false);
  });

  it('refuses high-tech revenue above total revenue (impossible input, issue 11)', () => {
    expect(() => precheckHnte({ ...base, highTechRevenueLastYear: base.totalRevenueLastYear + 1 })).toThrow(
      expect.objectContaining({ code: 'input.high-tech-revenue-above-total' }),
    );
  });

  it('condition 3: one of the eight fields; not stated → experts decide', () => {
    expect(met({ field: 'advanced_manufacturing_automation' }, 3)).toBe(true);
    expect(met({ field: 'real-estate' }, 3)).toBe(false);
    expect(met({ field: undefined }, 3)).toBeNull();
  });

  it.each([
    [10, 100, true],
    [999, 10_000, false],
    [0, 0, false],
  ])('condition 4: %i tech staff of %i → %s', (techStaff, employees, ok) => {
    expect(met({ techStaff, employees }, 4)).toBe(ok);
  });

  it.each([
    // [latest-year sales (fen), expected threshold percent]
    [50_000_000 * YUAN, 5],
    [50_000_000 * YUAN + 1, 4],
    [200_000_000 * YUAN, 4],
    [200_000_000 * YUAN + 1, 3],
    [1, 5],
  ])('condition 5 tier: latest sales %i fen → %i%%', (latest, percent) => {
    const r = check({
      salesRevenueByYear: [latest],
      rdExpenseByYear: [0],
      domesticRdExpenseByYear: [0],
      conversionsByYear: [0],
      netAssetsByYear: [1],
    });
    expect(r.rdThreshold.percent).toBe(percent);
  });

  it.each([
    // one year of exactly 50M yuan (5% tier), 100M (4% tier), 300M (3% tier): at the threshold and 1 fen below
    [50 * M, 2.5 * M, true],
    [50 * M, 2.5 * M - 1, false],
    [100 * M, 4 * M, true],
    [100 * M, 4 * M - 1, false],
    [300 * M, 9 * M, true],
    [300 * M, 9 * M - 1, false],
  ])('condition 5 intensity: sales %i, R&D %i → %s', (sales, rd, ok) => {
    const one = {
      salesRevenueByYear: [sales],
      rdExpenseByYear: [rd],
      domesticRdExpenseByYear: [rd],
      conversionsByYear: [1],
      netAssetsByYear: [1],
    };
    expect(met(one, 5)).toBe(ok);
  });

  it('condition 5 uses the 3-year totals but the latest year for the tier', () => {
    // totals: sales 260M, R&D 10.4M = 4%; latest 210M → 3% tier → met; with latest 190M → 4% tier → still met
    const r = check({
      salesRevenueByYear: [20 * M, 30 * M, 210 * M],
      rdExpenseByYear: [0, 0, 10.4 * M],
      domesticRdExpenseByYear: [0, 0, 10.4 * M],
    });
    expect(r.rdThreshold.percent).toBe(3);
    expect(r.conditions[4]?.met).toBe(true);
  });

  it.each([
    [6 * M, true],
    [6 * M - 1, false],
  ])('condition 5 domestic R&D: %i of 10M fen → %s', (domestic, ok) => {
    const r = check({
      salesRevenueByYear: [100 * M],
      rdExpenseByYear: [10 * M],
      domesticRdExpenseByYear: [domestic],
      conversionsByYear: [1],
      netAssetsByYear: [1],
    });
    expect(r.conditions[4]?.met).toBe(ok);
  });

  it.each([
    [60 * M, 100 * M, true],
    [5_999, 10_000, false],
    [0, 0, false],
  ])('condition 6: high-tech revenue %i of %i → %s', (highTechRevenueLastYear, totalRevenueLastYear, ok) => {
    expect(met({ highTechRevenueLastYear, totalRevenueLastYear }, 6)).toBe(ok);
  });

  it('condition 8: a major incident in the year before fails', () => {
    expect(met({ majorIncidentLastYear: true }, 8)).toBe(false);
  });

  it('rejects inconsistent input', () => {
    expect(() => check({ rdExpenseByYear: [1, 2] })).toThrow(PolicyInputError);
    expect(() => check({ domesticRdExpenseByYear: [1.8 * M, 2.4 * M, 2.7 * M + 1] })).toThrow(
      PolicyInputError,
    );
    expect(() => check({ techStaff: 101 })).toThrow(PolicyInputError);
    expect(() => check({ registeredOn: '2019-13-01' })).toThrow(PolicyInputError);
  });
});

describe('precheckHnte: data-derived ranges', () => {
  it.each([
    [1, 0, 7, 8],
    [0, 5, 5, 6],
    [0, 4, 3, 4],
    [0, 3, 3, 4],
    [0, 2, 1, 2],
    [0, 1, 1, 2],
    [0, 0, 0, 0],
  ])('IP quantity: %i Class I, %i Class II → %i–%i', (ipClassI, ipClassII, min, max) => {
    expect(check({ ipClassI, ipClassII }).ranges.ipQuantity).toEqual({ min, max });
  });

  it('IP acquisition: own R&D 1–6, only transfer 1–3, none 0', () => {
    expect(check({ ownRdIp: true }).ranges.ipAcquisition).toEqual({ min: 1, max: 6 });
    expect(check({ ownRdIp: false }).ranges.ipAcquisition).toEqual({ min: 1, max: 3 });
    expect(check({ ownRdIp: false, ipClassI: 0, ipClassII: 0 }).ranges.ipAcquisition).toEqual({
      min: 0,
      max: 0,
    });
  });

  it.each([
    [[5, 5, 5], 25, 30],
    [[4, 5, 5], 19, 24],
    [[4, 4, 4], 19, 24],
    [[3, 3, 3], 13, 18],
    [[2, 2, 2], 7, 12],
    [[1, 1, 1], 1, 6],
    [[0, 1, 2], 1, 6],
    [[0, 0, 2], 0, 0],
    [[0, 0, 0], 0, 0],
  ])('conversion: %j per year → %i–%i', (conversionsByYear, min, max) => {
    expect(check({ conversionsByYear }).ranges.conversion).toEqual({ min, max });
  });

  it('growth ranges carry the rate and manual-review flag', () => {
    const r = precheckHnte(base);
    // net assets 10, 12, 15: ½(1.2 + 1.25) − 1 = 0.225 → 5–6
    expect(r.ranges.netAssetGrowth).toEqual({ min: 5, max: 6, rate: '0.225', manualReview: false });
    const neg = check({ netAssetsByYear: [-1 * M, 2 * M, 3 * M] }).ranges.netAssetGrowth;
    expect(neg).toMatchObject({ manualReview: true, rate: null });
  });
});

describe('precheckHnte: properties', () => {
  const amounts = (n: number) =>
    fc.array(fc.integer({ min: 0, max: 500 * M }), { minLength: n, maxLength: n });
  const arb = fc.integer({ min: 1, max: 3 }).chain((n) =>
    fc.record({
      sales: amounts(n),
      rd: amounts(n),
      domesticShare: fc.integer({ min: 0, max: 100 }),
      netAssets: fc.array(fc.integer({ min: -10 * M, max: 500 * M }), { minLength: n, maxLength: n }),
      conversions: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }),
      ipClassI: fc.integer({ min: 0, max: 3 }),
      ipClassII: fc.integer({ min: 0, max: 9 }),
    }),
  );

  it('ranges stay within the item maxima and the same input gives the same output and trace', () => {
    fc.assert(
      fc.property(arb, (a) => {
        const input: HntePrecheckInput = {
          ...base,
          salesRevenueByYear: a.sales,
          rdExpenseByYear: a.rd,
          domesticRdExpenseByYear: a.rd.map((x) => Math.floor((x * a.domesticShare) / 100)),
          netAssetsByYear: a.netAssets,
          conversionsByYear: a.conversions,
          ipClassI: a.ipClassI,
          ipClassII: a.ipClassII,
        };
        const r = precheckHnte(input);
        const maxima = {
          ipQuantity: 8,
          ipAcquisition: 6,
          conversion: 30,
          netAssetGrowth: 10,
          salesGrowth: 10,
        };
        for (const [k, max] of Object.entries(maxima)) {
          const range = r.ranges[k as keyof typeof maxima];
          expect(range.min).toBeGreaterThanOrEqual(0);
          expect(range.min).toBeLessThanOrEqual(range.max);
          expect(range.max).toBeLessThanOrEqual(max);
        }
        expect([3, 4, 5]).toContain(r.rdThreshold.percent);
        expect(JSON.stringify(precheckHnte(structuredClone(input)))).toBe(JSON.stringify(r));
      }),
      { numRuns: 200 },
    );
  });
});
