import { endpoint, principalOf } from '@peiyu/service-kit';
import type { Router } from 'express';
import { verifyLedgerStream } from '../../domain/verify-stream';
import { AUDIT_ACCESS } from '../../http/access';
import type { AuditDeps } from '../../http/deps';
import { anyPersonal, entryView, StreamParams, streamFor } from '../../http/views';

/** GET /v1/streams/:streamId — any stream of any service: its events, hashes, verification and findings. */
export function getStreamRoute(router: Router, deps: AuditDeps): void {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/streams/:streamId',
      summary: 'A stream of the ledger with its events, hashes and verification (personal data masked)',
      roles: AUDIT_ACCESS.read,
      params: StreamParams,
      ok: { 200: 'the stream, re-verified now' },
      errors: [403, 404],
    },
    async ({ params }, req, res) => {
      const stream = await streamFor(deps, req, params.streamId);
      const entries = await deps.ledger.stream(stream._id);
      const cp = await deps.checkpoints.latest();
      const leaf = cp ? await deps.checkpoints.leafOf(cp.id, stream._id) : null;
      const verification = verifyLedgerStream(entries, stream, leaf ?? undefined);
      // A ledger that no longer verifies is itself a finding (its own database was edited), named by the check.
      if (!verification.ok)
        await deps.ledger.record({
          streamId: stream._id,
          version: verification.brokenAt,
          check: verification.reason,
          evidence: { detail: verification.detail, where: 'audit ledger' },
        });
      const findings = await deps.ledger.findings
        .find({ streamId: stream._id })
        .sort({ version: 1 })
        .toArray();
      await deps.accessLog.record(principalOf(req), `stream ${stream._id}`, anyPersonal(entries));
      res.json({
        streamId: stream._id,
        service: stream.service,
        version: stream.version,
        hash: stream.hash,
        place: {
          countyCode: stream.countyCode,
          cityCode: stream.cityCode,
          provinceCode: stream.provinceCode,
        },
        verification,
        checkpoint: cp && leaf ? { id: cp.id, version: leaf.version, hash: leaf.hash } : null,
        findings: findings.map(({ _id, ...f }) => ({ id: _id, ...f })),
        events: entries.map(entryView),
      });
    },
  );
}
