import { endpoint, listScope, principalOf } from '@peiyu/service-kit';
import { WhatIfBody } from '../../commands/schemas';
import { whatIf } from '../../domain';
import { SUBSIDY_ACCESS, SUBSIDY_SCOPE } from '../../http/access';
import type { Slice } from '../../http/slice';
import { readWhatIfFacts } from './read';

export { WhatIfBody };

/**
 * POST /v1/what-if — a parameter overlay over a past period, read-only: the recorded facts of the period (in the
 * caller's region) replayed under the published versions and under the overlay; totals by policy, level and
 * county, and the enterprises whose amounts change most. Nothing is written.
 */
export const whatIfRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/what-if',
      summary: 'Simulate a parameter overlay over a past period (read-only)',
      roles: SUBSIDY_ACCESS.what_if,
      body: WhatIfBody,
      ok: { 200: 'actual against simulated totals by policy, level and county; top changes' },
      errors: [403],
    },
    async ({ body }, req, res) => {
      const scope = listScope(principalOf(req), body.region, {
        scope: SUBSIDY_SCOPE,
        roles: SUBSIDY_ACCESS.what_if,
      });
      const facts = await readWhatIfFacts(await deps.reads.entitlements(), scope, body.from, body.to);
      const versions = (await deps.reads.allPolicies()).flatMap((p) => p.versions);
      res.json(
        whatIf(facts, versions, body.overlay as never, { from: body.from, to: body.to, top: body.top ?? 10 }),
      );
    },
  );
};
