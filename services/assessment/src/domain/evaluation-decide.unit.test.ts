import type { SmeForm } from '@peiyu/contracts';
import type { TechSmeInput } from '@peiyu/policy';
import type { EvaluationContext } from './context';
import { isOverdue } from './due';
import { deciderSpec } from '@peiyu/eventstore';
import { decideEvaluation, evaluationDecider, type EvaluationCommand } from './evaluation-decide';
import { evolveEvaluation, initialEvaluationState, type EvaluationState } from './evaluation-state';
import type { EvaluationEvent, ItemBatchEvent } from './events';
import {
  campaign2025,
  enterprise,
  evaluationCtx,
  goodForm,
  checkContract,
  USCC_A,
  weakForm,
  WEIDONG,
  XINHUA,
} from './test-support/fixtures';

type Event = EvaluationEvent | ItemBatchEvent;
const fold = (events: Event[]): EvaluationState => events.reduce(evolveEvaluation, initialEvaluationState);

const { given } = deciderSpec(evaluationDecider, { ctx: evaluationCtx(), check: checkContract });

/** Decides a chain of commands, each on the state the previous ones produced; returns all events. */
function history(
  steps: Array<[EvaluationCommand, Partial<EvaluationContext>?]>,
  from: Event[] = [],
): Event[] {
  const out = [...from];
  for (const [c, patch] of steps) out.push(...decideEvaluation(c, fold(out), evaluationCtx(patch)));
  return out;
}

const draftCmd = (form: SmeForm = goodForm, evaluationId = 'ev-1'): EvaluationCommand => ({
  type: 'DraftSmeEvaluation',
  evaluationId,
  uscc: USCC_A,
  year: 2025,
  form,
});
const SUBMIT: EvaluationCommand = { type: 'SubmitSmeEvaluation' };
const allPass = (): Extract<EvaluationCommand, { type: 'ReviewFormally' }> => ({
  type: 'ReviewFormally',
  checklist: [
    { item: 'form_complete', passed: true },
    { item: 'consistent_with_evidence', passed: true },
    { item: 'signed_and_sealed', passed: true },
    { item: 'no_other_problem', passed: true },
  ],
});
const failSeal = (comment: string | null = '信息表未加盖公章'): EvaluationCommand => {
  const c = allPass();
  c.checklist[2] = { item: 'signed_and_sealed', passed: false, comment };
  return c;
};

const drafted = history([[draftCmd(), { today: '2025-09-01' }]]);
const submitted = history([[SUBMIT]], drafted); // submitted on 2025-09-30, the eve of National Day
const forwarded = history([[allPass(), { today: '2025-10-09' }]], submitted);
const batchItem = { evaluationId: 'ev-1', uscc: USCC_A, countyCode: XINHUA };
const added: ItemBatchEvent = {
  type: 'AddedToBatch',
  data: { batchId: 'b1', provinceCode: '410000', year: 2025, addedOn: '2025-10-20', items: [batchItem] },
};
const batched = [...forwarded, added];
const entered: Event[] = [
  ...batched,
  {
    type: 'SmeEntered',
    data: {
      batchId: 'b1',
      ...batchItem,
      year: 2025,
      registrationNumber: '202541000001',
      enteredOn: '2025-11-10',
      validUntil: '2026-03-31',
    },
  },
];

