import { smeBatchStreamId } from '@peiyu/contracts';
import { loadStream, runSystemCommand } from '@peiyu/eventstore';
import { endpoint, publicSubmissionLimiter } from '@peiyu/service-kit';
import type { RequestHandler } from 'express';
import { policyPorts } from '../../campaigns';
import { batchDecider, type BatchCommand } from '../../domain';
import { refuse } from '../../domain/errors';
import type { Slice } from '../../http/slice';
import { existing, itemViews } from '../batch-command';
import { BatchParams } from '../schemas';
import { PublicObjectionBody } from './body';

export { PublicObjectionBody };

/** Only POSTs count against the form's limit (reading the notice is the public list's own limit). */
function formLimit(limiter: RequestHandler): RequestHandler {
  return (req, res, next) => (req.method === 'POST' ? limiter(req, res, next) : next());
}

const PUBLIC_ACTOR = { role: 'public' as const, id: 'public-objection-form' };

/**
 * POST /v1/sme-notices/:batchId/objections — anyone may object during an open 公示, without signing in, under
 * a real name with a contact. The body names the entry by its USCC (what the notice shows). It runs the same
 * LodgeObjection decision as the province's written objections (window through the last day, item not
 * rejected); the objector is stored on the event (PublicObjectionLodged) and masked in every read but the
 * province's logged single-objection read. Rate-limited per address (`publicSubmissions`).
 */
export const publicObjectionRoute: Slice = (router, deps) => {
  router.use('/v1/sme-notices/:batchId/objections', formLimit(publicSubmissionLimiter(deps.rateLimits)));
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/sme-notices/:batchId/objections',
      summary: 'Lodge an objection to an entry under public notice (公示异议), without signing in',
      description:
        'Accepted from the notice’s opening day through its last day (endsOn). Rate-limited per client address.',
      roles: 'public',
      params: BatchParams,
      body: PublicObjectionBody,
      ok: { 201: 'lodged; the body names objectionId and lodgedOn (the contact is never echoed)' },
      errors: [404, 409, 429],
    },
    async ({ params, body }, req, res) => {
      const streamId = smeBatchStreamId(params.batchId);
      const loaded = await loadStream(deps.store, batchDecider, streamId);
      const batch = existing(loaded.state, params.batchId);
      const item = batch.items.find((i) => i.uscc === body.uscc);
      if (!item) throw refuse('not_found', 'not_in_batch', `${body.uscc} is not under this notice`, 'uscc');
      const objectionId = deps.newId();
      const command: BatchCommand = {
        type: 'LodgeObjection',
        objectionId,
        evaluationId: item.evaluationId,
        summary: body.summary,
        objector: { name: body.name, contact: body.contact },
      };
      const run = async () => {
        const items = await itemViews(
          deps,
          batch.items.map((i) => i.evaluationId),
        );
        return runSystemCommand(deps, {
          streamId,
          decider: batchDecider,
          command,
          lookups: {
            evaluation: (id: string) => items.get(id) ?? null,
            ...policyPorts(deps.calendar.current()),
            registrationNumberFormat: (p: string) => deps.registrationNumberFormat(p),
          },
          actor: PUBLIC_ACTOR,
          correlationId: String(req.id ?? 'none'),
        });
      };
      // Batch commands of a province run one after another (as runBatchCommand's).
      await (deps.serialiser ? deps.serialiser.run(batch.provinceCode, run) : run());
      // No personal data in the log line: the objector is in the event only.
      deps.logger.info({ event: 'public_objection_lodged', batchId: batch.batchId, objectionId });
      res.status(201).json({ batchId: batch.batchId, objectionId, lodgedOn: deps.clock.today() });
    },
  );
};
