import fc from 'fast-check';
import type { RankingMethod, TieRule } from './events';
import { INDICATORS } from './indicators';
import { previousQuarter } from './quarters';
import { bottomGroup, groupSize, rankCounties, scoreCounties, type RankingCounty } from './ranking';
import { figures, targets } from './test-support/fixtures';

const weighted: RankingMethod = {
  kind: 'weighted',
  weights: [
    { indicator: 'newTechSmesEntered', weight: 40 },
    { indicator: 'newHnteCertified', weight: 30 },
    { indicator: 'techContractTurnoverFen', weight: 30 },
  ],
};
const byCodeOnly: TieRule = { indicators: [], finally: 'county_code' };
const county = (
  countyCode: string,
  f: Parameters<typeof figures>[0] = {},
  t: RankingCounty['targets'] = null,
) => ({
  countyCode,
  figures: figures(f),
  targets: t,
});

describe('scores', () => {
  it('weights each indicator against the best county, exactly', () => {
    const s = scoreCounties(weighted, [
      county('411702', { newTechSmesEntered: 30, newHnteCertified: 3, techContractTurnoverFen: 0 }),
      county('411721', { newTechSmesEntered: 10, newHnteCertified: 1, techContractTurnoverFen: 0 }),
    ]);
    // 40·30/30 + 30·3/3 + 0 = 70 ; 40·10/30 + 30·1/3 = 40/3 + 10 = 70/3
    expect(s.get('411702')).toEqual({ num: 70n, den: 1n });
    expect(s.get('411721')).toEqual({ num: 70n, den: 3n });
  });

  it('scores target completion with a cap, an absent target counting as completed', () => {
    const method: RankingMethod = {
      kind: 'target_completion',
      weights: [
        { indicator: 'newTechSmesEntered', weight: 1 },
        { indicator: 'newHnteCertified', weight: 1 },
      ],
      capPercent: 120,
    };
    const s = scoreCounties(method, [
      county(
        '411702',
        { newTechSmesEntered: 60, newHnteCertified: 1 },
        targets({ newTechSmesEntered: 30, newHnteCertified: 2 }),
      ),
      county('411721', { newTechSmesEntered: 15 }, targets({ newTechSmesEntered: 30 })),
    ]);
    // (min(2, 1.2) + 1/2) / 2 = 17/20 ; (1/2 + 1) / 2 = 3/4
    expect(s.get('411702')).toEqual({ num: 17n, den: 20n });
    expect(s.get('411721')).toEqual({ num: 3n, den: 4n });
  });
});

describe('ties', () => {
  it('breaks equal scores by the tie rule indicators, then by county code', () => {
    const method: RankingMethod = {
      kind: 'weighted',
      weights: [{ indicator: 'newTechSmesEntered', weight: 1 }],
    };
    const tieRule: TieRule = { indicators: ['newHnteCertified'], finally: 'county_code' };
    const r = rankCounties({
      method,
      tieRule,
      previousBottom: null,
      counties: [
        county('411723', { newTechSmesEntered: 5, newHnteCertified: 1 }),
        county('411722', { newTechSmesEntered: 5, newHnteCertified: 1 }),
        county('411721', { newTechSmesEntered: 5, newHnteCertified: 2 }),
        county('411702', { newTechSmesEntered: 9 }),
      ],
    });
    expect(r.rows.map((x) => [x.countyCode, x.rank, x.score])).toEqual([
      ['411702', 1, '1'],
      ['411721', 2, '5/9'],
      ['411722', 3, '5/9'],
      ['411723', 4, '5/9'],
    ]);
  });

  it('does not let floating point split a tie (1/3 + 1/3 equals 2/3)', () => {
    const method: RankingMethod = {
      kind: 'weighted',
      weights: [
        { indicator: 'newTechSmesEntered', weight: 1 },
        { indicator: 'newHnteCertified', weight: 1 },
      ],
    };
    const r = rankCounties({
      method,
      tieRule: byCodeOnly,
      previousBottom: null,
      counties: [
        county('411722', { newTechSmesEntered: 1, newHnteCertified: 1 }),
        county('411721', { newTechSmesEntered: 2, newHnteCertified: 0 }),
        county('411702', { newTechSmesEntered: 3, newHnteCertified: 3 }),
      ],
    });
    const [, second, third] = r.rows;
    expect(second?.score).toBe(third?.score);
    expect([second?.countyCode, third?.countyCode]).toEqual(['411721', '411722']);
  });

  it('refuses a county listed twice', () => {
    expect(() =>
      rankCounties({
        method: weighted,
        tieRule: byCodeOnly,
        previousBottom: null,
        counties: [county('411702'), county('411702')],
      }),
    ).toThrow(/twice/);
  });
});

describe('groups: 前三名表扬、后三名批评, and fewer than six counties', () => {
  it.each([
    [1, 0],
    [2, 1],
    [3, 1],
    [4, 2],
    [5, 2],
    [6, 3],
    [10, 3],
    [11, 3],
  ])('%i counties → groups of %i', (n, g) => expect(groupSize(n)).toBe(g));

  it('with five counties marks two top, two bottom and leaves the middle one unmarked', () => {
    const r = rankCounties({
      method: weighted,
      tieRule: byCodeOnly,
      previousBottom: null,
      counties: [1, 2, 3, 4, 5].map((i) => county(`41170${i}`, { newTechSmesEntered: i })),
    });
    expect(r.groupSize).toBe(2);
    expect(r.rows.map((x) => x.mark)).toEqual(['top', 'top', null, 'bottom', 'bottom']);
  });

  it('gives a lone county no mark', () => {
    const r = rankCounties({
      method: weighted,
      tieRule: byCodeOnly,
      previousBottom: null,
      counties: [county('411702')],
    });
    expect(r.rows).toEqual([expect.objectContaining({ rank: 1, mark: null, talk: false })]);
  });
});