describe('evaluation decider: draft and edit', () => {
  it('drafts an evaluation for a registered enterprise and an open campaign', () => {
    expect(given([]).when(draftCmd(), evaluationCtx({ today: '2025-09-01' }))).toEqual({
      events: [
        {
          type: 'SmeEvaluationDrafted',
          data: { evaluationId: 'ev-1', uscc: USCC_A, year: 2025, form: goodForm, draftedOn: '2025-09-01' },
        },
      ],
    });
  });

  it.each<[string, Partial<Parameters<typeof evaluationCtx>[0]>, EvaluationCommand, string]>([
    ['an unregistered enterprise', { enterprises: [] }, draftCmd(), 'not_found:enterprise_not_registered'],
    [
      'a deregistered enterprise',
      { enterprises: [enterprise(USCC_A, { status: 'deregistered' })] },
      draftCmd(),
      'conflict:enterprise_deregistered',
    ],
    [
      'a year without a campaign',
      {},
      { ...draftCmd(), year: 2019 } as EvaluationCommand,
      'conflict:no_campaign',
    ],
  ])('refuses a draft for %s', (_l, ctx, c, error) => {
    expect(given([]).when(c, evaluationCtx(ctx))).toEqual({ error });
  });

  it('keeps one live evaluation per enterprise and year', () => {
    expect(given(drafted).when(draftCmd(goodForm, 'ev-2'))).toEqual({
      error: 'conflict:one_live_evaluation',
    });
    expect(given(submitted).when(draftCmd(goodForm, 'ev-2'))).toEqual({
      error: 'conflict:one_live_evaluation',
    });
    expect(given(entered).when(draftCmd(goodForm, 'ev-2'))).toEqual({
      error: 'conflict:one_live_evaluation',
    });
  });

  it('allows a fresh draft after a withdrawal, under a new id only', () => {
    const withdrawn = history([[{ type: 'WithdrawSmeEvaluation' }]], submitted);
    expect(given(withdrawn).when(draftCmd(goodForm, 'ev-1'))).toEqual({
      error: 'conflict:duplicate_evaluation_id',
    });
    expect(given(withdrawn).when(draftCmd(goodForm, 'ev-2'))).toHaveProperty(
      'events.0.type',
      'SmeEvaluationDrafted',
    );
  });

  it('records an edit of a draft and nothing for an identical save', () => {
    const form = { ...goodForm, employees: 41 };
    expect(given(drafted).when({ type: 'UpdateSmeEvaluation', form })).toEqual({
      events: [
        {
          type: 'SmeEvaluationUpdated',
          data: { evaluationId: 'ev-1', uscc: USCC_A, year: 2025, form, updatedOn: '2025-09-30' },
        },
      ],
    });
    expect(given(drafted).when({ type: 'UpdateSmeEvaluation', form: goodForm })).toEqual({ events: [] });
  });

  it('refuses edits once submitted, and commands on a stream without an evaluation', () => {
    const form = { ...goodForm, employees: 41 };
    expect(given(submitted).when({ type: 'UpdateSmeEvaluation', form })).toEqual({
      error: 'conflict:wrong_status',
    });
    expect(given([]).when(SUBMIT)).toEqual({ error: 'not_found:no_evaluation' });
  });
});

