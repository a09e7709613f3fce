import { DivisionCodeSchema } from '@peiyu/contracts';
import { etagOf, readPage } from '@peiyu/eventstore';
import { endpoint, listScope, NotFoundError, pagedQuery, principalOf } from '@peiyu/service-kit';
import { z } from 'zod';
import { authoriseApplication, loadApplication } from '../../commands/application-command';
import { ApplicationParams, BatchIdSchema } from '../../commands/schemas';
import { CERTIFICATION_ACCESS, CERTIFICATION_SCOPE } from '../../http/access';
import type { Slice } from '../../http/slice';
import { applicationView } from '../../http/views';
import type { ApplicationDoc } from '../../read-models/applications';

const STATUSES = [
  'draft',
  'submitted',
  'returned',
  'recommended',
  'declined',
  'withdrawn',
  'under_review',
  'review_failed',
  'review_passed',
  'in_notice',
  'approved',
  'rejected',
] as const;

export const ListApplicationsQuery = pagedQuery(
  {
    batchId: BatchIdSchema.optional(),
    status: z.enum(STATUSES).optional(),
    region: DivisionCodeSchema.optional(),
  },
  { sort: ['uscc', 'status', 'submittedOn', 'noticeEndsOn'] },
);

/** What a list shows of an application (the single read has the whole form, panel and scores). */
const summaryOf = (d: ApplicationDoc) => ({
  applicationId: d.applicationId,
  batchId: d.batchId,
  uscc: d.uscc,
  status: d.status,
  field: d.application.form.field,
  countyCode: d.countyCode ?? null,
  submittedOn: d.application.submission?.submittedOn ?? null,
  conditionsMet: d.application.submission?.precheck.conditions.filter((c) => c.met === true).length ?? null,
  average: d.application.review?.average ?? null,
  noticeEndsOn: d.noticeEndsOn,
});

export const applicationQueryRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/hnte-applications/:batchId/:uscc',
      summary: 'Read an application (ETag = stream version); an expert only if on its panel',
      roles: CERTIFICATION_ACCESS.read_application,
      params: ApplicationParams,
      ok: { 200: 'the application' },
      errors: [403, 404, 503],
    },
    async ({ params }, req, res) => {
      const principal = principalOf(req);
      const { state, version } = await loadApplication(deps, params);
      const enterprise = await deps.reads.enterprise(params.uscc);
      authoriseApplication(deps, principal, 'read_application', params, enterprise, state);
      if (!state) {
        const what = `HNTE application of ${params.uscc} in batch ${params.batchId}`;
        throw new NotFoundError({ en: `no ${what}`, zh: `未找到：${what}` });
      }
      res.setHeader('ETag', etagOf(version));
      res.json(applicationView(state, version, principal));
    },
  );

  // GET /v1/hnte-applications?batchId=&status=&region= — an enterprise sees its own, a bureau those submitted
  // in its region, an expert those whose panel names it.
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/hnte-applications',
      summary: 'List applications in your region (yours, for an enterprise; your panels, for an expert)',
      roles: CERTIFICATION_ACCESS.read_application,
      query: ListApplicationsQuery,
      ok: { 200: 'a page of applications' },
      errors: [403],
    },
    async ({ query }, req, res) => {
      const principal = principalOf(req);
      const filter: Record<string, unknown> =
        principal.role === 'expert'
          ? { panel: principal.sub }
          : listScope(principal, query.region, {
              scope: CERTIFICATION_SCOPE,
              roles: CERTIFICATION_ACCESS.read_application,
            });
      // A bureau never sees drafts: they are the enterprise's until submitted.
      const own = principal.role === 'enterprise';
      if (query.status) filter['status'] = own || query.status !== 'draft' ? query.status : { $in: [] };
      else if (!own) filter['status'] = { $ne: 'draft' };
      if (query.batchId) filter['batchId'] = query.batchId;
      const page = await readPage<ApplicationDoc>(
        await deps.reads.applications(),
        filter,
        { batchId: 1, uscc: 1 },
        query,
      );
      res.json({ ...page, items: page.items.map(summaryOf) });
    },
  );
};
