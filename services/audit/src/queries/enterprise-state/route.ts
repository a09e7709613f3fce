import { enterpriseStreamId, IsoDateSchema } from '@peiyu/contracts';
import { endpoint, principalOf } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { foldStream, ownerOf } from '../../domain/replay';
import { endOfDayInChina, maskPersonal } from '../../domain/timeline';
import { AUDIT_ACCESS } from '../../http/access';
import type { AuditDeps } from '../../http/deps';
import { streamFor, UsccParams } from '../../http/views';

const AsOfQuery = z.strictObject({ asOf: IsoDateSchema });

/**
 * GET /v1/enterprises/:uscc/state?asOf=YYYY-MM-DD — the enterprise as the system knew it at the end of that day
 * (China time): each of its streams folded by its owner's `evolve` over the events recorded by then.
 */
export function enterpriseStateRoute(router: Router, deps: AuditDeps): void {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/enterprises/:uscc/state',
      summary: "An enterprise's state as of a date, per stream (personal data masked)",
      roles: AUDIT_ACCESS.read,
      params: UsccParams,
      query: AsOfQuery,
      ok: { 200: 'the state of each stream about the enterprise as of the date' },
      errors: [403, 404],
    },
    async ({ params, query }, req, res) => {
      await streamFor(deps, req, enterpriseStreamId(params.uscc));
      const until = endOfDayInChina(query.asOf);
      const entries = await deps.ledger.entries
        .find({ usccs: params.uscc, recordedAt: { $lte: until } })
        .sort({ seq: 1 })
        .toArray();
      const byStream = new Map<string, typeof entries>();
      for (const e of entries) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
      const streams = [...byStream].flatMap(([streamId, list]) => {
        const owner = ownerOf(streamId);
        if (!owner) return [];
        const decoded = list
          .sort((a, b) => a.streamVersion - b.streamVersion)
          .map((e) => ({ type: e.type, data: deps.ledger.decode(e).data }));
        return [
          {
            streamId,
            service: owner.service,
            version: list.length,
            state: maskPersonal(foldStream(owner, decoded)),
          },
        ];
      });
      await deps.accessLog.record(principalOf(req), `state of ${params.uscc} as of ${query.asOf}`, true);
      res.json({ uscc: params.uscc, asOf: query.asOf, until, streams });
    },
  );
}