describe('evaluation decider: submission', () => {
  it('records score, rule set, county and a due date 5 working days on, across National Day 2025', () => {
    const r = given(drafted).when(SUBMIT);
    expect(r).toEqual({
      events: [
        {
          type: 'SmeEvaluationSubmitted',
          data: {
            evaluationId: 'ev-1',
            uscc: USCC_A,
            year: 2025,
            submission: 1,
            submittedOn: '2025-09-30',
            countyCode: XINHUA,
            // 10-01..10-08 off; 10-09, 10-10, 10-11 (worked Saturday), 10-13, 10-14
            dueOn: '2025-10-14',
            reviewWorkingDays: 5,
            provisional: false,
            calendarReferences: [
              '2025 built-in: chinese-days@1.5.7 (国务院办公厅关于2025年部分节假日安排的通知)',
            ],
            form: goodForm,
            validHnteCertificate: false,
            ruleSetId: 'tsme-2017-115/2023',
            score: {
              eligible: true,
              qualifiedBy: 'score',
              points: { techStaff: 20, rdInput: 50, ip: 30, total: 100 },
              rdInputBasis: 'revenue',
              reasons: [],
            },
            onSiteCheckSuggested: [],
          },
        },
      ],
    });
  });

  it('takes the county from the enterprise view at submission (a relocation moves the queue)', () => {
    const ctx = evaluationCtx({ enterprises: [enterprise(USCC_A, { divisionCode: WEIDONG })] });
    expect(given(drafted).when(SUBMIT, ctx)).toHaveProperty('events.0.data.countyCode', WEIDONG);
  });

  it('qualifies a weak form directly when a valid HNTE certificate is on record, and refuses it otherwise', () => {
    const weak = history([[draftCmd(weakForm)]]);
    const r = given(weak).when(SUBMIT, evaluationCtx({ hnte: [USCC_A] }));
    expect(r).toHaveProperty('events.0.data.validHnteCertificate', true);
    expect(r).toHaveProperty('events.0.data.score.qualifiedBy', 'direct');
    expect(r).toHaveProperty('events.0.data.score.points.total', 20);
    expect(given(weak).when(SUBMIT)).toEqual({ error: 'invalid:not_eligible' });
  });

  it('judges a 2025 form by the 2023 conditions of its campaign’s rule set', () => {
    const negative = history([[draftCmd({ ...goodForm, conditions: { superDeductionNegativeList: true } })]]);
    expect(given(negative).when(SUBMIT)).toEqual({ error: 'invalid:not_eligible' });
  });

  it('uses every input field of scoreTechSme in the form (same names), bar the system-known HNTE certificate', () => {
    type Keys<T> = keyof NonNullable<T>;
    type MissingTop = Exclude<keyof TechSmeInput, keyof SmeForm>;
    type MissingConditions = Exclude<Keys<TechSmeInput['conditions']>, Keys<SmeForm['conditions']>>;
    type MissingDirect = Exclude<Keys<TechSmeInput['direct']>, Keys<SmeForm['direct']>>;
    type IsNever<T> = [T] extends [never] ? true : false;
    type OnlyHnte = [MissingDirect] extends ['validHnteCertificate'] ? true : false;
    // a compile-time check: typecheck fails when policy gains an input field the form lacks
    const covered: [IsNever<MissingTop | MissingConditions>, OnlyHnte] = [true, true];
    expect(covered).toEqual([true, true]);
  });

  it('turns figures the policy rejects into an invalid form', () => {
    const bad = history([[draftCmd({ ...goodForm, techStaff: 41 })]]);
    expect(given(bad).when(SUBMIT)).toEqual({ error: 'invalid:form_rejected' });
  });

  it.each<[string, Parameters<typeof enterprise>[1], string | null]>([
    [
      'an accident in the previous year',
      {
        sanctions: [
          { sanctionId: 's1', kind: 'major_safety_accident', occurredOn: '2024-05-01', liftedOn: null },
        ],
      },
      'conflict:sanctioned_in_window',
    ],
    [
      'an accident two years before',
      {
        sanctions: [
          { sanctionId: 's1', kind: 'major_safety_accident', occurredOn: '2023-12-31', liftedOn: null },
        ],
      },
      null,
    ],
    [
      'an old listing still in force',
      {
        sanctions: [
          { sanctionId: 's2', kind: 'business_anomaly_list', occurredOn: '2020-03-01', liftedOn: null },
        ],
      },
      'conflict:sanctioned_in_window',
    ],
    // 115号 第六条(四) "未列入经营异常名录和严重违法失信企业名单": a listing bars only while it stands on the
    // submission date (2025-09-30 here); one lifted before, even inside the window, does not.
    [
      'a listing lifted inside the window, before the submission date',
      {
        sanctions: [
          {
            sanctionId: 's2',
            kind: 'business_anomaly_list',
            occurredOn: '2020-03-01',
            liftedOn: '2024-02-01',
          },
        ],
      },
      null,
    ],
    [
      'a listing lifted after the submission date (it stood on that day)',
      {
        sanctions: [
          {
            sanctionId: 's3',
            kind: 'serious_dishonesty_list',
            occurredOn: '2025-01-10',
            liftedOn: '2025-10-15',
          },
        ],
      },
      'conflict:sanctioned_in_window',
    ],
    [
      'a listing lifted before the window',
      {
        sanctions: [
          {
            sanctionId: 's2',
            kind: 'business_anomaly_list',
            occurredOn: '2020-03-01',
            liftedOn: '2023-11-01',
          },
        ],
      },
      null,
    ],
  ])('judges %s against the sanction window', (_l, patch, error) => {
    const r = given(drafted).when(SUBMIT, evaluationCtx({ enterprises: [enterprise(USCC_A, patch)] }));
    if (error) expect(r).toEqual({ error });
    else expect(r).toHaveProperty('events.0.type', 'SmeEvaluationSubmitted');
  });

  it('suggests an on-site check for a tiny enterprise without IP, low R&D and a recent revocation', () => {
    const tiny = {
      ...goodForm,
      employees: 5,
      techStaff: 2,
      salesRevenue: 1_000_000_00,
      rdExpense: 90_000_00,
      ipClassI: 0,
    };
    const ctx = evaluationCtx({
      revocationsOf: { [USCC_A]: [{ year: 2023, revokedOn: '2023-07-01', fraud: false }] },
    });
    const r = given(history([[draftCmd(tiny)]])).when(SUBMIT, ctx);
    expect(r).toHaveProperty('events.0.data.onSiteCheckSuggested', [
      'few_employees',
      'no_ip',
      'low_rd_expense',
      'recent_revocation',
    ]);
  });
});

