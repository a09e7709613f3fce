import { endpoint, principalOf } from '@peiyu/service-kit';
import type { Router } from 'express';
import { maskPersonal } from '../../domain/timeline';
import { AUDIT_ACCESS } from '../../http/access';
import type { AuditDeps } from '../../http/deps';
import { StreamParams, streamFor } from '../../http/views';
import { replayOne } from '../../read-models/replay-jobs';

/** GET /v1/streams/:streamId/replay — re-run the stream through its owner's evolve; compare with the recorded state. */
export function replayStreamRoute(router: Router, deps: AuditDeps): void {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/streams/:streamId/replay',
      summary: "Replay one stream through its owner's fold and diff it against the recorded state",
      roles: AUDIT_ACCESS.read,
      params: StreamParams,
      ok: { 200: 'the replay: match, diffs, both states (masked)' },
      errors: [403, 404],
    },
    async ({ params }, req, res) => {
      const stream = await streamFor(deps, req, params.streamId);
      const r = await replayOne(deps.ledger, stream);
      if (!r.match)
        await deps.ledger.record({
          streamId: r.streamId,
          version: r.recordedVersion,
          check: 'replay-mismatch',
          evidence: { diffs: r.diffs },
        });
      await deps.accessLog.record(principalOf(req), `replay of ${stream._id}`, true);
      res.json({
        ...r,
        diffs: maskPersonal(r.diffs),
        recordedState: maskPersonal(r.recordedState),
        replayedState: maskPersonal(r.replayedState),
      });
    },
  );
}
