import { endpoint, NotFoundError, principalOf } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { ChainedView, InclusionProof } from '../../domain/proof';
import { AUDIT_ACCESS } from '../../http/access';
import type { AuditDeps } from '../../http/deps';
import { streamFor } from '../../http/views';
import type { EntryDoc } from '../../read-models/ledger';

const ProofParams = z.strictObject({
  streamId: z
    .string()
    .min(3)
    .max(200)
    .regex(/^[A-Za-z0-9-]+$/),
  version: z.coerce.number().int().min(1),
});
const ProofQuery = z.strictObject({
  checkpoint: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
});

const chained = (e: EntryDoc): ChainedView => {
  const { _id: _i, seq: _s, usccs: _u, topic: _t, ...view } = e;
  return view as ChainedView;
};

/**
 * GET /v1/streams/:streamId/events/:version/proof — that the event is in what a checkpoint signed: the event,
 * its successors up to the checkpointed head, the head's Merkle path and the signed checkpoint. Unmasked: the
 * hashes are over the real bytes (an auditor's act, logged as a read of personal data).
 */
export function inclusionProofRoute(router: Router, deps: AuditDeps): void {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/streams/:streamId/events/:version/proof',
      summary: 'Inclusion proof of an event against a signed audit checkpoint (latest by default)',
      roles: AUDIT_ACCESS.read,
      params: ProofParams,
      query: ProofQuery,
      ok: { 200: 'the proof (verify with the checkpoint public key)' },
      errors: [403, 404],
    },
    async ({ params, query }, req, res) => {
      const stream = await streamFor(deps, req, params.streamId);
      const cp = query.checkpoint
        ? await deps.checkpoints.byId(query.checkpoint)
        : await deps.checkpoints.latest();
      const leaf = cp && (await deps.checkpoints.leafOf(cp.id, stream._id));
      if (!cp || !leaf || leaf.version < params.version)
        throw new NotFoundError({
          en: `no checkpoint covers version ${params.version} of ${stream._id} yet`,
          zh: `尚无检查点覆盖 ${stream._id} 的第 ${params.version} 版`,
        });
      const entries = (await deps.ledger.stream(stream._id, leaf.version)).filter(
        (e) => e.streamVersion >= params.version,
      );
      const [event, ...successors] = entries.map(chained);
      const proof: InclusionProof = {
        checkpoint: cp,
        event: event!,
        successors,
        leaf: { index: leaf.index, streamId: leaf.streamId, version: leaf.version, hash: leaf.hash },
        path: await deps.checkpoints.pathOf(cp, leaf.index),
      };
      await deps.accessLog.record(principalOf(req), `proof of ${stream._id}@${params.version}`, true);
      res.json({ proof, publicKey: deps.checkpoints.publicKeyPem });
    },
  );
}
