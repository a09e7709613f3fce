import { HnteApplicationSubmitted } from '@peiyu/contracts';
import { runPrecheck } from '@peiyu/certification/src/domain/precheck';
import {
  APP_ID,
  BATCH_ID,
  enterprise,
  goodForm,
  USCC,
} from '@peiyu/certification/src/domain/test-support/application-fixtures';
import { recomputeHntePrecheck, type HnteSubmittedData } from './hnte-precheck';

// The pre-check as the certification service records it at submission (its own runPrecheck over the form,
// the enterprise's founding date and the day), validated by the contract: the audit must get the same.
function submitted(form = goodForm, submittedOn = '2022-06-01'): HnteSubmittedData {
  return HnteApplicationSubmitted.schema.parse({
    applicationId: APP_ID,
    batchId: BATCH_ID,
    uscc: USCC,
    submission: 1,
    submittedOn,
    provinceCode: '430000',
    countyCode: enterprise.divisionCode,
    recommendationDueOn: '2022-07-15',
    form,
    ruleSetId: 'hnte-2016-32',
    precheck: runPrecheck(form, enterprise.foundedOn, submittedOn, 'hnte-2016-32'),
  });
}

describe('recomputeHntePrecheck', () => {
  it("the certification service's recorded pre-check recomputes identically (conditions, ranges, trace)", () => {
    const r = recomputeHntePrecheck(submitted());
    expect(r).toMatchObject({ kind: 'hnte-precheck', ruleSetId: 'hnte-2016-32', match: true, diffs: [] });
  });

  it('also for a form that fails conditions (licensed IP only, young enterprise)', () => {
    const form = {
      ...goodForm,
      ipItems: goodForm.ipItems.map((i) => ({ ...i, acquiredBy: 'exclusive_licence' as const })),
    };
    expect(recomputeHntePrecheck(submitted(form, '2015-09-01')).match).toBe(true);
  });

  it('an edited condition in the record is a diff naming it', () => {
    const d = submitted();
    const conditions = d.precheck.conditions.map((c) => (c.id === 4 ? { ...c, met: !c.met } : c));
    const r = recomputeHntePrecheck({ ...d, precheck: { ...d.precheck, conditions } });
    expect(r.diffs).toEqual([
      {
        path: 'precheck.conditions.3.met',
        recorded: !d.precheck.conditions[3]!.met,
        recomputed: d.precheck.conditions[3]!.met,
      },
    ]);
  });

  it('a changed rule-set parameter (minimum tech-staff share) shows as a diff in condition 4 and its trace', () => {
    const r = recomputeHntePrecheck(submitted(), { minTechStaffShare: '0.5' });
    expect(r.overridden).toEqual(['minTechStaffShare']);
    expect(r.match).toBe(false);
    expect(r.diffs).toEqual(
      expect.arrayContaining([
        { path: 'precheck.conditions.3.met', recorded: true, recomputed: false },
        expect.objectContaining({ path: expect.stringMatching(/^precheck\.trace\.steps\.3\./) }),
      ]),
    );
  });
});
