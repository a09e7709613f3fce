import type { ApplicationStatus } from './application-state';
import { deciderSpec } from '@peiyu/eventstore';
import { allEvents } from '@peiyu/contracts';
import { applicationDecider } from './application';
import { DomainError } from '@peiyu/contracts';
import { hasCode } from './errors';
import type { ApplicationEvent } from './events';
import { runPrecheck } from './precheck';
import {
  APP_ID,
  BATCH_ID,
  batch,
  draftCmd,
  enterprise,
  goodForm,
  history,
  on,
  OTHER_USCC,
  ports,
  recommendedSteps,
  ref,
  USCC,
} from './test-support/application-fixtures';

const d = applicationDecider(ports());
const drafted = history([[draftCmd, on('2022-05-20')]]);
const submitted = history([
  [draftCmd, on('2022-05-20')],
  [{ type: 'SubmitHnteApplication' }, on('2022-05-21')],
]);
const returned = [
  ...submitted,
  {
    type: 'HnteApplicationReturned',
    data: {
      ...ref,
      returnedOn: '2022-06-01',
      items: [{ section: 'audit_reports', comment: '缺专项审计报告' }],
    },
  } as ApplicationEvent,
];
const messageOf = (code: string, pattern: RegExp) => (e: unknown) =>
  hasCode(code)(e) && pattern.test((e as Error).message);

