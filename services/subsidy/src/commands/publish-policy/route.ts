import { endpoint } from '@peiyu/service-kit';
import type { VersionDraft } from '../../domain';
import { SUBSIDY_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import { runPublishPolicy } from '../policy-command';
import { VersionBody } from '../schemas';

/** POST /v1/policy-versions — a policy owner publishes a version as data; a broken invariant is named. */
export const publishPolicyRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/policy-versions',
      summary: 'Publish a policy version (parameters with legal references, period, cost share, budget rule)',
      roles: SUBSIDY_ACCESS.publish_policy,
      body: VersionBody,
      ok: { 201: 'published (or the same version again); the policy with its versions' },
      errors: [403, 409],
      command: true,
    },
    async ({ body }, req, res) => {
      await runPublishPolicy(deps, req, res, body as VersionDraft);
    },
  );
};
