import { createRegions } from '../regions';
import { demoQuarters, demoReport, LAGGING, zhumadianTargets, ZHUMADIAN } from './plan';

const counties = createRegions().countiesOf(ZHUMADIAN);

describe('the statistics demo plan (驻马店 2021 action plan)', () => {
  it('spreads 260 tech SMEs and 20 HNTE over 驻马店’s counties, adding up exactly', () => {
    expect(counties).toContain('411771'); // 经济开发区 (statistical code) counts as a county
    const t = zhumadianTargets(counties);
    expect(t.reduce((s, x) => s + x.newTechSmesEntered, 0)).toBe(260);
    expect(t.reduce((s, x) => s + x.newHnteCertified, 0)).toBe(20);
  });

  it('reports and ranks the two quarters before today, across the year boundary', () => {
    expect(demoQuarters('2026-12-07')).toEqual([
      { year: 2026, quarter: 2 },
      { year: 2026, quarter: 3 },
    ]);
    expect(demoQuarters('2026-04-01')).toEqual([
      { year: 2025, quarter: 4 },
      { year: 2026, quarter: 1 },
    ]);
    expect(demoQuarters('2026-02-01')).toEqual([
      { year: 2025, quarter: 3 },
      { year: 2025, quarter: 4 },
    ]);
  });

  it('keeps the lagging three below every other county', () => {
    const q = { year: 2026, quarter: 1 as const };
    const wan = (c: string, i: number) => Number(demoReport(c, i, q).turnoverYuan);
    const lagging = counties.map((c, i) => [c, wan(c, i)] as const).filter(([c]) => LAGGING.includes(c));
    const others = counties.map((c, i) => [c, wan(c, i)] as const).filter(([c]) => !LAGGING.includes(c));
    expect(Math.max(...lagging.map(([, v]) => v))).toBeLessThan(Math.min(...others.map(([, v]) => v)));
  });
});
