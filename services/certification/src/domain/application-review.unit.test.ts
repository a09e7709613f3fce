import { deciderSpec, type DecisionContext } from '@peiyu/eventstore';
import { applicationDecider, type ApplicationCommand } from './application';
import { hasCode } from './errors';
import type { ApplicationEvent } from './events';
import { drawPanel } from './panel';
import type { ExpertSheetInput, TechnicalSheet } from './scores';
import {
  goodForm,
  history,
  on,
  pool,
  ports,
  recommendedSteps,
  ref,
  SEED,
  USCC,
  draftCmd,
} from './test-support/application-fixtures';

const d = applicationDecider(ports());
const messageOf = (code: string, pattern: RegExp) => (e: unknown) =>
  hasCode(code)(e) && pattern.test((e as Error).message);
type Step = [ApplicationCommand, DecisionContext];

const technical = (conversion = 20): TechnicalSheet => ({
  role: 'technical',
  ip: { advancement: 7, coreSupport: 7, quantity: 7, acquisition: 5, bonus: 0 },
  conversion,
  organisation: { management: 4, institution: 4, incentives: 3, training: 3 },
});
const financial = (netAssetGrowth = 5, salesGrowth = 5): ExpertSheetInput => ({
  role: 'financial',
  netAssetGrowth,
  salesGrowth,
});

const drawStep: Step = [{ type: 'DrawPanel', seed: SEED }, on('2022-07-20', 'province_reviewer')];
const drawnHistory = history([...recommendedSteps, drawStep]);
const panelEvent = drawnHistory[3] as Extract<ApplicationEvent, { type: 'PanelDrawn' }>;
const members = panelEvent.data.members;
const techIds = members.filter((m) => m.role === 'technical').map((m) => m.expertId);
const finIds = members.filter((m) => m.role === 'financial').map((m) => m.expertId);

/** Every member scores: the technical experts get conversions[i], the financial expert `fin`. */
function scoreSteps(conversions: number[], fin = financial()): Step[] {
  return [
    ...techIds.map((expertId, i): Step => [
      { type: 'RecordExpertScore', expertId, sheet: technical(conversions[i]) },
      on('2022-07-25', 'expert'),
    ]),
    ...finIds.map((expertId): Step => [
      { type: 'RecordExpertScore', expertId, sheet: fin },
      on('2022-07-25', 'expert'),
    ]),
  ];
}
const concludeStep: Step = [{ type: 'ConcludeReview' }, on('2022-08-01', 'province_reviewer')];
const passedHistory = history([...recommendedSteps, drawStep, ...scoreSteps([21, 20, 20, 20]), concludeStep]);
const openStep: Step = [
  { type: 'OpenPublicNotice', noticeId: 'n-43-2022-1' },
  on('2022-08-03', 'province_reviewer'),
];
const noticeHistory = history([
  ...recommendedSteps,
  drawStep,
  ...scoreSteps([21, 20, 20, 20]),
  concludeStep,
  openStep,
]);

describe('panel draw', () => {
  it('draws from the province pool with the recorded seed and snapshot, as drawPanel does', () => {
    const expected = drawPanel({
      pool: { snapshotId: 'hnte-expert-pool-430000@8', experts: pool },
      field: 'new_materials',
      uscc: USCC,
      seed: SEED,
      rules: { minExperts: 5, minTechnicalShare: '0.60', minFinancial: 1 },
    });
    deciderSpec(d)
      .given(history(recommendedSteps))
      .when(drawStep[0], drawStep[1])
      .then([
        {
          type: 'PanelDrawn',
          data: {
            ...ref,
            drawnOn: '2022-07-20',
            algorithm: 'sha256-ctr-v1',
            seed: SEED,
            pool: { snapshotId: 'hnte-expert-pool-430000@8', hash: expected.poolHash, size: 8 },
            field: 'new_materials',
            members: expected.members,
            excluded: [{ expertId: 't6', reason: 'same_organisation' }],
          },
        },
      ]);
    expect(techIds).toHaveLength(4);
    expect(finIds).toHaveLength(1);
  });

  it('refuses before a recommendation, with a bad seed, or when the pool cannot make a panel', () => {
    deciderSpec(d)
      .given(history(recommendedSteps.slice(0, 2)))
      .when(drawStep[0], drawStep[1])
      .thenRejects('wrong_status');
    deciderSpec(d)
      .given(history(recommendedSteps))
      .when({ type: 'DrawPanel', seed: 'xyz' }, drawStep[1])
      .thenRejects('bad_seed');
    const noFinancial = ports({ pool: pool.filter((e) => e.expertise.kind !== 'financial') });
    deciderSpec(applicationDecider(noFinancial))
      .given(history(recommendedSteps))
      .when(drawStep[0], drawStep[1])
      .thenRejects('panel_too_few_financial');
  });
});

