import fc from 'fast-check';
import { countsFor, countyCounts, quarterCounts, UNLOCATED } from './counts';
import type { SourceEvent } from './events';
import { foldSourceEvents } from './facts';
import {
  cancelled,
  certified,
  entered,
  registered,
  relocated,
  revoked,
  usccOf,
  YY_COUNTIES,
  ZMD_COUNTIES,
} from './test-support/fixtures';

const { 驿城区: YICHENG, 西平县: XIPING } = ZMD_COUNTIES;

/** n entries in a county spread over the given days, each enterprise registered there first. */
function entries(county: string, n: number, days: readonly string[], offset = 0): SourceEvent[] {
  const out: SourceEvent[] = [];
  for (let i = 0; i < n; i += 1) {
    const uscc = usccOf(county, offset + i);
    out.push(registered(uscc, county), entered(uscc, county, days[i % days.length] as string));
  }
  return out;
}

describe('counts from events (岳阳 2022 reply, 五: 1-5月科技型中小企业入库404家)', () => {
  const janToMay = ['2022-01-20', '2022-02-28', '2022-03-31', '2022-04-15', '2022-05-31'];
  const reported = { ...YY_COUNTIES };
  const others = { 云溪区: '430603', 君山区: '430611', 华容县: '430623', 湘阴县: '430624', 临湘市: '430682' };
  const seed: Record<string, number> = {
    新港区: 61,
    经开区: 51,
    岳阳楼区: 26,
    平江县: 57,
    汨罗市: 44,
    岳阳县: 35,
  };
  const events: SourceEvent[] = [
    ...Object.entries(reported).flatMap(([name, code]) => entries(code, seed[name] as number, janToMay)),
    // the rest of the city's 404, over five other counties
    ...Object.values(others).flatMap((code) => entries(code, 26, janToMay)),
    // outside the window: December 2021 and June 2022
    ...entries(YY_COUNTIES.新港区, 4, ['2021-12-31', '2022-06-01'], 1000),
  ];
  const counts = countyCounts(foldSourceEvents(events), { from: '2022-01-01', to: '2022-05-31' });

  it.each(Object.entries(seed))('%s entered %i tech SMEs from January to May', (name, n) => {
    const code = reported[name as keyof typeof reported];
    expect(counts.get(code)?.techSmesEntered).toBe(n);
  });

  it('adds up to the city total of 404', () => {
    const total = [...counts.values()].reduce((s, c) => s + c.techSmesEntered, 0);
    expect(total).toBe(404);
  });
});