describe('evaluation decider: county formal review', () => {
  it('forwards an item when all four checklist items pass', () => {
    expect(given(submitted).when(allPass(), evaluationCtx({ today: '2025-10-09' }))).toEqual({
      events: [
        {
          type: 'FormalReviewPassed',
          data: {
            evaluationId: 'ev-1',
            uscc: USCC_A,
            year: 2025,
            reviewedOn: '2025-10-09',
            checklist: ['form_complete', 'consistent_with_evidence', 'signed_and_sealed', 'no_other_problem'],
          },
        },
      ],
    });
    expect(fold(forwarded)).toMatchObject({ status: 'forwarded', dueOn: null });
  });

  it('returns an item for correction with a comment per failed item', () => {
    expect(given(submitted).when(failSeal())).toEqual({
      events: [
        {
          type: 'ReturnedForCorrection',
          data: {
            evaluationId: 'ev-1',
            uscc: USCC_A,
            year: 2025,
            reviewedOn: '2025-09-30',
            failedItems: [{ item: 'signed_and_sealed', comment: '信息表未加盖公章' }],
          },
        },
      ],
    });
  });

  it('refuses a failed item without a comment, and an incomplete checklist', () => {
    expect(given(submitted).when(failSeal('  '))).toEqual({ error: 'invalid:comment_required' });
    const partial = allPass();
    partial.checklist.pop();
    expect(given(submitted).when(partial)).toEqual({ error: 'invalid:checklist_incomplete' });
    const doubled = allPass();
    doubled.checklist[3] = { item: 'form_complete', passed: true };
    expect(given(submitted).when(doubled)).toEqual({ error: 'invalid:checklist_incomplete' });
  });

  it('refuses to review a withdrawn item, a draft, or an item already forwarded', () => {
    const withdrawn = history([[{ type: 'WithdrawSmeEvaluation', reason: '材料准备不足' }]], submitted);
    expect(given(withdrawn).when(allPass())).toEqual({ error: 'conflict:evaluation_withdrawn' });
    expect(given(drafted).when(allPass())).toEqual({ error: 'conflict:wrong_status' });
    expect(given(forwarded).when(allPass())).toEqual({ error: 'conflict:wrong_status' });
  });

  it('takes a corrected resubmission as a fresh submission with a fresh due date', () => {
    const returned = history([[failSeal(), { today: '2025-10-09' }]], submitted);
    expect(fold(returned)).toMatchObject({
      status: 'returned',
      corrections: [{ item: 'signed_and_sealed' }],
    });
    const corrected = history(
      [[{ type: 'UpdateSmeEvaluation', form: { ...goodForm, evidence: ['evidence/2025/form-sealed.pdf'] } }]],
      returned,
    );
    const r = given(corrected).when(SUBMIT, evaluationCtx({ today: '2025-10-13' }));
    expect(r).toHaveProperty('events.0.data.submission', 2);
    expect(r).toHaveProperty('events.0.data.dueOn', '2025-10-20');
    expect(r).toHaveProperty('events.0.data.form.evidence', ['evidence/2025/form-sealed.pdf']);
  });

  it('flags an overdue review from the day after the due date, and not once reviewed', () => {
    const s = fold(submitted);
    expect(s && isOverdue(s, '2025-10-14')).toBe(false);
    expect(s && isOverdue(s, '2025-10-15')).toBe(true);
    const f = fold(forwarded);
    expect(f && isOverdue(f, '2025-12-01')).toBe(false);
  });
});