describe('expert scores', () => {
  const given = deciderSpec(d).given(drawnHistory);

  it('records a technical sheet with its total (IP part capped at 30)', () => {
    given
      .when(
        { type: 'RecordExpertScore', expertId: techIds[0]!, sheet: technical() },
        on('2022-07-25', 'expert'),
      )
      .then([
        {
          type: 'ExpertScoreRecorded',
          data: { ...ref, expertId: techIds[0]!, recordedOn: '2022-07-25', sheet: technical(), total: 60 },
        },
      ]);
    const capped: TechnicalSheet = {
      ...technical(),
      ip: { advancement: 8, coreSupport: 8, quantity: 8, acquisition: 6, bonus: 2 },
    };
    given
      .when({ type: 'RecordExpertScore', expertId: techIds[0]!, sheet: capped }, on('2022-07-25', 'expert'))
      .then([
        {
          type: 'ExpertScoreRecorded',
          data: {
            ...ref,
            expertId: techIds[0]!,
            recordedOn: '2022-07-25',
            sheet: capped,
            total: 30 + 20 + 14,
          },
        },
      ]);
  });

  it('records a financial sheet from the growth ranges', () => {
    given
      .when(
        { type: 'RecordExpertScore', expertId: finIds[0]!, sheet: financial(6, 5) },
        on('2022-07-25', 'expert'),
      )
      .then([
        {
          type: 'ExpertScoreRecorded',
          data: {
            ...ref,
            expertId: finIds[0]!,
            recordedOn: '2022-07-25',
            sheet: { role: 'financial', netAssetGrowth: 6, salesGrowth: 5, manualReview: [] },
            total: 11,
          },
        },
      ]);
  });

  it('refuses a score outside its range, naming the item and the range', () => {
    const tooMuch = {
      ...technical(),
      ip: { ...technical().ip, quantity: 9 },
    } as ExpertSheetInput;
    given
      .when({ type: 'RecordExpertScore', expertId: techIds[0]!, sheet: tooMuch }, on('2022-07-25'))
      .thenThrows(
        messageOf('score_out_of_range', /ip\.quantity = 9 is outside its range 7–8 \(data-derived grade\)/),
      );
    given
      .when({ type: 'RecordExpertScore', expertId: techIds[0]!, sheet: technical(25) }, on('2022-07-25'))
      .thenThrows(messageOf('score_out_of_range', /conversion = 25 is outside its range 19–24/));
    const half = {
      ...technical(),
      organisation: { management: 4.5, institution: 4, incentives: 3, training: 3 },
    } as ExpertSheetInput;
    given
      .when({ type: 'RecordExpertScore', expertId: techIds[0]!, sheet: half }, on('2022-07-25'))
      .thenThrows(messageOf('score_out_of_range', /organisation\.management = 4\.5 .*integers/));
    given
      .when({ type: 'RecordExpertScore', expertId: finIds[0]!, sheet: financial(9, 5) }, on('2022-07-25'))
      .thenThrows(messageOf('score_out_of_range', /netAssetGrowth = 9 is outside its range 5–6/));
  });

  it('lets only panel members score, once each, on the sheet of their role', () => {
    given
      .when({ type: 'RecordExpertScore', expertId: 't6', sheet: technical() }, on('2022-07-25'))
      .thenRejects('not_on_panel');
    given
      .when({ type: 'RecordExpertScore', expertId: techIds[0]!, sheet: financial() }, on('2022-07-25'))
      .thenRejects('wrong_sheet');
    const once = history([...recommendedSteps, drawStep, ...scoreSteps([20]).slice(0, 1)]);
    deciderSpec(d)
      .given(once)
      .when({ type: 'RecordExpertScore', expertId: techIds[0]!, sheet: technical() }, on('2022-07-26'))
      .thenRejects('score_already_recorded');
    deciderSpec(d)
      .given(history(recommendedSteps))
      .when({ type: 'RecordExpertScore', expertId: techIds[0]!, sheet: technical() }, on('2022-07-26'))
      .thenRejects('wrong_status');
  });

  it('flags the net-asset growth for manual review when net assets were negative, leaving 0–10 to the expert', () => {
    const negative = {
      ...goodForm,
      financials: goodForm.financials.map((y, i) => (i === 0 ? { ...y, liabilities: y.totalAssets + 1 } : y)),
    };
    const steps: Step[] = [
      [{ ...draftCmd, form: negative }, on('2022-05-20')],
      ...recommendedSteps.slice(1),
      drawStep,
    ];
    const events = history(steps);
    const submitted = events[1] as Extract<ApplicationEvent, { type: 'HnteApplicationSubmitted' }>;
    expect(submitted.data.precheck.ranges.netAssetGrowth).toMatchObject({
      manualReview: true,
      rate: null,
      min: 0,
      max: 10,
    });
    deciderSpec(d)
      .given(events)
      .when({ type: 'RecordExpertScore', expertId: finIds[0]!, sheet: financial(9, 5) }, on('2022-07-25'))
      .then([
        {
          type: 'ExpertScoreRecorded',
          data: {
            ...ref,
            expertId: finIds[0]!,
            recordedOn: '2022-07-25',
            sheet: { role: 'financial', netAssetGrowth: 9, salesGrowth: 5, manualReview: ['netAssetGrowth'] },
            total: 14,
          },
        },
      ]);
  });
});

