import { readPage } from '@peiyu/eventstore';
import { endpoint, pagedQuery, principalOf } from '@peiyu/service-kit';
import { z } from 'zod';
import { PoolParams } from '../../commands/schemas';
import { authoriseCertification, CERTIFICATION_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import type { ExpertDoc } from '../../read-models/experts';

export const ListExpertsQuery = pagedQuery({ status: z.enum(['active', 'retired']).optional() });

/** PIPL: an expert's name is personal information; lists show it masked (张三 → 张*). */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

/** GET the province's pool, paged, names masked; every read is logged (whose pool, who read it). */
export const expertPoolQueryRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/hnte-expert-pools/:provinceCode/experts',
      summary: 'List the experts of a province (names masked; the read is logged)',
      roles: CERTIFICATION_ACCESS.read_pool,
      params: PoolParams,
      query: ListExpertsQuery,
      ok: { 200: 'a page of experts' },
      errors: [403],
    },
    async ({ params, query }, req, res) => {
      const principal = principalOf(req);
      authoriseCertification(
        deps.logger,
        principal,
        'read_pool',
        { regionCode: params.provinceCode },
        `HNTE expert pool of ${params.provinceCode}`,
      );
      const filter: Record<string, unknown> = { provinceCode: params.provinceCode };
      if (query.status) filter['status'] = query.status;
      const page = await readPage<ExpertDoc>(await deps.reads.experts(), filter, { expertId: 1 }, query);
      deps.logger.info(
        {
          event: 'personal_data_read',
          what: 'hnte_expert_pool',
          provinceCode: params.provinceCode,
          experts: page.items.map((e) => e.expertId),
          by: { sub: principal.sub, role: principal.role },
        },
        'expert pool read',
      );
      res.json({
        ...page,
        items: page.items.map((e) => ({
          expertId: e.expertId,
          name: maskName(e.name),
          organisation: e.organisation.name,
          expertise: e.expertise,
          declaredRelations: e.relations,
          status: e.status,
        })),
      });
    },
  );
};
