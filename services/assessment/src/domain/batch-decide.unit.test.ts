import { deciderSpec } from '@peiyu/eventstore';
import {
  batchDecider,
  decideBatch,
  type BatchCommand,
  type BatchContext,
  type EvaluationItemView,
} from './batch-decide';
import { entriesToNumber, evolveBatch, initialBatchState, type BatchState } from './batch-state';
import type { BatchEvent } from './events';
import { DEFAULT_REGISTRATION_NUMBER_FORMAT, type SequenceBlock } from './registration-number';
import { selectSpotCheckSample } from './spot-check';
import {
  campaign2025,
  checkContract,
  realAddWorkingDays,
  realRecomputeDeadline,
  USCC_A,
  USCC_B,
  WEIDONG,
  XINHUA,
  YUEYANGLOU,
} from './test-support/fixtures';

const views: EvaluationItemView[] = [
  { evaluationId: 'ev-a', uscc: USCC_A, year: 2025, status: 'forwarded', countyCode: XINHUA },
  { evaluationId: 'ev-b', uscc: USCC_B, year: 2025, status: 'forwarded', countyCode: WEIDONG },
  { evaluationId: 'ev-c', uscc: '91410404MA1XXXXX0A', year: 2025, status: 'forwarded', countyCode: XINHUA },
  { evaluationId: 'ev-sub', uscc: '91410405MA1XXXXX0B', year: 2025, status: 'submitted', countyCode: XINHUA },
  { evaluationId: 'ev-wd', uscc: '91410406MA1XXXXX0C', year: 2025, status: 'withdrawn', countyCode: XINHUA },
  {
    evaluationId: 'ev-hn',
    uscc: '91430602MA1XXXXX0D',
    year: 2025,
    status: 'forwarded',
    countyCode: YUEYANGLOU,
  },
  { evaluationId: 'ev-24', uscc: '91410407MA1XXXXX0E', year: 2024, status: 'forwarded', countyCode: XINHUA },
];

function ctx(patch: Partial<BatchContext> = {}): BatchContext {
  return {
    today: '2025-09-26',
    evaluation: (id) => views.find((v) => v.evaluationId === id) ?? null,
    campaign: (_p, year) => (year === 2025 ? campaign2025 : null),
    addWorkingDays: realAddWorkingDays,
    recomputeDeadline: realRecomputeDeadline,
    registrationNumberFormat: () => DEFAULT_REGISTRATION_NUMBER_FORMAT,
    ...patch,
  };
}

const fold = (events: BatchEvent[]): BatchState => events.reduce(evolveBatch, initialBatchState);
const { given } = deciderSpec(batchDecider, { ctx: ctx(), check: checkContract });
function history(
  steps: Array<[BatchCommand, Partial<BatchContext>?]>,
  from: BatchEvent[] = [],
): BatchEvent[] {
  const out = [...from];
  for (const [c, patch] of steps) out.push(...decideBatch(c, fold(out), ctx(patch)));
  return out;
}

const addCmd = (ids: string[], batchId = 'b1'): BatchCommand => ({
  type: 'AddToBatch',
  batchId,
  provinceCode: '410000',
  year: 2025,
  evaluationIds: ids,
});
const formed = history([[addCmd(['ev-a', 'ev-b', 'ev-c'])]]);
// Opened on Friday 2025-09-26: ten working days across National Day end on 2025-10-16.
const opened = history([[{ type: 'OpenPublicNotice' }]], formed);
const lodge = (
  objectionId: string,
  evaluationId: string,
  today = '2025-10-09',
): [BatchCommand, Partial<BatchContext>] => [
  { type: 'LodgeObjection', objectionId, evaluationId, summary: '研发费用存疑' },
  { today },
];
const resolve = (
  objectionId: string,
  outcome: 'upheld' | 'dismissed',
): [BatchCommand, Partial<BatchContext>] => [
  { type: 'ResolveObjection', objectionId, outcome, finding: '已核实' },
  { today: '2025-10-15' },
];
const withObjections = history(
  [lodge('o1', 'ev-a'), lodge('o2', 'ev-b'), resolve('o1', 'dismissed'), resolve('o2', 'upheld')],
  opened,
);
const block = (first: number, count: number, provinceCode = '410000', year = 2025): SequenceBlock => ({
  provinceCode,
  year,
  first,
  count,
});
const CLOSE: BatchCommand = { type: 'ClosePublicNotice' };