describe('review conclusion', () => {
  const conclude = (conversions: number[], fin = financial()) =>
    history([...recommendedSteps, drawStep, ...scoreSteps(conversions, fin)]);
  const concluded = (events: ApplicationEvent[]) =>
    d.decide({ type: 'ConcludeReview' }, deciderSpec(d).given(events).state, on('2022-08-01'))[0] as Extract<
      ApplicationEvent,
      { type: 'ReviewConcluded' }
    >;

  it('fails at exactly 70: the average must be strictly above (condition 7, no rounding)', () => {
    const e = concluded(conclude([20, 20, 20, 20]));
    expect(e.data).toMatchObject({
      average: '70',
      technicalAverage: '60',
      financialAverage: '10',
      scorePassed: false,
      passed: false,
      unmetConditions: [],
    });
  });

  it('passes at 70.25, kept exact', () => {
    const e = concluded(conclude([21, 20, 20, 20]));
    expect(e.data).toMatchObject({
      average: '281/4',
      scorePassed: true,
      passed: true,
      ruleSetId: 'hnte-2016-32',
    });
    expect(e.data.experts.map((x) => x.total).sort()).toEqual([10, 60, 60, 60, 61]);
    expect(e.data.trace.steps.at(-1)?.rule).toBe('hnte.review.outcome');
  });

  it('fails an application above 70 whose pre-check left a condition unmet', () => {
    const weak = { ...goodForm, techStaff: 5 };
    const steps: Step[] = [
      [{ ...draftCmd, form: weak }, on('2022-05-20')],
      ...recommendedSteps.slice(1),
      drawStep,
      ...scoreSteps([24, 24, 24, 24], financial(6, 6)),
    ];
    const e = concluded(history(steps));
    expect(e.data).toMatchObject({ scorePassed: true, unmetConditions: [4], passed: false });
  });

  it("needs every member's scores, and moves the application to passed or failed", () => {
    deciderSpec(d)
      .given(history([...recommendedSteps, drawStep, ...scoreSteps([20]).slice(0, 4)]))
      .when(concludeStep[0], concludeStep[1])
      .thenThrows(messageOf('scores_missing', new RegExp(finIds[0]!)));
    expect(deciderSpec(d).given(passedHistory).state?.status).toBe('review_passed');
    const failed = [...conclude([20, 20, 20, 20]), concluded(conclude([20, 20, 20, 20]))];
    expect(deciderSpec(d).given(failed).state?.status).toBe('review_failed');
    deciderSpec(d).given(failed).when(openStep[0], openStep[1]).thenRejects('wrong_status');
    deciderSpec(d)
      .given(failed)
      .when({ type: 'WithdrawHnteApplication' }, on('2022-08-02'))
      .thenRejects('wrong_status');
  });
});

