import fc from 'fast-check';
import { PolicyInputError } from '../core/errors';
import {
  hnteReviewOutcome,
  type FinancialExpertSheet,
  type HnteExpertSheet,
  type TechnicalExpertSheet,
} from './review';
import type { HnteRanges } from './precheck';

function tech(id: string, total: 'max' | number): TechnicalExpertSheet {
  // Builds a sheet whose items 1–3 add up to `total` (≤ 80), filling items in order up to their maxima.
  const caps = [8, 8, 8, 6, 0, 30, 6, 6, 4, 4];
  let left = total === 'max' ? 80 : total;
  const v = caps.map((c) => {
    const x = Math.min(c, left);
    left -= x;
    return x;
  });
  const [
    advancement,
    coreSupport,
    quantity,
    acquisition,
    bonus,
    conversion,
    management,
    institution,
    incentives,
    training,
  ] = v as number[];
  return {
    expertId: id,
    role: 'technical',
    ip: {
      advancement: advancement!,
      coreSupport: coreSupport!,
      quantity: quantity!,
      acquisition: acquisition!,
      bonus: bonus!,
    },
    conversion: conversion!,
    organisation: {
      management: management!,
      institution: institution!,
      incentives: incentives!,
      training: training!,
    },
  };
}
const fin = (id: string, netAssetGrowth: number, salesGrowth: number): FinancialExpertSheet => ({
  expertId: id,
  role: 'financial',
  netAssetGrowth,
  salesGrowth,
});
const panel = (techTotals: number[], finTotals: [number, number][]): HnteExpertSheet[] => [
  ...techTotals.map((t, i) => tech(`t${i}`, t)),
  ...finTotals.map(([a, b], i) => fin(`f${i}`, a, b)),
];

describe('hnteReviewOutcome', () => {
  it('passes at an average of 71 and fails at exactly 70', () => {
    const pass = hnteReviewOutcome(panel([60, 60, 60, 60], [[6, 5]]));
    expect(pass).toMatchObject({ average: 71, averageExact: '71', passed: true });
    const fail = hnteReviewOutcome(panel([60, 60, 60, 60], [[5, 5]]));
    expect(fail).toMatchObject({ average: 70, passed: false });
  });

  // hnte.md condition 7 / 国科发火〔2016〕32号 第十一条(七): "70分以上（不含70分）" — the exact average of the
  // experts' totals must be strictly above 70, with no rounding: 70.2 passes, 70.0 fails.
  it('70.2 passes and 70.0 fails (第十一条(七) "70分以上（不含70分）")', () => {
    const tech5 = (extra: number) => [60 + extra, 60, 60, 60, 60];
    const r702 = hnteReviewOutcome(panel(tech5(1), [[5, 5]])); // 301/5 + 10 = 70.2
    expect(r702).toMatchObject({ averageExact: '351/5', passed: true });
    const r700 = hnteReviewOutcome(panel(tech5(0), [[5, 5]])); // 300/5 + 10 = 70
    expect(r700).toMatchObject({ averageExact: '70', passed: false });
  });

  it('a total just above 70 that a float sum would misjudge still passes on the exact value', () => {
    // 7 technical experts: 421/7 ≈ 60.142857…; + 10 → 70.142857… > 70
    const r = hnteReviewOutcome(panel([61, 60, 60, 60, 60, 60, 60], [[5, 5]]));
    expect(r.passed).toBe(true);
    expect(r.averageExact).toBe('491/7');
  });

  it('decides on the exact average, not a rounded one', () => {
    // technical mean (60+60+61)/3 = 60⅓, financial 10 → 70⅓ > 70
    const r = hnteReviewOutcome(
      panel(
        [60, 60, 61],
        [
          [5, 5],
          [5, 5],
        ],
      ),
    );
    expect(r.averageExact).toBe('211/3');
    expect(r.passed).toBe(true);
    expect(r.average).toBe(70.3333);
  });

  it('caps the IP part at 30 including the bonus', () => {
    const s: TechnicalExpertSheet = {
      ...tech('t0', 0),
      ip: { advancement: 8, coreSupport: 8, quantity: 8, acquisition: 6, bonus: 2 },
    };
    const r = hnteReviewOutcome([s, tech('t1', 0), tech('t2', 0), tech('t3', 0), fin('f0', 0, 0)]);
    expect(r.experts[0]?.total).toBe(30);
    expect(r.trace.steps[0]?.values).toMatchObject({ ipRaw: 32, ipCapped: 30 });
  });

  it('refuses a panel smaller than 5, without a financial expert, under 60% technical, or with a repeated expert', () => {
    expect(() => hnteReviewOutcome(panel([60, 60, 60], [[5, 5]]))).toThrow(/panel of 4/);
    expect(() => hnteReviewOutcome(panel([60, 60, 60, 60, 60], []))).toThrow(/no financial expert/);
    expect(() =>
      hnteReviewOutcome(
        panel(
          [60, 60],
          [
            [5, 5],
            [5, 5],
            [5, 5],
          ],
        ),
      ),
    ).toThrow(/technical/);
    expect(() => hnteReviewOutcome([...panel([60, 60, 60], [[5, 5]]), tech('t0', 60)])).toThrow(/twice/);
  });

  it('rejects items outside their maxima and outside the data-derived ranges', () => {
    const over = { ...tech('t0', 0), conversion: 31 };
    expect(() =>
      hnteReviewOutcome([
        over,
        ...panel([0, 0, 0], [[0, 0]]).map((s) => ({ ...s, expertId: `x${s.expertId}` })),
      ]),
    ).toThrow(PolicyInputError);
    const ranges: HnteRanges = {
      ipQuantity: { min: 1, max: 2 },
      ipAcquisition: { min: 0, max: 6 },
      conversion: { min: 0, max: 30 },
      netAssetGrowth: { min: 5, max: 6, rate: '0.2', manualReview: false },
      salesGrowth: { min: 0, max: 0, rate: null, manualReview: true },
    };
    const good = [tech('t0', 0), tech('t1', 0), tech('t2', 0), tech('t3', 0)].map((s) => ({
      ...s,
      ip: { ...s.ip, quantity: 2 },
    }));
    expect(hnteReviewOutcome([...good, fin('f0', 6, 10)], { ranges }).passed).toBe(false); // manual review: 0–10
    expect(() => hnteReviewOutcome([...good, fin('f0', 7, 0)], { ranges })).toThrow(
      /netAssetGrowth = 7 outside 5–6/,
    );
    const bad = { ...good[0]!, ip: { ...good[0]!.ip, quantity: 3 } };
    expect(() => hnteReviewOutcome([bad, ...good.slice(1), fin('f0', 5, 0)], { ranges })).toThrow(
      /ip.quantity/,
    );
  });

  it('never exceeds 100 and agrees with passed, for any valid panel', () => {
    const techSheet = fc.integer({ min: 0, max: 80 });
    const finSheet = fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }));
    fc.assert(
      fc.property(
        fc.array(techSheet, { minLength: 4, maxLength: 8 }),
        fc.array(finSheet, { minLength: 1, maxLength: 2 }),
        (t, f) => {
          const r = hnteReviewOutcome(panel(t, f));
          expect(r.average).toBeLessThanOrEqual(100);
          expect(r.average).toBeGreaterThanOrEqual(0);
          const [n, d] = r.averageExact.split('/').map(Number) as [number, number | undefined];
          expect(r.passed).toBe(n > 70 * (d ?? 1));
          expect(hnteReviewOutcome(panel(t, f))).toEqual(r);
        },
      ),
      { numRuns: 200 },
    );
  });
});