describe('batch decider: forming a batch', () => {
  it('forms a batch of forwarded items with their county', () => {
    expect(given([]).when(addCmd(['ev-a', 'ev-b']))).toEqual({
      events: [
        {
          type: 'AddedToBatch',
          data: {
            batchId: 'b1',
            provinceCode: '410000',
            year: 2025,
            addedOn: '2025-09-26',
            items: [
              { evaluationId: 'ev-a', uscc: USCC_A, countyCode: XINHUA },
              { evaluationId: 'ev-b', uscc: USCC_B, countyCode: WEIDONG },
            ],
          },
        },
      ],
    });
  });

  it('adds further items while the batch is forming', () => {
    const two = history([[addCmd(['ev-a'])], [addCmd(['ev-b'])]]);
    expect(fold(two)?.items.map((i) => i.evaluationId)).toEqual(['ev-a', 'ev-b']);
  });

  it.each<[string, string[], string]>([
    ['an item still in the county queue', ['ev-sub'], 'conflict:not_forwarded'],
    ['a withdrawn item', ['ev-wd'], 'conflict:not_forwarded'],
    ['an item of another province', ['ev-hn'], 'invalid:other_province'],
    ['an item of another campaign year', ['ev-24'], 'invalid:other_year'],
    ['an unknown item', ['ev-none'], 'not_found:no_evaluation'],
    ['an empty list', [], 'invalid:bad_item_list'],
    ['a repeated item', ['ev-a', 'ev-a'], 'invalid:bad_item_list'],
  ])('refuses %s', (_l, ids, error) => {
    expect(given([]).when(addCmd(ids))).toEqual({ error });
  });

  it('refuses an item already in the batch, and additions after the notice opened', () => {
    expect(given(formed).when(addCmd(['ev-a']))).toEqual({ error: 'conflict:already_in_batch' });
    expect(given(opened).when(addCmd(['ev-c']))).toEqual({ error: 'conflict:notice_already_opened' });
  });
});

describe('batch decider: public notice', () => {
  it('opens a 10-working-day notice; holidays of National Day 2025 do not count', () => {
    expect(given(formed).when({ type: 'OpenPublicNotice' })).toEqual({
      events: [
        {
          type: 'PublicNoticeOpened',
          data: {
            batchId: 'b1',
            openedOn: '2025-09-26',
            endsOn: '2025-10-16',
            workingDays: 10,
            provisional: false,
            calendarReferences: [
              '2025 built-in: chinese-days@1.5.7 (国务院办公厅关于2025年部分节假日安排的通知)',
            ],
          },
        },
      ],
    });
  });

  it('refuses to open twice, or a batch that does not exist', () => {
    expect(given(opened).when({ type: 'OpenPublicNotice' })).toEqual({
      error: 'conflict:notice_already_opened',
    });
    expect(given([]).when({ type: 'OpenPublicNotice' })).toEqual({ error: 'not_found:no_batch' });
  });

  it('takes objections during the window, including its last day, and not after', () => {
    const [c] = lodge('o1', 'ev-a');
    expect(given(opened).when(c, ctx({ today: '2025-10-16' }))).toEqual({
      events: [
        {
          type: 'ObjectionLodged',
          data: {
            batchId: 'b1',
            objectionId: 'o1',
            evaluationId: 'ev-a',
            summary: '研发费用存疑',
            lodgedOn: '2025-10-16',
          },
        },
      ],
    });
    expect(given(opened).when(c, ctx({ today: '2025-10-17' }))).toEqual({
      error: 'conflict:outside_notice_window',
    });
    expect(given(formed).when(c)).toEqual({ error: 'conflict:outside_notice_window' });
  });

  it('refuses a repeated objection id, an item outside the batch, and an item already rejected', () => {
    const one = history([lodge('o1', 'ev-a')], opened);
    expect(given(one).when(lodge('o1', 'ev-b')[0], ctx({ today: '2025-10-09' }))).toEqual({
      error: 'conflict:duplicate_objection',
    });
    expect(given(opened).when(lodge('o9', 'ev-hn')[0], ctx({ today: '2025-10-09' }))).toEqual({
      error: 'not_found:not_in_batch',
    });
    expect(given(withObjections).when(lodge('o3', 'ev-b')[0], ctx({ today: '2025-10-15' }))).toEqual({
      error: 'conflict:item_rejected',
    });
  });

  it('resolves each objection once: upheld rejects the item, dismissed lets it continue', () => {
    const state = fold(withObjections);
    expect(state?.items.map((i) => [i.evaluationId, i.status])).toEqual([
      ['ev-a', 'pending'],
      ['ev-b', 'rejected'],
      ['ev-c', 'pending'],
    ]);
    expect(given(withObjections).when(resolve('o1', 'upheld')[0])).toEqual({
      error: 'conflict:objection_resolved',
    });
    expect(given(withObjections).when(resolve('o7', 'upheld')[0])).toEqual({
      error: 'not_found:no_objection',
    });
    expect(entriesToNumber(state)).toBe(2);
  });
});