describe('public notice (公示)', () => {
  it('opens for 10 working days and records whether the calendar was provisional', () => {
    deciderSpec(d)
      .given(passedHistory)
      .when(openStep[0], openStep[1])
      .then([
        {
          type: 'HntePublicNoticeOpened',
          data: {
            ...ref,
            noticeId: 'n-43-2022-1',
            openedOn: '2022-08-03',
            endsOn: '2022-08-17',
            workingDays: 10,
            provisional: false,
          },
        },
      ]);
    const provisional = applicationDecider(ports({ provisional: true }));
    const [e] = provisional.decide(openStep[0], deciderSpec(d).given(passedHistory).state, openStep[1]);
    expect(e).toMatchObject({ data: { provisional: true } });
  });

  const lodge = (objectionId: string, day = '2022-08-10'): Step => [
    {
      type: 'LodgeObjection',
      objectionId,
      objectorName: '张三',
      statementRef: 'objections/2022/001.pdf',
      summary: '研发费用存疑',
    },
    on(day, 'province_reviewer'),
  ];
  const resolveStep = (objectionId: string, outcome: 'upheld' | 'dismissed'): Step => [
    { type: 'ResolveObjection', objectionId, outcome, finding: '经核实' },
    on('2022-08-12', 'province_reviewer'),
  ];

  it('takes objections under a real name while the notice runs', () => {
    deciderSpec(d)
      .given(noticeHistory)
      .when(lodge('o1')[0], lodge('o1')[1])
      .then([
        {
          type: 'HnteObjectionLodged',
          data: {
            ...ref,
            objectionId: 'o1',
            lodgedOn: '2022-08-10',
            objectorName: '张三',
            statementRef: 'objections/2022/001.pdf',
            summary: '研发费用存疑',
          },
        },
      ]);
    deciderSpec(d)
      .given(noticeHistory)
      .when(lodge('o1', '2022-08-18')[0], lodge('o1', '2022-08-18')[1])
      .thenThrows(messageOf('notice_ended', /2022-08-17/));
    const anonymous = {
      ...(lodge('o1')[0] as Extract<ApplicationCommand, { type: 'LodgeObjection' }>),
      objectorName: ' ',
    };
    deciderSpec(d).given(noticeHistory).when(anonymous, on('2022-08-10')).thenRejects('objection_not_named');
  });

  it('resolves each objection once', () => {
    const withObjection = [
      ...noticeHistory,
      {
        type: 'HnteObjectionLodged',
        data: {
          ...ref,
          objectionId: 'o1',
          lodgedOn: '2022-08-10',
          objectorName: '张三',
          statementRef: 's',
          summary: '存疑',
        },
      } as ApplicationEvent,
    ];
    deciderSpec(d)
      .given(withObjection)
      .when(resolveStep('o1', 'dismissed')[0], resolveStep('o1', 'dismissed')[1])
      .then([
        {
          type: 'HnteObjectionResolved',
          data: {
            ...ref,
            objectionId: 'o1',
            outcome: 'dismissed',
            resolvedOn: '2022-08-12',
            finding: '经核实',
          },
        },
      ]);
    deciderSpec(d)
      .given(withObjection)
      .when(resolveStep('o9', 'upheld')[0], on('2022-08-12'))
      .thenRejects('no_objection');
    const resolved = [
      ...withObjection,
      {
        type: 'HnteObjectionResolved',
        data: {
          ...ref,
          objectionId: 'o1',
          outcome: 'dismissed',
          resolvedOn: '2022-08-12',
          finding: '经核实',
        },
      } as ApplicationEvent,
    ];
    deciderSpec(d)
      .given(resolved)
      .when(resolveStep('o1', 'upheld')[0], on('2022-08-13'))
      .thenRejects('objection_resolved');
    deciderSpec(d).given(resolved).when(lodge('o1')[0], on('2022-08-13')).thenRejects('objection_exists');
  });

  it('closes after the last day: approved with objections dismissed, rejected with one upheld', () => {
    const close: Step = [{ type: 'ClosePublicNotice' }, on('2022-08-18', 'province_reviewer')];
    const base = history([
      ...recommendedSteps,
      drawStep,
      ...scoreSteps([21, 20, 20, 20]),
      concludeStep,
      openStep,
      lodge('o1'),
    ]);
    deciderSpec(d).given(base).when(close[0], close[1]).thenThrows(messageOf('objections_open', /o1/));
    const dismissed = base.concat(
      applicationDecider(ports()).decide(
        resolveStep('o1', 'dismissed')[0],
        deciderSpec(d).given(base).state,
        on('2022-08-12'),
      ),
    );
    deciderSpec(d)
      .given(dismissed)
      .when({ type: 'ClosePublicNotice' }, on('2022-08-17'))
      .thenThrows(messageOf('notice_running', /until 2022-08-17/));
    deciderSpec(d)
      .given(dismissed)
      .when(close[0], close[1])
      .then([
        {
          type: 'HntePublicNoticeClosed',
          data: { ...ref, closedOn: '2022-08-18', outcome: 'approved', upheldObjections: [] },
        },
      ]);
    const upheld = base.concat(
      applicationDecider(ports()).decide(
        resolveStep('o1', 'upheld')[0],
        deciderSpec(d).given(base).state,
        on('2022-08-12'),
      ),
    );
    deciderSpec(d)
      .given(upheld)
      .when(close[0], close[1])
      .then([
        {
          type: 'HntePublicNoticeClosed',
          data: { ...ref, closedOn: '2022-08-18', outcome: 'rejected', upheldObjections: ['o1'] },
        },
      ]);
    deciderSpec(d)
      .given(upheld)
      .when(close[0], close[1])
      .thenState({ ...deciderSpec(d).given(upheld).state!, status: 'rejected' });
  });
});
