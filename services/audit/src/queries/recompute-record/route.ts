import { endpoint, NotFoundError, placeOf, principalOf } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { AUDIT_ACCESS, authoriseStream } from '../../http/access';
import type { AuditDeps } from '../../http/deps';
import { overridesOf, ParameterOverridesSchema } from '../../http/recompute-body';

export const RecomputeRecordBody = z.strictObject({
  streamId: z
    .string()
    .min(3)
    .max(200)
    .regex(/^[A-Za-z0-9.-]+$/, 'must be a stream id'),
  /** The recording event's version; default the stream's latest score, pre-check or entitlement. */
  version: z.number().int().min(1).optional(),
  parameterOverrides: ParameterOverridesSchema.optional(),
});

/**
 * POST /v1/recomputations {streamId, version?, parameterOverrides?} — a recorded tech-SME score, HNTE pre-check
 * or subsidy entitlement recomputed through @peiyu/policy from its recorded inputs, rule-set id and policy
 * version, with a field-by-field diff against the record. A POST because it takes a what-if body; it changes
 * no business data (a difference as recorded is a finding).
 */
export function recomputeRecordRoute(router: Router, deps: AuditDeps): void {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/recomputations',
      summary: 'Recompute one recorded score, pre-check or entitlement and diff it against the record',
      roles: AUDIT_ACCESS.read,
      body: RecomputeRecordBody,
      ok: { 200: 'the recomputation: match, diffs (path, recorded, recomputed), both records' },
      errors: [400, 403, 404],
    },
    async ({ body }, req, res) => {
      const principal = principalOf(req);
      const overrides = overridesOf(body.parameterOverrides);
      const ctx = await deps.recomputations.checkOverrides(overrides);
      const entry = await deps.recomputations.entryOf(body.streamId, body.version);
      const what = `recompute ${body.streamId}${body.version ? `@${body.version}` : ''}`;
      if (!entry)
        throw new NotFoundError({
          en: `no recorded score, pre-check or entitlement in ${body.streamId}${body.version ? ` at version ${body.version}` : ''}`,
          zh: `事件流 ${body.streamId} 中没有可重算的评分、预审或补助记录`,
        });
      // Scoped by the county the record was decided for (every recomputed event records it).
      const county = (entry.data as { countyCode?: string }).countyCode;
      const place = county ? placeOf(county, deps.scope) : null;
      authoriseStream(deps, principal, 'read', place, what);
      const r = await deps.recomputations.one(entry, overrides, ctx);
      await deps.accessLog.record(principal, `${what} ${JSON.stringify(body.parameterOverrides ?? {})}`);
      res.json(r);
    },
  );
}