describe('约谈: bottom three in two consecutive quarters', () => {
  const ten = (weak: readonly string[]) =>
    Array.from({ length: 10 }, (_, i) => {
      const code = `4117${String(21 + i)}`;
      return county(code, { newTechSmesEntered: weak.includes(code) ? 0 : 10 + i });
    });

  it('flags a county in the bottom group of 2021 Q4 and again of 2022 Q1 (across the year boundary)', () => {
    const q4 = rankCounties({
      method: weighted,
      tieRule: byCodeOnly,
      previousBottom: null,
      counties: ten(['411721', '411722', '411723']),
    });
    expect(bottomGroup(q4.rows)).toEqual(new Set(['411721', '411722', '411723']));
    expect(q4.rows.some((r) => r.talk)).toBe(false);
    expect(previousQuarter({ year: 2022, quarter: 1 })).toEqual({ year: 2021, quarter: 4 });

    const q1 = rankCounties({
      method: weighted,
      tieRule: byCodeOnly,
      previousBottom: bottomGroup(q4.rows),
      counties: ten(['411722', '411725', '411726']),
    });
    const talks = q1.rows.filter((r) => r.talk).map((r) => r.countyCode);
    expect(talks).toEqual(['411722']);
  });

  it('does not flag a county that was bottom before but is not now', () => {
    const r = rankCounties({
      method: weighted,
      tieRule: byCodeOnly,
      previousBottom: new Set(['411730']),
      counties: ten([]),
    });
    expect(r.rows.find((x) => x.countyCode === '411730')?.mark).toBe('top');
    expect(r.rows.some((x) => x.talk)).toBe(false);
  });
});

describe('ranking properties', () => {
  const countiesArb = fc
    .uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 14 })
    .chain((ids) =>
      fc.tuple(
        ...ids.map((id) =>
          fc.record({
            countyCode: fc.constant(`4117${String(id).padStart(2, '0')}`),
            figures: fc.record({
              newTechSmesEntered: fc.integer({ min: 0, max: 5 }),
              newHnteCertified: fc.integer({ min: 0, max: 3 }),
              validHnte: fc.integer({ min: 0, max: 3 }),
              techContractTurnoverFen: fc.integer({ min: 0, max: 10 }),
              innovationPlatforms: fc.integer({ min: 0, max: 2 }),
            }),
            targets: fc.constant(null),
          }),
        ),
      ),
    );
  const methodArb: fc.Arbitrary<RankingMethod> = fc
    .subarray([...INDICATORS], { minLength: 1 })
    .chain((inds) =>
      fc.tuple(
        ...inds.map((indicator) =>
          fc.record({ indicator: fc.constant(indicator), weight: fc.integer({ min: 1, max: 50 }) }),
        ),
      ),
    )
    .map((weights) => ({ kind: 'weighted', weights }));
  const bottomArb = fc.option(
    fc.uniqueArray(fc.integer({ min: 1, max: 99 }).map((i) => `4117${String(i).padStart(2, '0')}`)),
  );

  it('is a permutation of the counties with ranks 1..n, marks never overlapping and groups of equal size', () => {
    fc.assert(
      fc.property(countiesArb, methodArb, bottomArb, (counties, method, bottom) => {
        const r = rankCounties({
          method,
          tieRule: byCodeOnly,
          counties,
          previousBottom: bottom ? new Set(bottom) : null,
        });
        const n = counties.length;
        expect(r.rows.map((x) => x.rank)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
        expect(r.rows.map((x) => x.countyCode).sort()).toEqual(counties.map((c) => c.countyCode).sort());
        const top = r.rows.filter((x) => x.mark === 'top');
        const bottomRows = r.rows.filter((x) => x.mark === 'bottom');
        expect(top.length).toBe(groupSize(n));
        expect(bottomRows.length).toBe(groupSize(n));
        expect(top.length + bottomRows.length).toBeLessThanOrEqual(n);
        expect(
          r.rows.filter((x) => x.talk).every((x) => x.mark === 'bottom' && bottom?.includes(x.countyCode)),
        ).toBe(true);
      }),
    );
  });

  it('does not depend on the order the counties are given in', () => {
    fc.assert(
      fc.property(countiesArb, methodArb, fc.infiniteStream(fc.integer()), (counties, method, seeds) => {
        const shuffled = [...counties]
          .map((c) => ({ c, k: seeds.next().value as number }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.c);
        const one = rankCounties({ method, tieRule: byCodeOnly, counties, previousBottom: null });
        const two = rankCounties({ method, tieRule: byCodeOnly, counties: shuffled, previousBottom: null });
        expect(two).toEqual(one);
      }),
    );
  });

  it('never ranks a county above one that is at least as good on every weighted indicator and strictly better on one', () => {
    fc.assert(
      fc.property(countiesArb, methodArb, (counties, method) => {
        const r = rankCounties({ method, tieRule: byCodeOnly, counties, previousBottom: null });
        const rank = new Map(r.rows.map((x) => [x.countyCode, x.rank]));
        const inds = method.weights.map((w) => w.indicator);
        for (const a of counties)
          for (const b of counties) {
            const dominates =
              inds.every((i) => a.figures[i] >= b.figures[i]) &&
              inds.some((i) => a.figures[i] > b.figures[i]);
            if (dominates) expect(rank.get(a.countyCode)).toBeLessThan(rank.get(b.countyCode) as number);
          }
      }),
    );
  });
});
