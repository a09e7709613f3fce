import { DivisionCodeSchema, smeEvaluationStreamId } from '@peiyu/contracts';
import { etagOf, maskedHistory, readPage } from '@peiyu/eventstore';
import {
  endpoint,
  listScope,
  logPersonalDataRead,
  NotFoundError,
  pagedQuery,
  principalOf,
} from '@peiyu/service-kit';
import { z } from 'zod';
import { authoriseEvaluation, loadEvaluation } from '../../commands/evaluation-command';
import { CampaignYearSchema, EvaluationParams } from '../../commands/schemas';
import { ASSESSMENT_ACCESS, ASSESSMENT_SCOPE } from '../../http/access';
import type { Slice } from '../../http/slice';
import { entryStateFields, EVALUATION_STATUS_LABELS } from '../../http/labels';
import { evaluationView } from '../../http/views';
import type { EvaluationDoc } from '../../read-models/evaluations';
import { EVALUATION_STATUSES } from '../../domain';

export const ListEvaluationsQuery = pagedQuery({
  year: z.coerce.number().pipe(CampaignYearSchema).optional(),
  region: DivisionCodeSchema.optional(),
  status: z.enum(EVALUATION_STATUSES).optional(),
});

export const evaluationQueryRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/sme-evaluations/:uscc/:year',
      summary: 'Read an evaluation (ETag = stream version)',
      roles: ASSESSMENT_ACCESS.read,
      params: EvaluationParams,
      ok: { 200: 'the evaluation with its batch outcome' },
      errors: [403, 404, 503],
    },
    async ({ params }, req, res) => {
      const { state, version } = await loadEvaluation(deps, params);
      const enterprise = await deps.reads.enterprise(params.uscc);
      authoriseEvaluation(deps, principalOf(req), 'read', params, enterprise, state);
      if (!state) {
        const what = `evaluation of ${params.uscc} for ${params.year}`;
        throw new NotFoundError({ en: `no ${what}`, zh: `未找到：${what}` });
      }
      res.setHeader('ETag', etagOf(version));
      res.json(evaluationView(state, version, deps.clock.today(), deps.calendar.current()));
    },
  );

  // GET …/history — the evaluation's events with their hash chain, for audit. Masked like every read and
  // logged (issue 12, finding 5): reviewers' account ids masked (the form holds no personal data).
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/sme-evaluations/:uscc/:year/history',
      summary: 'The events of an evaluation with their hash chain (account ids masked; logged)',
      roles: ASSESSMENT_ACCESS.read,
      params: EvaluationParams,
      ok: { 200: 'events in version order' },
      errors: [403, 404, 503],
    },
    async ({ params }, req, res) => {
      const { state } = await loadEvaluation(deps, params);
      const enterprise = await deps.reads.enterprise(params.uscc);
      const principal = principalOf(req);
      authoriseEvaluation(deps, principal, 'read', params, enterprise, state);
      const what = `evaluation of ${params.uscc} for ${params.year}`;
      if (!state) throw new NotFoundError({ en: `no ${what}`, zh: `未找到：${what}` });
      const streamId = smeEvaluationStreamId(params.uscc, params.year);
      const events = await deps.store.readStream(streamId);
      const integrity = await deps.store.verifyStream(streamId);
      logPersonalDataRead(deps.logger, principal, {
        what: 'evaluation history',
        subject: streamId,
        fields: ['actor.id'],
        why: 'history read',
        masked: true,
      });
      res.json({ uscc: params.uscc, year: params.year, integrity, events: maskedHistory(events) });
    },
  );

  // GET /v1/sme-evaluations?year=&region=&status=&page=&pageSize= — from the evaluations read model: an
  // enterprise sees its own; bureaus those of their region (by the enterprise's current county).
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/sme-evaluations',
      summary: 'List evaluations in your region (yours, for an enterprise)',
      roles: ASSESSMENT_ACCESS.read,
      query: ListEvaluationsQuery,
      ok: { 200: 'a page of evaluations' },
      errors: [403],
    },
    async ({ query }, req, res) => {
      const principal = principalOf(req);
      const scope = listScope(principal, query.region, {
        scope: ASSESSMENT_SCOPE,
        roles: ASSESSMENT_ACCESS.read,
      });
      // an enterprise's scope is its USCC; a bureau's the place fields (the enterprise's current place)
      const filter: Record<string, unknown> = { ...scope };
      if (query.year !== undefined) filter['year'] = query.year;
      if (query.status) filter['status'] = query.status;
      const page = await readPage<EvaluationDoc>(
        await deps.reads.evaluations(),
        filter,
        { uscc: 1, year: 1 },
        query,
      );
      const today = deps.clock.today();
      res.json({
        ...page,
        items: page.items.map(({ evaluation: e }) => ({
          evaluationId: e.evaluationId,
          uscc: e.uscc,
          year: e.year,
          status: e.status,
          statusLabel: EVALUATION_STATUS_LABELS[e.status],
          // an entry past its validity shows as expired in every list (issue 11 §2)
          ...entryStateFields(e, today),
          submittedOn: e.submittedOn,
          dueOn: e.dueOn,
          points: e.score?.points.total ?? null,
          registrationNumber: e.entry?.registrationNumber ?? null,
          batchId: e.batchId,
        })),
      });
    },
  );
};