describe('application intake', () => {
  it('drafts an application within the window', () => {
    deciderSpec(d)
      .given([])
      .when(draftCmd, on('2022-05-20'))
      .then([{ type: 'HnteApplicationDrafted', data: { ...ref, form: goodForm, draftedOn: '2022-05-20' } }]);
  });

  it('refuses outside the window, naming its dates', () => {
    for (const day of ['2022-05-09', '2022-07-01']) {
      deciderSpec(d)
        .given([])
        .when(draftCmd, on(day))
        .thenThrows(messageOf('outside_window', /2022-05-10 to 2022-06-30; today is/));
    }
    deciderSpec(d)
      .given([])
      .when(draftCmd, on('2022-05-10'))
      .then(drafted.map((e) => ({ ...e, data: { ...e.data, draftedOn: '2022-05-10' } }) as ApplicationEvent));
  });

  it('refuses an unknown batch, an unknown, deregistered or out-of-province enterprise', () => {
    deciderSpec(applicationDecider(ports({ batches: {} })))
      .given([])
      .when(draftCmd, on('2022-05-20'))
      .thenRejects('no_batch');
    deciderSpec(applicationDecider(ports({ enterprises: {} })))
      .given([])
      .when(draftCmd, on('2022-05-20'))
      .thenRejects('enterprise_not_registered');
    const gone = { [USCC]: { ...enterprise, status: 'deregistered' as const } };
    deciderSpec(applicationDecider(ports({ enterprises: gone })))
      .given([])
      .when(draftCmd, on('2022-05-20'))
      .thenRejects('enterprise_deregistered');
    const henan = { [USCC]: { ...enterprise, divisionCode: '410402' } };
    deciderSpec(applicationDecider(ports({ enterprises: henan })))
      .given([])
      .when(draftCmd, on('2022-05-20'))
      .thenRejects('wrong_province');
  });

  it('refuses an enterprise whose HNTE status was cancelled this year, not one cancelled last year', () => {
    const cancelled = (decidedOn: string) => [
      { certificateNumber: 'GR201943000001', decidedOn, effectiveYear: 2021 },
    ];
    deciderSpec(applicationDecider(ports({ cancellations: cancelled('2022-02-01') })))
      .given([])
      .when(draftCmd, on('2022-05-20'))
      .thenThrows(messageOf('cancelled_this_year', /cancelled on 2022-02-01/));
    deciderSpec(applicationDecider(ports({ cancellations: cancelled('2021-11-01') })))
      .given([])
      .when(draftCmd, on('2022-05-20'))
      .then(drafted);
  });

  it('allows one live application per enterprise and batch; a withdrawal frees the batch for a new one', () => {
    deciderSpec(d)
      .given(drafted)
      .when({ ...draftCmd, applicationId: 'app-2' }, on('2022-05-22'))
      .thenRejects('one_live_application');
    const withdrawn = history([
      [draftCmd, on('2022-05-20')],
      [{ type: 'WithdrawHnteApplication', reason: '材料不全' }, on('2022-05-21')],
    ]);
    deciderSpec(d).given(withdrawn).when(draftCmd, on('2022-05-22')).thenRejects('duplicate_application_id');
    deciderSpec(d)
      .given(withdrawn)
      .when({ ...draftCmd, applicationId: 'app-2' }, on('2022-05-22'))
      .then([
        {
          type: 'HnteApplicationDrafted',
          data: { ...ref, applicationId: 'app-2', form: goodForm, draftedOn: '2022-05-22' },
        },
      ]);
    const declined = [
      ...submitted,
      {
        type: 'HnteApplicationDeclined',
        data: { ...ref, declinedOn: '2022-06-01', reason: '不符合条件' },
      } as ApplicationEvent,
    ];
    deciderSpec(d)
      .given(declined)
      .when({ ...draftCmd, applicationId: 'app-2' }, on('2022-06-02'))
      .thenRejects('application_decided');
    deciderSpec(d)
      .given(drafted)
      .when({ ...draftCmd, uscc: OTHER_USCC }, on('2022-05-22'))
      .thenRejects('wrong_stream');
  });

  it('edits a draft or a returned application, nothing else', () => {
    const form = { ...goodForm, employees: 120 };
    deciderSpec(d)
      .given(drafted)
      .when({ type: 'EditHnteApplication', form }, on('2022-05-21'))
      .then([{ type: 'HnteApplicationEdited', data: { ...ref, form, editedOn: '2022-05-21' } }]);
    deciderSpec(d)
      .given(returned)
      .when({ type: 'EditHnteApplication', form }, on('2022-07-02'))
      .then([{ type: 'HnteApplicationEdited', data: { ...ref, form, editedOn: '2022-07-02' } }]);
    deciderSpec(d)
      .given(submitted)
      .when({ type: 'EditHnteApplication', form }, on('2022-05-22'))
      .thenRejects('wrong_status');
    deciderSpec(d)
      .given([])
      .when({ type: 'EditHnteApplication', form }, on('2022-05-22'))
      .thenRejects('no_application');
  });

  it('submits with the pre-check of the eight conditions and the data-derived ranges recorded', () => {
    const precheck = runPrecheck(goodForm, enterprise.foundedOn, '2022-05-21', 'hnte-2016-32');
    const expected: ApplicationEvent = {
      type: 'HnteApplicationSubmitted',
      data: {
        ...ref,
        submission: 1,
        submittedOn: '2022-05-21',
        provinceCode: '430000',
        countyCode: '430602',
        recommendationDueOn: '2022-07-15',
        form: goodForm,
        ruleSetId: 'hnte-2016-32',
        precheck,
      },
    };
    deciderSpec(d).given(drafted).when({ type: 'SubmitHnteApplication' }, on('2022-05-21')).then([expected]);
    // Conditions 1–6 and 8 are met by the fixture's figures; 7 is the panel's.
    expect(precheck.conditions.map((c) => c.met)).toEqual([true, true, true, true, true, true, null, true]);
    expect(precheck.ranges.ipQuantity).toEqual({ min: 7, max: 8 });
    expect(precheck.ranges.conversion).toEqual({ min: 19, max: 24 });
    expect(precheck.ranges.salesGrowth).toMatchObject({ min: 5, max: 6, manualReview: false });
    expect(precheck.trace.ruleSetId).toBe('hnte-2016-32');
    expect(() =>
      allEvents().validate({ type: expected.type, schemaVersion: 1, data: expected.data }),
    ).not.toThrow();
  });

  it('records unmet conditions without refusing: the review decides', () => {
    const weak = { ...goodForm, techStaff: 5 };
    const events = history([
      [{ ...draftCmd, form: weak }, on('2022-05-20')],
      [{ type: 'SubmitHnteApplication' }, on('2022-05-21')],
    ]);
    const s = events[1] as Extract<ApplicationEvent, { type: 'HnteApplicationSubmitted' }>;
    expect(s.data.precheck.conditions.find((c) => c.id === 4)?.met).toBe(false);
  });

  it('refuses to submit outside the window, twice, or with figures the rules reject', () => {
    deciderSpec(d)
      .given(drafted)
      .when({ type: 'SubmitHnteApplication' }, on('2022-07-01'))
      .thenRejects('outside_window');
    deciderSpec(d)
      .given(submitted)
      .when({ type: 'SubmitHnteApplication' }, on('2022-05-22'))
      .thenRejects('wrong_status');
    const impossible = history([[{ ...draftCmd, form: { ...goodForm, techStaff: 200 } }, on('2022-05-20')]]);
    deciderSpec(d)
      .given(impossible)
      .when({ type: 'SubmitHnteApplication' }, on('2022-05-21'))
      .thenRejects('form_rejected');
  });

  describe('IP items', () => {
    const utility = goodForm.ipItems[1]!;
    const invention = goodForm.ipItems[0]!;
    const claim = (applicationId: string, status: ApplicationStatus) => ({
      applicationId,
      batchId: '43-2021-2',
      uscc: OTHER_USCC,
      status,
    });

    it('refuses a Class II item another application used, naming it, in any batch and whatever its outcome', () => {
      for (const status of ['approved', 'review_failed'] as const) {
        const p = ports({ claims: { [`utility_model:${utility.number}`]: [claim('app-old', status)] } });
        deciderSpec(applicationDecider(p))
          .given(drafted)
          .when({ type: 'SubmitHnteApplication' }, on('2022-05-21'))
          .thenThrows(
            messageOf(
              'ip_item_used',
              /ZL202020000002\.3 already supported application app-old \(batch 43-2021-2\)/,
            ),
          );
      }
    });

    it('accepts a Class II item whose earlier application was withdrawn, and a Class I item used before', () => {
      const p = ports({
        claims: {
          [`utility_model:${utility.number}`]: [
            claim('app-old', 'withdrawn'),
            { ...claim(APP_ID, 'draft'), batchId: BATCH_ID, uscc: USCC },
          ],
          [`invention_patent:${invention.number}`]: [claim('app-old', 'approved')],
        },
      });
      const events = history(
        [
          [draftCmd, on('2022-05-20')],
          [{ type: 'SubmitHnteApplication' }, on('2022-05-21')],
        ],
        p,
      );
      expect(events.map((e) => e.type)).toEqual(['HnteApplicationDrafted', 'HnteApplicationSubmitted']);
    });

    it('refuses an item listed twice and a class that does not fit the kind', () => {
      const twice = history([
        [{ ...draftCmd, form: { ...goodForm, ipItems: [utility, utility] } }, on('2022-05-20')],
      ]);
      deciderSpec(d)
        .given(twice)
        .when({ type: 'SubmitHnteApplication' }, on('2022-05-21'))
        .thenRejects('ip_item_duplicate');
      const wrong = history([
        [
          { ...draftCmd, form: { ...goodForm, ipItems: [{ ...utility, ipClass: 'I' as const }] } },
          on('2022-05-20'),
        ],
      ]);
      deciderSpec(d)
        .given(wrong)
        .when({ type: 'SubmitHnteApplication' }, on('2022-05-21'))
        .thenThrows(messageOf('ip_class_mismatch', /is Class II, not Class I/));
    });
  });

  it('withdraws before the review ends, never after', () => {
    deciderSpec(d)
      .given(submitted)
      .when({ type: 'WithdrawHnteApplication', reason: '  ' }, on('2022-05-25'))
      .then([
        { type: 'HnteApplicationWithdrawn', data: { ...ref, withdrawnOn: '2022-05-25', reason: null } },
      ]);
    const withdrawn = [
      ...submitted,
      {
        type: 'HnteApplicationWithdrawn',
        data: { ...ref, withdrawnOn: '2022-05-25', reason: null },
      } as ApplicationEvent,
    ];
    deciderSpec(d)
      .given(withdrawn)
      .when({ type: 'WithdrawHnteApplication' }, on('2022-05-26'))
      .thenRejects('application_withdrawn');
    deciderSpec(d)
      .given(history(recommendedSteps))
      .when({ type: 'WithdrawHnteApplication', reason: '转下一批' }, on('2022-06-02'))
      .then([
        { type: 'HnteApplicationWithdrawn', data: { ...ref, withdrawnOn: '2022-06-02', reason: '转下一批' } },
      ]);
  });

  describe('county', () => {
    it('recommends by the deadline, and not after it', () => {
      deciderSpec(d)
        .given(submitted)
        .when({ type: 'RecommendHnteApplication', comment: '材料齐全' }, on('2022-07-15', 'county_reviewer'))
        .then([
          { type: 'CountyRecommended', data: { ...ref, recommendedOn: '2022-07-15', comment: '材料齐全' } },
        ]);
      deciderSpec(d)
        .given(submitted)
        .when({ type: 'RecommendHnteApplication' }, on('2022-07-16', 'county_reviewer'))
        .thenThrows(messageOf('recommendation_overdue', /2022-07-15/));
      deciderSpec(d)
        .given(drafted)
        .when({ type: 'RecommendHnteApplication' }, on('2022-06-01'))
        .thenRejects('wrong_status');
    });

    it('returns for correction with a comment per section', () => {
      const items = [
        { section: 'audit_reports' as const, comment: ' 缺专项审计报告 ' },
        { section: 'ip_items' as const, comment: '专利证书不清晰' },
      ];
      deciderSpec(d)
        .given(submitted)
        .when({ type: 'ReturnHnteApplication', items }, on('2022-06-01', 'county_reviewer'))
        .then([
          {
            type: 'HnteApplicationReturned',
            data: {
              ...ref,
              returnedOn: '2022-06-01',
              items: [{ section: 'audit_reports', comment: '缺专项审计报告' }, items[1]!],
            },
          },
        ]);
      const spec = deciderSpec(d).given(submitted);
      spec
        .when({ type: 'ReturnHnteApplication', items: [] }, on('2022-06-01'))
        .thenRejects('return_without_items');
      spec
        .when({ type: 'ReturnHnteApplication', items: [items[1]!, items[1]!] }, on('2022-06-01'))
        .thenRejects('section_twice');
      spec
        .when(
          { type: 'ReturnHnteApplication', items: [{ section: 'field', comment: ' ' }] },
          on('2022-06-01'),
        )
        .thenRejects('comment_required');
    });

    it('declines with a reason', () => {
      deciderSpec(d)
        .given(submitted)
        .when(
          { type: 'DeclineHnteApplication', reason: '核心技术不属于支持领域' },
          on('2022-06-01', 'county_reviewer'),
        )
        .then([
          {
            type: 'HnteApplicationDeclined',
            data: { ...ref, declinedOn: '2022-06-01', reason: '核心技术不属于支持领域' },
          },
        ]);
      deciderSpec(d)
        .given(submitted)
        .when({ type: 'DeclineHnteApplication', reason: ' ' }, on('2022-06-01'))
        .thenRejects('reason_required');
    });
  });

  it('resubmits a corrected application as a fresh submission, by the recommendation deadline', () => {
    const corrected = [
      ...returned,
      {
        type: 'HnteApplicationEdited',
        data: {
          ...ref,
          form: { ...goodForm, auditReports: ['audit/2021/rd-v2.pdf'] },
          editedOn: '2022-06-02',
        },
      } as ApplicationEvent,
    ];
    const out = applicationDecider(ports()).decide(
      { type: 'ResubmitHnteApplication' },
      deciderSpec(d).given(corrected).state,
      on('2022-07-05'),
    );
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      type: 'HnteApplicationResubmitted',
      data: { submission: 2, submittedOn: '2022-07-05', form: { auditReports: ['audit/2021/rd-v2.pdf'] } },
    });
    deciderSpec(d)
      .given(corrected)
      .when({ type: 'ResubmitHnteApplication' }, on('2022-07-16'))
      .thenRejects('correction_too_late');
    deciderSpec(d)
      .given(submitted)
      .when({ type: 'ResubmitHnteApplication' }, on('2022-06-02'))
      .thenRejects('wrong_status');
    expect(deciderSpec(d).given([...corrected, ...out]).state?.status).toBe('submitted');
  });

  it('uses DomainError for every refusal', () => {
    expect(() => d.decide({ type: 'SubmitHnteApplication' }, null, on('2022-05-21'))).toThrow(DomainError);
    expect(batch.batchId).toBe(BATCH_ID);
  });
});
