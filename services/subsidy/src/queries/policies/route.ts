import { readPage } from '@peiyu/eventstore';
import { endpoint, NotFoundError, pagedQuery } from '@peiyu/service-kit';
import { z } from 'zod';
import { SUBSIDY_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import type { PolicyDoc } from '../../read-models/policies';

/** GET /v1/policies — the published policies with their versions (reference data, readable by every role). */
export const policiesRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/policies',
      summary: 'Published policies and their versions (examples flagged `example: true`)',
      roles: SUBSIDY_ACCESS.read_policies,
      query: pagedQuery({}),
      ok: { 200: 'a page of policies' },
    },
    async ({ query }, _req, res) => {
      const page = await readPage<PolicyDoc>(await deps.reads.policies(), {}, { policyId: 1 }, query);
      // The stored document's _id is the stream id, internal to the read model: answer the public shape only.
      res.json({ ...page, items: page.items.map(({ policyId, versions }) => ({ policyId, versions })) });
    },
  );
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/policies/:policy',
      summary: 'One policy with its versions (`hnte-award.city` for hnte-award/city)',
      roles: SUBSIDY_ACCESS.read_policies,
      params: z.strictObject({ policy: z.string().min(1).max(64) }),
      ok: { 200: 'the policy' },
      errors: [404],
    },
    async ({ params }, _req, res) => {
      const docs = await deps.reads.allPolicies();
      const doc = docs.find((d) => d.policyId === params.policy.replace('.', '/'));
      if (!doc)
        throw new NotFoundError({ en: `no policy ${params.policy}`, zh: `未找到政策：${params.policy}` });
      res.json({ policyId: doc.policyId, versions: doc.versions });
    },
  );
};
