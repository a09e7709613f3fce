import { endpoint, NotFoundError, principalOf } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { AUDIT_ACCESS, authoriseAct } from '../../http/access';
import type { AuditDeps } from '../../http/deps';

/**
 * POST /v1/checkpoints {} — seal a checkpoint now (besides the interval): e.g. before an export or a proof of
 * something that arrived a moment ago. Nothing new is signed when no head moved.
 */
export function sealCheckpointRoute(router: Router, deps: AuditDeps): void {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/checkpoints',
      summary: 'Sign an audit checkpoint over the current ledger heads now',
      roles: AUDIT_ACCESS.act,
      body: z.strictObject({}),
      ok: { 200: 'the latest checkpoint (new when a head moved)' },
      errors: [403, 404],
    },
    async (_input, req, res) => {
      authoriseAct(deps, principalOf(req), 'act', 'the audit checkpoint');
      const cp = await deps.checkpoints.sealNow();
      if (!cp)
        throw new NotFoundError({ en: 'the ledger is empty: nothing to sign', zh: '账本为空，无可签名内容' });
      await deps.accessLog.record(principalOf(req), `sealed checkpoint ${cp.id}`);
      res.json({ checkpoint: cp, publicKey: deps.checkpoints.publicKeyPem });
    },
  );
}