describe('evaluation decider: on-site check', () => {
  const tiny = { ...goodForm, employees: 5, techStaff: 2, salesRevenue: 1_000_000_00, rdExpense: 90_000_00 };
  it('flags with the suggested reasons by default', () => {
    const s = history([[draftCmd(tiny)], [SUBMIT]]);
    expect(given(s).when({ type: 'FlagOnSiteCheck' })).toEqual({
      events: [
        {
          type: 'OnSiteCheckFlagged',
          data: {
            evaluationId: 'ev-1',
            uscc: USCC_A,
            year: 2025,
            flaggedOn: '2025-09-30',
            reasons: ['few_employees', 'low_rd_expense'],
            note: null,
          },
        },
      ],
    });
    const flagged = history([[{ type: 'FlagOnSiteCheck' }]], s);
    expect(given(flagged).when({ type: 'FlagOnSiteCheck' })).toEqual({ error: 'conflict:already_flagged' });
  });

  it('needs a note for a flag on the reviewer’s own judgement', () => {
    expect(given(submitted).when({ type: 'FlagOnSiteCheck' })).toEqual({ error: 'invalid:reason_required' });
    expect(given(submitted).when({ type: 'FlagOnSiteCheck', reasons: ['reviewer_judgement'] })).toEqual({
      error: 'invalid:reason_required',
    });
    const r = given(submitted).when({
      type: 'FlagOnSiteCheck',
      reasons: ['reviewer_judgement'],
      note: '厂房存疑',
    });
    expect(r).toHaveProperty('events.0.data.reasons', ['reviewer_judgement']);
    expect(given(drafted).when({ type: 'FlagOnSiteCheck', reasons: ['no_ip'] })).toEqual({
      error: 'conflict:wrong_status',
    });
  });
});

describe('evaluation decider: on-site check result before a formal pass (issue 11; 115号 第十条)', () => {
  const tiny = { ...goodForm, employees: 5, techStaff: 2, salesRevenue: 1_000_000_00, rdExpense: 90_000_00 };
  const flagged = history([[draftCmd(tiny)], [SUBMIT], [{ type: 'FlagOnSiteCheck' }]]);
  const result = (
    outcome: 'consistent' | 'inconsistent',
    checkedOn = '2025-09-30',
  ): Extract<EvaluationCommand, { type: 'RecordOnSiteCheck' }> => ({
    type: 'RecordOnSiteCheck',
    checkedOn,
    outcome,
    note: '现场查看研发场地与人员，与填报一致',
    inspector: '王建国',
  });

  it('refuses to pass a flagged evaluation until the on-site result is recorded', () => {
    given(flagged).when(allPass()).thenRejects({ code: 'on_site_check_pending', kind: 'conflict' });
    // returning for correction needs no result
    expect(given(flagged).when(failSeal())).toHaveProperty('events.0.type', 'ReturnedForCorrection');
  });

  it('records the result (its own event) and then passes', () => {
    given(flagged)
      .when(result('consistent'))
      .then([
        {
          type: 'OnSiteCheckRecorded',
          data: {
            evaluationId: 'ev-1',
            uscc: USCC_A,
            year: 2025,
            checkedOn: '2025-09-30',
            recordedOn: '2025-09-30',
            outcome: 'consistent',
            note: '现场查看研发场地与人员，与填报一致',
            inspector: '王建国',
          },
        },
      ]);
    const checked = history([[result('consistent')]], flagged);
    expect(given(checked).when(allPass())).toHaveProperty('events.0.type', 'FormalReviewPassed');
    given(checked).when(result('consistent')).thenRejects('on_site_check_recorded');
  });

  it('refuses a pass on an inconsistent result', () => {
    const checked = history([[result('inconsistent')]], flagged);
    given(checked).when(allPass()).thenRejects('on_site_check_inconsistent');
  });

  it('refuses a result without a flag, and a visit date in the future or before the flag', () => {
    given(submitted).when(result('consistent')).thenRejects('not_flagged');
    given(flagged)
      .when(result('consistent', '2025-10-01'))
      .thenRejects({ code: 'checked_on_out_of_range', field: 'checkedOn' });
    given(flagged).when(result('consistent', '2025-09-29')).thenRejects('checked_on_out_of_range');
  });

  it('passes an unflagged evaluation as before', () => {
    expect(given(submitted).when(allPass())).toHaveProperty('events.0.type', 'FormalReviewPassed');
  });
});

