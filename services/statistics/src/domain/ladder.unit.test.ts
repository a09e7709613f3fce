import type { SourceEvent } from './events';
import { foldSourceEvents } from './facts';
import { HENAN_LADDER, ladderMovements, NINGXIA_LADDER, stageIndexOf, type Ladder } from './ladder';
import {
  certified,
  entered,
  registered,
  relocated,
  revoked,
  titleGranted,
  usccOf,
} from './test-support/fixtures';

const stage = (ladder: Ladder, events: SourceEvent[], uscc: string, asOf: string) => {
  const i = stageIndexOf(ladder, foldSourceEvents(events), uscc, { asOf });
  return i < 0 ? null : ladder.stages[i]?.name;
};

describe('Ningxia five-step ladder', () => {
  const yinchuan = '640104';
  const a = usccOf(yinchuan, 1);
  const history: SourceEvent[] = [
    registered(a, yinchuan),
    entered(a, yinchuan, '2023-05-10'),
    titleGranted(a, 'sci_tech_little_giant', '2023-09-01'),
    certified(a, '2023-12-01'),
    titleGranted(a, 'gazelle', '2024-07-01', { validUntil: '2026-06-30' }),
  ];

  it.each([
    ['2023-01-01', null],
    ['2023-06-01', '科技型中小企业'],
    ['2023-10-01', '科技小巨人'],
    ['2024-01-01', '高新技术企业'],
    ['2024-08-01', '瞪羚企业'],
    ['2026-07-01', '高新技术企业'],
  ])('on %s stands on %s', (asOf, name) => {
    expect(stage(NINGXIA_LADDER, history, a, asOf)).toBe(name ?? null);
  });

  it('reaches the top with 创新型示范企业, and a revoked title no longer counts', () => {
    const withTop = [
      ...history,
      titleGranted(a, 'innovative_demonstration', '2025-01-10', { grantId: 'demo-1' }),
    ];
    expect(stage(NINGXIA_LADDER, withTop, a, '2025-02-01')).toBe('创新型示范企业');
    const revokedTop: SourceEvent = {
      type: 'EnterpriseTitleRevoked',
      recordedAt: '2025-03-01T00:00:00.000Z',
      data: {
        uscc: a,
        grantId: 'demo-1',
        titleCode: 'innovative_demonstration',
        revokedOn: '2025-03-01',
        reason: '复核不合格',
        reference: '宁科发〔2025〕9号',
      },
    };
    expect(stage(NINGXIA_LADDER, [...withTop, revokedTop], a, '2025-04-01')).toBe('瞪羚企业');
  });
});

describe('Henan 微成长、小升高、高变强 and movement counts', () => {
  const yicheng = '411702';
  const xiping = '411721';
  const [a, b, c, d] = [1, 2, 3, 4].map((n) => usccOf(yicheng, n)) as [string, string, string, string];
  const events: SourceEvent[] = [
    // a: tech SME in 2020, HNTE in Q2 2021 → 微成长 → 小升高
    registered(a, yicheng),
    entered(a, yicheng, '2020-06-01'),
    certified(a, '2021-05-20'),
    // b: new to the ladder in Q2 2021 → none → 微成长
    registered(b, yicheng),
    entered(b, yicheng, '2021-04-10'),
    // c: HNTE since 2019, gazelle in Q2 2021 → 小升高 → 高变强; moved to 西平 in Q2
    registered(c, yicheng),
    certified(c, '2019-11-01'),
    titleGranted(c, 'gazelle', '2021-06-01'),
    relocated(c, yicheng, xiping, '2021-06-10'),
    // d: its entry is revoked in Q2 2021 → 微成长 → none
    registered(d, yicheng),
    entered(d, yicheng, '2021-01-15'),
    revoked(d, 2021, '2021-05-05'),
    // an enterprise of another province never shows in Henan's counts
    registered(usccOf('640104', 9), '640104'),
    entered(usccOf('640104', 9), '640104', '2021-05-01'),
  ];
  const moves = ladderMovements(HENAN_LADDER, foldSourceEvents(events), {
    from: '2021-04-01',
    to: '2021-06-30',
  });

  it('counts who moved up from which stage, in the county where the enterprise is at the period end', () => {
    expect(moves.map((m) => m.countyCode)).toEqual([yicheng, xiping]);
    const [yc, xp] = moves;
    expect(yc?.upCounts).toEqual({ 'micro_growth→small_to_high': 1, 'none→micro_growth': 1 });
    expect(yc?.up.map((m) => m.uscc).sort()).toEqual([a, b].sort());
    expect(yc?.down).toEqual([{ uscc: d, from: 'micro_growth', to: null }]);
    expect(xp?.upCounts).toEqual({ 'small_to_high→high_to_strong': 1 });
  });

  it('shows nothing for a quarter without moves', () => {
    expect(
      ladderMovements(HENAN_LADDER, foldSourceEvents(events), { from: '2021-07-01', to: '2021-09-30' }),
    ).toEqual([]);
  });

  it('uses only what was known at knownAt', () => {
    const m = ladderMovements(HENAN_LADDER, foldSourceEvents(events), {
      from: '2021-04-01',
      to: '2021-06-30',
      knownAt: '2021-05-01T00:00:00.000Z',
    });
    expect(m.find((x) => x.countyCode === yicheng)?.upCounts).toEqual({ 'none→micro_growth': 1 });
  });
});
