import { DEFAULT_CALENDAR, type HolidayArrangement } from '@peiyu/policy';
import { policyPorts } from '../campaigns';
import {
  decideBatch,
  decideEvaluation,
  evolveBatch,
  evolveEvaluation,
  type BatchCommand,
  type BatchContext,
  type BatchEvent,
  type EvaluationCommand,
  type EvaluationEvent,
  type EvaluationState,
  type BatchState,
} from '../domain';
import { checkContract, evaluationCtx, goodForm, USCC_A, XINHUA } from '../domain/test-support/fixtures';

// people-and-places.md, "The working-day calendar": a year without the official arrangement is counted
// provisionally and every deadline counted with it says so; after publication open provisional deadlines are
// recounted — a later date moves the deadline, an earlier one is ignored; no date 2017–2035 fails.

const EXAMPLE = 'EXAMPLE — not an official notice';
/** 2027 with Monday 4 January off as well (one working day fewer in the first week). */
const LONGER: HolidayArrangement = {
  year: 2027,
  holidays: ['2027-01-01', '2027-01-04'],
  workdays: [],
  reference: EXAMPLE,
};
/** 2027 where 1 January is no holiday (a deadline over it would come earlier — and must not move). */
const SHORTER: HolidayArrangement = {
  year: 2027,
  holidays: ['2027-02-06'],
  workdays: [],
  reference: EXAMPLE,
};
const PROVISIONAL = policyPorts(DEFAULT_CALENDAR);
const after = (a: HolidayArrangement) => policyPorts(DEFAULT_CALENDAR.withArrangement(a));

const foldE = (es: EvaluationEvent[]): EvaluationState =>
  es.reduce(evolveEvaluation, null as EvaluationState);
const foldB = (es: BatchEvent[]): BatchState => es.reduce(evolveBatch, null as BatchState);

function evaluationOn(today: string, year = Number(today.slice(0, 4))): EvaluationEvent[] {
  const ctx = evaluationCtx({ today, ...PROVISIONAL });
  const out: EvaluationEvent[] = [];
  const steps: EvaluationCommand[] = [
    { type: 'DraftSmeEvaluation', evaluationId: 'ev-1', uscc: USCC_A, year, form: goodForm },
    { type: 'SubmitSmeEvaluation' },
  ];
  for (const c of steps) out.push(...decideEvaluation(c, foldE(out), ctx));
  checkContract(out);
  return out;
}

function batchCtx(today: string, ports = PROVISIONAL): BatchContext {
  return {
    today,
    evaluation: (id) => ({
      evaluationId: id,
      uscc: USCC_A,
      year: Number(today.slice(0, 4)),
      status: 'forwarded',
      countyCode: XINHUA,
    }),
    registrationNumberFormat: () => '{year}{province}{seq:6}',
    ...ports,
  };
}

function noticeOn(today: string): BatchEvent[] {
  const out: BatchEvent[] = [];
  const steps: BatchCommand[] = [
    {
      type: 'AddToBatch',
      batchId: 'b1',
      provinceCode: '410000',
      year: Number(today.slice(0, 4)),
      evaluationIds: ['ev-1'],
    },
    { type: 'OpenPublicNotice' },
  ];
  for (const c of steps) out.push(...decideBatch(c, foldB(out), batchCtx(today)));
  checkContract(out);
  return out;
}

describe('deadlines over a provisional year', () => {
  it('flags a county review due date counted into 2027 as provisional, with its sources', () => {
    const submitted = evaluationOn('2026-12-28', 2026).at(-1)!;
    // 12-29, 12-30, 12-31, (1 January off), 01-04, 01-05
    expect(submitted.data).toMatchObject({ dueOn: '2027-01-05', provisional: true, reviewWorkingDays: 5 });
    expect((submitted.data as { calendarReferences: string[] }).calendarReferences.join(' ')).toMatch(
      /2027 provisional/,
    );
  });

  it('flags a 公示 end counted into 2027 as provisional', () => {
    expect(noticeOn('2026-12-28').at(-1)!.data).toMatchObject({
      endsOn: '2027-01-12',
      provisional: true,
      workingDays: 10,
    });
  });

  it('does not flag a deadline inside a year with official data', () => {
    expect(evaluationOn('2025-09-30').at(-1)!.data).toMatchObject({ provisional: false });
  });
});

describe('recomputation after publication never shortens', () => {
  const recompute = { calendarYear: 2027, calendarReference: EXAMPLE };

  it('moves a provisional review due date later, with both dates', () => {
    const history = evaluationOn('2026-12-28', 2026);
    const ctx = evaluationCtx({ today: '2026-12-30', ...after(LONGER) });
    const moved = decideEvaluation({ type: 'RecomputeReviewDue', ...recompute }, foldE(history), ctx);
    expect(moved).toEqual([
      {
        type: 'ReviewDueDateMoved',
        data: {
          evaluationId: 'ev-1',
          uscc: USCC_A,
          year: 2026,
          previousDueOn: '2027-01-05',
          dueOn: '2027-01-06',
          ...recompute,
          movedOn: '2026-12-30',
          provisional: false,
        },
      },
    ]);
    checkContract(moved);
    const state = foldE([...history, ...moved]);
    expect(state).toMatchObject({ dueOn: '2027-01-06', due: { provisional: false } });
    // Recounting again finds nothing to move (idempotent), and the deadline is no longer provisional.
    expect(decideEvaluation({ type: 'RecomputeReviewDue', ...recompute }, state, ctx)).toEqual([]);
  });

  it('ignores an earlier date: the due date stays', () => {
    const history = evaluationOn('2026-12-28', 2026);
    const ctx = evaluationCtx({ today: '2026-12-30', ...after(SHORTER) });
    expect(decideEvaluation({ type: 'RecomputeReviewDue', ...recompute }, foldE(history), ctx)).toEqual([]);
  });

  it('moves a provisional notice end later and ignores an earlier one', () => {
    const history = noticeOn('2026-12-28');
    const later = decideBatch(
      { type: 'RecomputeNoticeEnd', ...recompute },
      foldB(history),
      batchCtx('2026-12-30', after(LONGER)),
    );
    expect(later).toEqual([
      {
        type: 'PublicNoticeEndMoved',
        data: {
          batchId: 'b1',
          previousEndsOn: '2027-01-12',
          endsOn: '2027-01-13',
          ...recompute,
          movedOn: '2026-12-30',
          provisional: false,
        },
      },
    ]);
    checkContract(later);
    expect(foldB([...history, ...later])?.notice).toMatchObject({ endsOn: '2027-01-13', provisional: false });
    expect(
      decideBatch(
        { type: 'RecomputeNoticeEnd', ...recompute },
        foldB(history),
        batchCtx('2026-12-30', after(SHORTER)),
      ),
    ).toEqual([]);
  });
});

describe('no date from 2017 to 2035 fails a deadline', () => {
  const days = ['01-01', '02-10', '06-30', '09-30', '12-17', '12-31'];
  const years = Array.from({ length: 19 }, (_, i) => 2017 + i);
  it.each(years)('submits and opens a notice on every sample day of %i', (year) => {
    for (const d of days) {
      const today = `${year}-${d}`;
      const submitted = evaluationOn(today).at(-1)!;
      expect(submitted.type).toBe('SmeEvaluationSubmitted');
      expect((submitted.data as { dueOn: string }).dueOn > today).toBe(true);
      const opened = noticeOn(today).at(-1)!;
      expect(opened.type).toBe('PublicNoticeOpened');
      expect((opened.data as { endsOn: string }).endsOn > today).toBe(true);
    }
  });
});