describe('evaluation decider: province, batch outcome, withdrawal', () => {
  it('sends a forwarded item back to the county queue with a new due date', () => {
    const r = given(forwarded).when(
      { type: 'SendBackToCounty', reason: '佐证材料不全' },
      evaluationCtx({ today: '2025-10-10' }),
    );
    expect(r).toEqual({
      events: [
        {
          type: 'SentBackByProvince',
          data: {
            evaluationId: 'ev-1',
            uscc: USCC_A,
            year: 2025,
            sentBackOn: '2025-10-10',
            reason: '佐证材料不全',
            // Saturday 10-11 is a worked day (调休): 10-11, 10-13, 10-14, 10-15, 10-16
            dueOn: '2025-10-16',
            reviewWorkingDays: 5,
            provisional: false,
            calendarReferences: [
              '2025 built-in: chinese-days@1.5.7 (国务院办公厅关于2025年部分节假日安排的通知)',
            ],
          },
        },
      ],
    });
    const back = history(
      [[{ type: 'SendBackToCounty', reason: '佐证材料不全' }, { today: '2025-10-10' }]],
      forwarded,
    );
    expect(fold(back)).toMatchObject({ status: 'submitted', dueOn: '2025-10-16' });
    expect(given(back).when(allPass())).toHaveProperty('events.0.type', 'FormalReviewPassed');
  });

  it('refuses to send back an item the county has not passed or that is already batched', () => {
    expect(given(submitted).when({ type: 'SendBackToCounty', reason: 'x' })).toEqual({
      error: 'conflict:wrong_status',
    });
    expect(given(batched).when({ type: 'SendBackToCounty', reason: 'x' })).toEqual({
      error: 'conflict:wrong_status',
    });
  });

  it('folds the batch outcome into the evaluation: batched, rejected (upheld objection), entered', () => {
    expect(fold(batched)).toMatchObject({ status: 'batched', batchId: 'b1' });
    const upheld: ItemBatchEvent = {
      type: 'ObjectionResolved',
      data: {
        batchId: 'b1',
        objectionId: 'o1',
        evaluationId: 'ev-1',
        outcome: 'upheld',
        resolvedOn: '2025-10-30',
        finding: '核实属实',
      },
    };
    const dismissed: ItemBatchEvent = { ...upheld, data: { ...upheld.data, outcome: 'dismissed' } };
    expect(fold([...batched, dismissed])).toMatchObject({ status: 'batched' });
    expect(fold([...batched, upheld])).toMatchObject({ status: 'rejected' });
    // a rejected evaluation is not live: the enterprise may try again in the same year
    expect(given([...batched, upheld]).when(draftCmd(goodForm, 'ev-2'))).toHaveProperty(
      'events.0.type',
      'SmeEvaluationDrafted',
    );
    expect(fold(entered)).toMatchObject({
      status: 'entered',
      entry: { registrationNumber: '202541000001', enteredOn: '2025-11-10', validUntil: '2026-03-31' },
    });
    const other: ItemBatchEvent = {
      ...added,
      data: { ...added.data, items: [{ ...batchItem, evaluationId: 'ev-9' }] },
    };
    expect(fold([...forwarded, other])).toMatchObject({ status: 'forwarded' });
  });

  it('lets the enterprise withdraw until the county forwards the item', () => {
    for (const h of [drafted, submitted, history([[failSeal()]], submitted)]) {
      expect(given(h).when({ type: 'WithdrawSmeEvaluation' })).toHaveProperty(
        'events.0.type',
        'SmeEvaluationWithdrawn',
      );
    }
    for (const h of [forwarded, batched]) {
      expect(given(h).when({ type: 'WithdrawSmeEvaluation' })).toEqual({ error: 'conflict:wrong_status' });
    }
    const withdrawn = history([[{ type: 'WithdrawSmeEvaluation' }]], submitted);
    expect(given(withdrawn).when({ type: 'WithdrawSmeEvaluation' })).toEqual({
      error: 'conflict:evaluation_withdrawn',
    });
    expect(given(withdrawn).when(SUBMIT)).toEqual({ error: 'conflict:evaluation_withdrawn' });
  });
});

