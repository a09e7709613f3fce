import { FORMAL_REVIEW_ITEMS, smeEvaluationStreamId } from '@peiyu/contracts';
import { appendOn, countyActor, enterpriseActor, provinceActor, type Actor, type Append } from './append';
import { deadlineFacts, workingDays } from './dates';
import { SENT_BACK_WORKING_DAYS, type EvaluationFate } from './fate';
import { smeForm, submissionFacts } from './form';
import { Rng } from './rng';

/** COUNTY_REVIEW_WORKING_DAYS of the assessment service (the work guide's 5 working days). */
const COUNTY_REVIEW_WORKING_DAYS = 5;

const CORRECTIONS = [
  '研发费用归集与佐证材料不一致',
  '缺少加盖公章的承诺书',
  '知识产权证书未上传',
  '科技人员名单不完整',
];

export function evaluationId(seed: number, uscc: string, year: number): string {
  return new Rng(seed, `evaluation-id:${uscc}:${year}`).uuid(new Date(Date.UTC(year, 0, 1)));
}

/** The evaluation stream up to the province (batch outcomes are folded from the batch stream). */
export function evaluationAppends(seed: number, year: number, f: EvaluationFate, ids: Rng): Append[] {
  const r = new Rng(seed, `evaluation:${f.uscc}:${year}`);
  const streamId = smeEvaluationStreamId(f.uscc, year);
  const item = { evaluationId: evaluationId(seed, f.uscc, year), uscc: f.uscc, year };
  const self = enterpriseActor(f.uscc);
  const county = countyActor(f.countyCode);
  const form = smeForm(r, f.uscc, year);
  const on: On = (date, actor, type, data) =>
    appendOn(ids, streamId, date, actor, [{ type, data: { ...item, ...data } }]);
  const out = [on(f.draftedOn, self, 'SmeEvaluationDrafted', { form, draftedOn: f.draftedOn })];
  if (f.updatedOn) out.push(on(f.updatedOn, self, 'SmeEvaluationUpdated', { form, updatedOn: f.updatedOn }));
  if (f.withdrawnOn) {
    out.push(on(f.withdrawnOn, self, 'SmeEvaluationWithdrawn', { withdrawnOn: f.withdrawnOn, reason: null }));
    return out;
  }
  const facts = submissionFacts(form, year);
  f.reviews.forEach((rev, i) => {
    out.push(
      on(rev.submittedOn, self, 'SmeEvaluationSubmitted', {
        submission: i + 1,
        submittedOn: rev.submittedOn,
        countyCode: f.countyCode,
        dueOn: workingDays(rev.submittedOn, COUNTY_REVIEW_WORKING_DAYS),
        reviewWorkingDays: COUNTY_REVIEW_WORKING_DAYS,
        ...deadlineFacts(rev.submittedOn, COUNTY_REVIEW_WORKING_DAYS),
        form,
        validHnteCertificate: false,
        ...facts,
      }),
    );
    if (rev.returned) {
      const failedItems = [{ item: r.pick(FORMAL_REVIEW_ITEMS), comment: r.pick(CORRECTIONS) }];
      out.push(
        on(rev.reviewedOn, county, 'ReturnedForCorrection', { reviewedOn: rev.reviewedOn, failedItems }),
      );
      return;
    }
    if (f.onSiteFlagged) {
      const reasons =
        facts.onSiteCheckSuggested.length > 0 ? facts.onSiteCheckSuggested : ['reviewer_judgement'];
      out.push(
        on(rev.reviewedOn, county, 'OnSiteCheckFlagged', { flaggedOn: rev.reviewedOn, reasons, note: null }),
      );
    }
    out.push(passed(on, county, rev.reviewedOn));
  });
  if (f.sentBack) {
    const { on: sentBackOn, dueOn, reviewedOn } = f.sentBack;
    const reason = '研发投入强度与财务报表不符，请县级复核';
    const province = provinceActor(`${f.countyCode.slice(0, 2)}0000`);
    const review = {
      reviewWorkingDays: SENT_BACK_WORKING_DAYS,
      ...deadlineFacts(sentBackOn, SENT_BACK_WORKING_DAYS),
    };
    out.push(on(sentBackOn, province, 'SentBackByProvince', { sentBackOn, reason, dueOn, ...review }));
    out.push(passed(on, county, reviewedOn));
  }
  return out;
}

type On = (date: string, actor: Actor, type: string, data: object) => Append;

function passed(on: On, county: Actor, reviewedOn: string): Append {
  return on(reviewedOn, county, 'FormalReviewPassed', { reviewedOn, checklist: [...FORMAL_REVIEW_ITEMS] });
}
