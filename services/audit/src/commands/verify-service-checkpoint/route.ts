import { assertCheckpointAlgorithm, publicKeyFromPem } from '@peiyu/eventstore';
import { endpoint, principalOf, ValidationError } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { verifyServiceCheckpoint } from '../../domain/checkpoint';
import { AUDIT_ACCESS, authoriseAct } from '../../http/access';
import type { AuditDeps } from '../../http/deps';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const Head = z.strictObject({
  streamId: z.string().min(1).max(200),
  version: z.number().int().min(1),
  hash: Hex64,
});

export const ServiceCheckpointBody = z.strictObject({
  checkpoint: z.strictObject({
    id: z.string().regex(/^\d{12}$/),
    service: z.enum(['registry', 'assessment', 'certification', 'subsidy', 'statistics']),
    at: z.iso.datetime({ offset: true }),
    count: z.number().int().min(0),
    digestAlg: z.enum(['sha256', 'sm3']),
    digest: Hex64,
    alg: z.enum(['ed25519', 'sm2-sm3']),
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    signature: z.string().min(1).max(400),
  }),
  heads: z.array(Head).max(200_000),
  publicKey: z.string().min(40).max(2000),
});

/**
 * POST /v1/service-checkpoints/verify — another service's signed checkpoint (statement, heads, public key, as
 * the eventstore's CheckpointWriter keeps them) held against the ledger: signature, digest, then every head's
 * hash against the ledger's own chain. Each disagreement is a `checkpoint-mismatch` finding (and an alert).
 */
export function verifyServiceCheckpointRoute(router: Router, deps: AuditDeps): void {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/service-checkpoints/verify',
      summary: "Verify a service's signed checkpoint against the ledger",
      roles: AUDIT_ACCESS.act,
      body: ServiceCheckpointBody,
      ok: { 200: 'the report: matched, pending (not yet in the ledger), findings' },
      errors: [403],
    },
    async ({ body }, req, res) => {
      authoriseAct(deps, principalOf(req), 'act', 'service checkpoints');
      let key;
      try {
        assertCheckpointAlgorithm(body.checkpoint.alg);
        key = publicKeyFromPem(body.checkpoint.alg, body.publicKey);
      } catch (err) {
        throw new ValidationError({
          en: `publicKey: ${(err as Error).message}`,
          zh: `公钥无效：${(err as Error).message}`,
        });
      }
      const hashes = new Map<string, string>();
      const versions = new Map<string, number>();
      for (const h of body.heads) {
        const [entry, stream] = await Promise.all([
          deps.ledger.entryAt(h.streamId, h.version),
          deps.ledger.streams.findOne({ _id: h.streamId }),
        ]);
        if (entry) hashes.set(`${h.streamId}@${h.version}`, entry.hash);
        versions.set(h.streamId, stream?.version ?? 0);
      }
      const report = verifyServiceCheckpoint({
        checkpoint: body.checkpoint,
        heads: body.heads,
        key,
        ledgerHashAt: (s, v) => hashes.get(`${s}@${v}`),
        ledgerVersionOf: (s) => versions.get(s) ?? 0,
      });
      for (const f of report.findings) await deps.ledger.record(f);
      await deps.accessLog.record(
        principalOf(req),
        `verified ${body.checkpoint.service} checkpoint ${body.checkpoint.id}`,
      );
      res.json(report);
    },
  );
}
