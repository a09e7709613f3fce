import { endpoint, NotFoundError, principalOf } from '@peiyu/service-kit';
import type { Router } from 'express';
import { AUDIT_ACCESS, authoriseAct } from '../../http/access';
import type { AuditDeps } from '../../http/deps';

/** GET /v1/checkpoints/latest — the audit's latest signed checkpoint and the public key to verify it. */
export function latestCheckpointRoute(router: Router, deps: AuditDeps): void {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/checkpoints/latest',
      summary: "The audit's latest signed checkpoint (Merkle root over every stream head) and its public key",
      roles: AUDIT_ACCESS.read,
      ok: { 200: 'the checkpoint' },
      errors: [403, 404],
    },
    async (_input, req, res) => {
      authoriseAct(deps, principalOf(req), 'read', 'the audit checkpoint');
      const cp = await deps.checkpoints.latest();
      if (!cp) throw new NotFoundError({ en: 'no audit checkpoint yet', zh: '尚无审计检查点' });
      await deps.accessLog.record(principalOf(req), `checkpoint ${cp.id}`);
      res.json({ checkpoint: cp, publicKey: deps.checkpoints.publicKeyPem });
    },
  );
}
