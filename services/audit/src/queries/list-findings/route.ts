import { DivisionCodeSchema } from '@peiyu/contracts';
import { readPage } from '@peiyu/eventstore';
import { endpoint, listScope, pagedQuery, principalOf } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { AUDIT_ACCESS } from '../../http/access';
import type { AuditDeps } from '../../http/deps';
import type { FindingDoc } from '../../read-models/ledger';

const CHECKS = [
  'gap',
  'fork',
  'order',
  'broken-link',
  'hash-mismatch',
  'head-mismatch',
  'checkpoint-mismatch',
  'replay-mismatch',
  'recompute-mismatch',
] as const;

export const ListFindingsQuery = pagedQuery({
  region: DivisionCodeSchema.optional(),
  check: z.enum(CHECKS).optional(),
  streamId: z.string().min(3).max(200).optional(),
});

/** GET /v1/findings — what the ledger found, newest first, in the auditor's region (auditors and admins only). */
export function listFindingsRoute(router: Router, deps: AuditDeps): void {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/findings',
      summary: 'Integrity findings (gap, fork, broken link, checkpoint or replay mismatch) in your region',
      roles: AUDIT_ACCESS.read,
      query: ListFindingsQuery,
      ok: { 200: 'a page of findings' },
      errors: [403],
    },
    async ({ query }, req, res) => {
      const principal = principalOf(req);
      const filters: Array<Record<string, unknown>> = [
        listScope(principal, query.region, { scope: deps.scope, roles: AUDIT_ACCESS.read }),
      ];
      if (query.check) filters.push({ check: query.check });
      if (query.streamId) filters.push({ streamId: query.streamId });
      const page = await readPage<FindingDoc>(
        deps.ledger.findings as never,
        filters.length === 1 ? filters[0]! : { $and: filters },
        { detectedAt: -1, _id: 1 },
        query,
      );
      await deps.accessLog.record(
        principal,
        `findings ${JSON.stringify({ region: query.region, check: query.check, streamId: query.streamId })}`,
      );
      res.json({ ...page, items: page.items.map(({ _id, ...f }) => ({ id: _id, ...f })) });
    },
  );
}
