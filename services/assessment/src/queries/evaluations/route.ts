import { DivisionCodeSchema } from '@peiyu/contracts';
import {
  ForbiddenError,
  NotFoundError,
  principalOf,
  ValidationError,
  validated,
  type Principal,
} from '@peiyu/service-kit';
import { z } from 'zod';
import { authorize, type Evaluation } from '../../domain';
import { cityExcluded, requireAccess, subjectOf } from '../../http/access';
import type { Slice } from '../../http/context';
import { etagOf, evaluationView } from '../../http/views';
import { CampaignYearSchema, EvaluationParams } from '../../commands/schemas';

const STATUSES = [
  'draft',
  'submitted',
  'returned',
  'forwarded',
  'withdrawn',
  'batched',
  'rejected',
  'entered',
  'revoked',
] as const;
export const ListEvaluationsQuery = z.strictObject({
  year: z.coerce.number().pipe(CampaignYearSchema).optional(),
  region: DivisionCodeSchema.optional(),
  status: z.enum(STATUSES).optional(),
});

/** The region a principal lists: the one asked for, else its own; it must lie within the principal's scope. */
function listRegion(p: Principal, asked: string | undefined): string {
  const region = asked ?? p.region;
  if (!region)
    throw new ValidationError('give region=', [
      { path: '/query/region', message: 'required', code: 'required' },
    ]);
  if (authorize(subjectOf(p), 'read', { divisionCode: region }) !== 'allow') {
    throw new ForbiddenError(
      `a ${p.role} of ${p.region ?? 'no region'} may not list evaluations of ${region}`,
      {
        code: 'outside_region',
      },
    );
  }
  return region;
}

export const evaluationQueryRoutes: Slice = (router, { deps }) => {
  router.get(
    '/v1/sme-evaluations/:uscc/:year',
    validated({ params: EvaluationParams }, async ({ params }, req, res) => {
      const principal = principalOf(req);
      const loaded = await deps.reads.loadEvaluation(params.uscc, params.year);
      const enterprise = await deps.reads.enterprise(params.uscc);
      const county = enterprise?.divisionCode ?? loaded.view?.countyCode;
      const what = `evaluation of ${params.uscc} for ${params.year}`;
      requireAccess(
        principal,
        'read',
        county ? { uscc: params.uscc, divisionCode: county } : null,
        deps.logger,
        what,
      );
      if (!loaded.view) throw new NotFoundError(`no ${what}`);
      res.setHeader('ETag', etagOf(loaded.version));
      res.json(evaluationView(loaded.view, loaded.version));
    }),
  );

  // GET /v1/sme-evaluations?year=&region=&status= — an enterprise sees its own; bureaus those of their region
  // (by the enterprise's current county).
  router.get(
    '/v1/sme-evaluations',
    validated({ query: ListEvaluationsQuery }, async ({ query }, req, res) => {
      const principal = principalOf(req);
      let items: Evaluation[];
      if (principal.role === 'enterprise') {
        items = await deps.reads.evaluationsOf(principal.uscc ? [principal.uscc] : [], query.year);
      } else {
        const region = listRegion(principal, query.region);
        const enterprises = (await deps.reads.enterprisesIn(region)).filter(
          (e) => !cityExcluded(principal.region, e.divisionCode),
        );
        items = await deps.reads.evaluationsOf(
          enterprises.map((e) => e.uscc),
          query.year,
        );
      }
      const shown = items
        .filter((e) => !query.status || e.status === query.status)
        .sort((a, b) => a.uscc.localeCompare(b.uscc) || a.year - b.year);
      res.json({
        total: shown.length,
        items: shown.map((e) => ({
          evaluationId: e.evaluationId,
          uscc: e.uscc,
          year: e.year,
          status: e.status,
          submittedOn: e.submittedOn,
          dueOn: e.dueOn,
          points: e.score?.points.total ?? null,
          registrationNumber: e.entry?.registrationNumber ?? null,
          batchId: e.batchId,
        })),
      });
    }),
  );
};