describe('batch decider: closing and entry', () => {
  // 公示 rule (tech-sme.md; policy noticeClosableOn): the notice closes only after its last day, today > endsOn.
  it.each(['2025-10-15', '2025-10-16'])(
    'refuses to close on %s, not after the last day 2025-10-16',
    (today) => {
      expect(given(withObjections).when(CLOSE, ctx({ today, sequenceBlock: block(1, 2) }))).toEqual({
        error: 'conflict:notice_not_ended',
      });
    },
  );

  it('refuses to close while an objection is unresolved', () => {
    const open = history([lodge('o3', 'ev-c', '2025-10-16')], withObjections);
    expect(given(open).when(CLOSE, ctx({ today: '2025-10-20', sequenceBlock: block(1, 2) }))).toEqual({
      error: 'conflict:objection_unresolved',
    });
  });

  it.each<[string, SequenceBlock | undefined]>([
    ['no reservation', undefined],
    ['a reservation for another province', block(1, 2, '430000')],
    ['a reservation for another year', block(1, 2, '410000', 2024)],
    ['too small a reservation', block(1, 1)],
  ])('refuses to close with %s of registration numbers', (_l, sequenceBlock) => {
    const at = ctx({ today: '2025-10-17', ...(sequenceBlock ? { sequenceBlock } : {}) });
    expect(given(withObjections).when(CLOSE, at)).toEqual({ error: 'invalid:sequence_block_required' });
  });

  it('closes the day after the end date and enters every remaining item with a number and the campaign validity', () => {
    expect(
      given(withObjections).when(CLOSE, ctx({ today: '2025-10-17', sequenceBlock: block(41, 2) })),
    ).toEqual({
      events: [
        {
          type: 'PublicNoticeClosed',
          data: { batchId: 'b1', closedOn: '2025-10-17', entered: ['ev-a', 'ev-c'], rejected: ['ev-b'] },
        },
        {
          type: 'SmeEntered',
          data: {
            batchId: 'b1',
            evaluationId: 'ev-a',
            uscc: USCC_A,
            year: 2025,
            countyCode: XINHUA,
            registrationNumber: '202541000041',
            enteredOn: '2025-10-17',
            validUntil: '2026-03-31',
          },
        },
        {
          type: 'SmeEntered',
          data: {
            batchId: 'b1',
            evaluationId: 'ev-c',
            uscc: '91410404MA1XXXXX0A',
            year: 2025,
            countyCode: XINHUA,
            registrationNumber: '202541000042',
            enteredOn: '2025-10-17',
            validUntil: '2026-03-31',
          },
        },
      ],
    });
  });

  it('needs no numbers when every item was rejected, and cannot close twice', () => {
    const allRejected = history(
      [lodge('o3', 'ev-a'), lodge('o4', 'ev-c'), resolve('o3', 'upheld'), resolve('o4', 'upheld')],
      withObjections,
    );
    const closed = history([[CLOSE, { today: '2025-10-17' }]], allRejected);
    expect(closed.at(-1)).toEqual({
      type: 'PublicNoticeClosed',
      data: { batchId: 'b1', closedOn: '2025-10-17', entered: [], rejected: ['ev-a', 'ev-b', 'ev-c'] },
    });
    expect(given(closed).when(CLOSE, ctx({ today: '2025-10-18' }))).toEqual({
      error: 'conflict:notice_not_open',
    });
    expect(given(formed).when(CLOSE)).toEqual({ error: 'conflict:notice_not_open' });
  });

  it('keeps numbers unique per province and year when batches close concurrently', () => {
    // The shell's atomic counter per province+year: each close reserves its block before deciding.
    const counters = new Map<string, number>();
    const reserve = (provinceCode: string, year: number, count: number): SequenceBlock => {
      const key = `${provinceCode}/${year}`;
      const first = (counters.get(key) ?? 0) + 1;
      counters.set(key, first + count - 1);
      return { provinceCode, year, first, count };
    };
    const many = Array.from({ length: 30 }, (_, i) => ({
      evaluationId: `ev-${i}`,
      uscc: USCC_A,
      year: 2025,
      status: 'forwarded' as const,
      countyCode: i % 2 ? XINHUA : WEIDONG,
    }));
    const at = (p: Partial<BatchContext>) =>
      ctx({ evaluation: (id) => many.find((v) => v.evaluationId === id) ?? null, ...p });
    const open = (batchId: string, ids: string[]) => {
      let h: BatchEvent[] = [];
      for (const c of [addCmd(ids, batchId), { type: 'OpenPublicNotice' } as const])
        h = [...h, ...decideBatch(c, fold(h), at({}))];
      return fold(h);
    };
    // Three batches read their state at the same time; each reserves its block, then they close in another order.
    const states = [
      open('b1', ['ev-0', 'ev-1', 'ev-2']),
      open(
        'b2',
        many.slice(3, 20).map((v) => v.evaluationId),
      ),
      open(
        'b3',
        many.slice(20).map((v) => v.evaluationId),
      ),
    ];
    const blocks = states.map((s) => reserve('410000', 2025, entriesToNumber(s)));
    const numbers = [2, 0, 1]
      .flatMap((k) =>
        decideBatch(CLOSE, states[k] ?? null, at({ today: '2025-10-17', sequenceBlock: blocks[k] })),
      )
      .flatMap((e) => (e.type === 'SmeEntered' ? [e.data.registrationNumber] : []));
    expect(numbers).toHaveLength(30);
    expect(new Set(numbers).size).toBe(30);
    expect([...numbers].sort()[0]).toBe('202541000001');
    expect([...numbers].sort()[29]).toBe('202541000030');
  });

  it('records each spot check once, only of entered items, after the close', () => {
    const closed = history([[CLOSE, { today: '2025-10-17', sequenceBlock: block(1, 2) }]], withObjections);
    const check = (evaluationId: string): BatchCommand => ({
      type: 'RecordSpotCheck',
      evaluationId,
      selection: 'random',
      outcome: 'passed',
      findings: '材料与现场一致',
    });
    expect(given(closed).when(check('ev-a'), ctx({ today: '2025-11-03' }))).toEqual({
      events: [
        {
          type: 'SpotCheckRecorded',
          data: {
            batchId: 'b1',
            evaluationId: 'ev-a',
            uscc: USCC_A,
            checkedOn: '2025-11-03',
            selection: 'random',
            outcome: 'passed',
            findings: '材料与现场一致',
          },
        },
      ],
    });
    expect(given(history([[check('ev-a')]], closed)).when(check('ev-a'))).toEqual({
      error: 'conflict:already_checked',
    });
    expect(given(closed).when(check('ev-b'))).toEqual({ error: 'conflict:not_entered' });
    expect(given(opened).when(check('ev-a'))).toEqual({ error: 'conflict:not_entered' });
    expect(given(closed).when(check('ev-zz'))).toEqual({ error: 'not_found:not_in_batch' });
  });

  // tech-sme.md workflow 8 (抽查): at least 5 % of the batch at random (at least one) plus every flagged case; a
  // result for an item outside the drawn sample is refused.
  it('takes spot-check results only for the drawn sample, which always includes the flagged items', () => {
    const closed = history([[CLOSE, { today: '2025-10-17', sequenceBlock: block(1, 2) }]], withObjections);
    const check = (evaluationId: string, selection: 'random' | 'flagged' = 'random'): BatchCommand => ({
      type: 'RecordSpotCheck',
      evaluationId,
      selection,
      outcome: 'passed',
      findings: '材料与现场一致',
    });
    const sample = selectSpotCheckSample(['ev-a', 'ev-c'], 'b1');
    expect(sample.random).toHaveLength(1); // ⌈2 × 5 %⌉ = 1
    const [drawn] = sample.random;
    const other = drawn === 'ev-a' ? 'ev-c' : 'ev-a';
    expect(given(closed).when(check(drawn!), ctx({ today: '2025-11-03' })).events).toHaveLength(1);
    expect(given(closed).when(check(other), ctx({ today: '2025-11-03' }))).toEqual({
      error: 'conflict:not_in_sample',
    });
    // Flagged for an on-site check: always in the sample.
    const flaggedCtx = ctx({
      today: '2025-11-03',
      evaluation: (id) => {
        const v = views.find((x) => x.evaluationId === id);
        return v ? { ...v, onSiteFlagged: id === other } : null;
      },
    });
    expect(given(closed).when(check(other, 'flagged'), flaggedCtx).events).toHaveLength(1);
  });
});