describe('counts over a quarter', () => {
  const a = usccOf(YICHENG, 1);
  const b = usccOf(YICHENG, 2);

  it('counts a new entry where it was entered and a valid one where the enterprise is now', () => {
    const facts = foldSourceEvents([
      registered(a, YICHENG),
      entered(a, YICHENG, '2021-02-10'),
      relocated(a, YICHENG, XIPING, '2021-05-05'),
    ]);
    const q2 = countyCounts(facts, { from: '2021-04-01', to: '2021-06-30' });
    expect(q2.get(XIPING)?.validTechSmes).toBe(1);
    expect(q2.get(YICHENG)?.validTechSmes ?? 0).toBe(0);
    const ytd = countyCounts(facts, { from: '2021-01-01', to: '2021-06-30' });
    expect(ytd.get(YICHENG)?.techSmesEntered).toBe(1);
    expect(ytd.get(XIPING)?.techSmesEntered ?? 0).toBe(0);
  });

  it('drops a revoked entry from the valid count from the revocation date and counts the revocation', () => {
    const facts = foldSourceEvents([
      registered(a, YICHENG),
      entered(a, YICHENG, '2021-02-10'),
      revoked(a, 2021, '2021-08-01'),
    ]);
    expect(countyCounts(facts, { from: '2021-04-01', to: '2021-06-30' }).get(YICHENG)?.validTechSmes).toBe(1);
    const q3 = countyCounts(facts, { from: '2021-07-01', to: '2021-09-30' }).get(YICHENG);
    expect(q3?.validTechSmes).toBe(0);
    expect(q3?.techSmeRevocations).toBe(1);
  });

  it('counts a cancellation on its decision date, not its retroactive effective date', () => {
    const n = 'GR202141000900';
    const facts = foldSourceEvents([
      registered(b, YICHENG),
      certified(b, '2021-03-01', n),
      cancelled(b, n, '2021-08-20', '2021-01-01'),
    ]);
    const q1 = countyCounts(facts, { from: '2021-01-01', to: '2021-03-31' }).get(YICHENG);
    expect(q1).toMatchObject({ hnteCertified: 1, validHnte: 1, hnteCancelled: 0 });
    const q3 = countyCounts(facts, { from: '2021-07-01', to: '2021-09-30' }).get(YICHENG);
    expect(q3).toMatchObject({ hnteCertified: 0, validHnte: 0, hnteCancelled: 1 });
  });

  it('ends validity on validUntil and with the enterprise deregistered', () => {
    const facts = foldSourceEvents([
      registered(b, YICHENG),
      certified(b, '2018-05-10', 'GR201841000001'),
      registered(a, YICHENG),
      certified(a, '2021-01-10', 'GR202141000002'),
      {
        type: 'EnterpriseDeregistered',
        recordedAt: '2021-11-02T00:00:00.000Z',
        data: { uscc: a, effectiveOn: '2021-11-01', reason: '注销' },
      },
    ]);
    expect(countyCounts(facts, { from: '2021-01-01', to: '2021-03-31' }).get(YICHENG)?.validHnte).toBe(2);
    // GR2018… is valid until 2021-05-10
    expect(countyCounts(facts, { from: '2021-04-01', to: '2021-06-30' }).get(YICHENG)?.validHnte).toBe(1);
    expect(countyCounts(facts, { from: '2021-10-01', to: '2021-12-31' }).get(YICHENG)?.validHnte ?? 0).toBe(
      0,
    );
  });

  it('uses only what was recorded by knownAt', () => {
    const late = entered(a, YICHENG, '2021-03-30', '2021-04-03T09:00:00.000Z');
    const facts = foldSourceEvents([registered(a, YICHENG), late]);
    const q1 = { from: '2021-01-01', to: '2021-03-31' };
    expect(countyCounts(facts, { ...q1, knownAt: '2021-04-01T00:00:00.000Z' }).get(YICHENG)).toBeUndefined();
    expect(
      countyCounts(facts, { ...q1, knownAt: '2021-04-03T09:00:00+00:00' }).get(YICHENG)?.techSmesEntered,
    ).toBe(1);
    expect(countyCounts(facts, q1).get(YICHENG)?.techSmesEntered).toBe(1);
  });

  it('counts a duplicate delivery once and an unlocated certificate apart', () => {
    const e = entered(a, YICHENG, '2021-02-10');
    const unknown = usccOf('411726', 9);
    const facts = foldSourceEvents([registered(a, YICHENG), e, e, certified(unknown, '2021-02-01')]);
    const q1 = countyCounts(facts, { from: '2021-01-01', to: '2021-03-31' });
    expect(q1.get(YICHENG)?.techSmesEntered).toBe(1);
    expect(q1.get(UNLOCATED)?.hnteCertified).toBe(1);
  });

  it('gives a quarter as of any date inside it, clipped to its end', () => {
    const facts = foldSourceEvents([
      registered(a, YICHENG),
      entered(a, YICHENG, '2021-02-10'),
      registered(b, YICHENG),
      entered(b, YICHENG, '2021-03-20'),
    ]);
    const q1 = { year: 2021, quarter: 1 } as const;
    expect(quarterCounts(facts, q1, { asOf: '2021-02-28' }).get(YICHENG)?.techSmesEntered).toBe(1);
    expect(quarterCounts(facts, q1, { asOf: '2021-12-31' }).get(YICHENG)?.techSmesEntered).toBe(2);
    expect(quarterCounts(facts, q1).get(YICHENG)?.validTechSmes).toBe(2);
    expect(() => quarterCounts(facts, q1, { asOf: '2020-12-31' })).toThrow(RangeError);
  });

  it('lists zero rows for counties without events and refuses an empty period', () => {
    expect(countsFor(new Map(), [XIPING])).toEqual([
      expect.objectContaining({ countyCode: XIPING, techSmesEntered: 0, validHnte: 0 }),
    ]);
    expect(() => countyCounts(foldSourceEvents([]), { from: '2021-02-01', to: '2021-01-01' })).toThrow(
      RangeError,
    );
  });
});

describe('delivery order', () => {
  const pool = (seed: number): SourceEvent[] => {
    const out: SourceEvent[] = [];
    const codes = Object.values(ZMD_COUNTIES).slice(0, 4);
    for (let i = 0; i < 12; i += 1) {
      const county = codes[(i * 7 + seed) % codes.length] as string;
      const uscc = usccOf(county, i);
      const cert = `GR2021410009${String(i).padStart(2, '0')}`;
      out.push(registered(uscc, county), entered(uscc, county, `2021-0${1 + (i % 3)}-1${i % 9}`));
      if (i % 3 === 0) out.push(revoked(uscc, 2021, '2021-05-01'));
      if (i % 2 === 0) out.push(certified(uscc, '2021-02-01', cert));
      if (i % 4 === 0) out.push(cancelled(uscc, cert, '2021-06-01', '2021-01-01'));
      if (i % 5 === 0) out.push(relocated(uscc, county, XIPING, '2021-04-20'));
    }
    return out;
  };

  it('gives the same counts whatever order the topics deliver in (a revocation may overtake its entry)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 }),
        fc.infiniteStream(fc.double({ noNaN: true })),
        (seed, keys) => {
          const events = pool(seed);
          const shuffled = events
            .map((e) => ({ e, k: keys.next().value as number }))
            .sort((x, y) => x.k - y.k)
            .map((x) => x.e);
          const h1 = { from: '2021-01-01', to: '2021-06-30' };
          expect(countyCounts(foldSourceEvents(shuffled), h1)).toEqual(
            countyCounts(foldSourceEvents(events), h1),
          );
          expect(foldSourceEvents(shuffled).orphans).toBe(0);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('reports a follow-up whose subject never arrived', () => {
    expect(foldSourceEvents([revoked(usccOf(YICHENG, 1), 2021, '2021-05-01')]).orphans).toBe(1);
  });
});
