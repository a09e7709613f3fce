import { DivisionCodeSchema } from '@peiyu/contracts';
import { readPage } from '@peiyu/eventstore';
import { listScope, pagedQuery, principalOf, endpoint } from '@peiyu/service-kit';
import { reviewQueueItem } from '../../domain';
import { ON_SITE_REASON_LABELS } from '../../http/labels';
import { ASSESSMENT_ACCESS, ASSESSMENT_SCOPE } from '../../http/access';
import type { Slice } from '../../http/slice';
import type { EvaluationDoc } from '../../read-models/evaluations';

export const ReviewQueueQuery = pagedQuery({ region: DivisionCodeSchema.optional() });

/**
 * GET /v1/sme-review-queue?region= — evaluations awaiting formal review in the principal's region (by the
 * enterprise's current county, so a relocation moves the item; 省直管县 never in a city's queue), with due
 * dates and overdue flags, most urgent first.
 */
export const reviewQueueRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/sme-review-queue',
      summary: 'The county review queue, most urgent first',
      roles: ASSESSMENT_ACCESS.read,
      query: ReviewQueueQuery,
      ok: { 200: 'a page of evaluations awaiting formal review' },
      errors: [403],
    },
    async ({ query }, req, res) => {
      const scope = listScope(principalOf(req), query.region, {
        scope: ASSESSMENT_SCOPE,
        roles: ASSESSMENT_ACCESS.read,
      });
      const today = deps.clock.today();
      const page = await readPage<EvaluationDoc>(
        await deps.reads.evaluations(),
        // the place fields on the evaluation (the enterprise's current place): an index with the order
        { ...scope, status: 'submitted' },
        { dueOn: 1, submittedOn: 1, _id: 1 },
        query,
      );
      const names = await deps.reads.enterprises(page.items.map((d) => d.uscc));
      res.json({
        ...page,
        items: page.items.map(({ evaluation: e }) => ({
          ...reviewQueueItem(e, today),
          onSiteCheckSuggestedLabels: e.onSiteCheckSuggested.map((r) => ON_SITE_REASON_LABELS[r]),
          // a flagged item passes only once its on-site result is recorded (issue 11 §2)
          onSiteCheckResultRecorded: e.onSiteCheck ? e.onSiteCheck.result !== null : null,
          name: names.get(e.uscc)?.name ?? null,
        })),
      });
    },
  );
};