describe('evaluation decider: revocation', () => {
  it('records a county request once, only for an entered item', () => {
    const req: EvaluationCommand = {
      type: 'RequestRevocation',
      ground: 'failed_spot_check',
      reason: '抽查不合格',
    };
    expect(given(entered).when(req)).toEqual({
      events: [
        {
          type: 'RevocationRequested',
          data: {
            evaluationId: 'ev-1',
            uscc: USCC_A,
            year: 2025,
            requestedOn: '2025-09-30',
            ground: 'failed_spot_check',
            reason: '抽查不合格',
          },
        },
      ],
    });
    expect(given(history([[req]], entered)).when(req)).toEqual({
      error: 'conflict:revocation_already_requested',
    });
    expect(given(batched).when(req)).toEqual({ error: 'conflict:wrong_status' });
  });

  it('revokes an entry; serious fraud is always fraud, another ground only when flagged', () => {
    const at = evaluationCtx({ today: '2025-12-01' });
    const fraud = given(entered).when(
      { type: 'RevokeEntry', ground: 'serious_fraud', reason: '虚报研发费用' },
      at,
    );
    expect(fraud).toEqual({
      events: [
        {
          type: 'SmeEntryRevoked',
          data: {
            evaluationId: 'ev-1',
            uscc: USCC_A,
            year: 2025,
            registrationNumber: '202541000001',
            revokedOn: '2025-12-01',
            ground: 'serious_fraud',
            fraud: true,
            reason: '虚报研发费用',
          },
        },
      ],
    });
    const misconduct = { type: 'RevokeEntry', ground: 'research_misconduct', reason: '数据造假' } as const;
    expect(given(entered).when(misconduct, at)).toHaveProperty('events.0.data.fraud', false);
    expect(given(entered).when({ ...misconduct, fraud: true }, at)).toHaveProperty(
      'events.0.data.fraud',
      true,
    );
    expect(given(batched).when(misconduct, at)).toEqual({ error: 'conflict:wrong_status' });
  });

  it('bars a revoked enterprise from evaluating again in the same year', () => {
    const revoked = history(
      [[{ type: 'RevokeEntry', ground: 'no_longer_qualified', reason: '规模超标' }]],
      entered,
    );
    expect(given(revoked).when(draftCmd(goodForm, 'ev-2'))).toEqual({ error: 'conflict:revoked_this_year' });
    expect(given(revoked).when({ type: 'RevokeEntry', ground: 'serious_fraud', reason: 'x' })).toEqual({
      error: 'conflict:entry_revoked',
    });
  });

  it.each<[string, string, string, boolean]>([
    ['the day before the third anniversary', '2022-06-15', '2025-06-14', false],
    ['on the third anniversary', '2022-06-15', '2025-06-15', true],
    ['from a leap day, on 28 February three years on', '2024-02-29', '2027-02-28', false],
    ['from a leap day, on 1 March three years on', '2024-02-29', '2027-03-01', true],
  ])('applies the 3-year fraud bar %s', (_l, revokedOn, today, allowed) => {
    const year = Number(today.slice(0, 4));
    const ctx = evaluationCtx({
      today,
      revocationsOf: { [USCC_A]: [{ year: Number(revokedOn.slice(0, 4)), revokedOn, fraud: true }] },
      campaign: (_p, y) => ({
        year: y,
        ruleSetId: campaign2025.ruleSetId,
        countyReviewWorkingDays: 5,
        noticeWorkingDays: 10,
        entryValidUntil: `${y + 1}-03-31`,
      }),
    });
    const r = given([]).when({ ...draftCmd(), year } as EvaluationCommand, ctx);
    if (allowed) expect(r).toHaveProperty('events.0.type', 'SmeEvaluationDrafted');
    else expect(r).toEqual({ error: 'conflict:fraud_bar' });
  });

  it.each<[string, { year: number; revokedOn: string }]>([
    ['an entry of this campaign revoked (from another stream)', { year: 2025, revokedOn: '2025-08-01' }],
    ['last year’s entry revoked this year', { year: 2024, revokedOn: '2025-02-10' }],
  ])('bars a new evaluation in the year of %s', (_l, r) => {
    const ctx = evaluationCtx({ revocationsOf: { [USCC_A]: [{ ...r, fraud: false }] } });
    expect(given([]).when(draftCmd(), ctx)).toEqual({ error: 'conflict:revoked_this_year' });
    expect(given(drafted).when(SUBMIT, ctx)).toEqual({ error: 'conflict:revoked_this_year' });
  });

  it('does not bar after a revocation without fraud, and re-checks the bar at submission', () => {
    const plain = evaluationCtx({
      revocationsOf: { [USCC_A]: [{ year: 2024, revokedOn: '2024-08-01', fraud: false }] },
    });
    expect(given([]).when(draftCmd(), plain)).toHaveProperty('events.0.type', 'SmeEvaluationDrafted');
    const barred = evaluationCtx({
      revocationsOf: { [USCC_A]: [{ year: 2024, revokedOn: '2024-08-01', fraud: true }] },
    });
    expect(given(drafted).when(SUBMIT, barred)).toEqual({ error: 'conflict:fraud_bar' });
  });
});
