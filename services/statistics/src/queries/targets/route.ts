import { DivisionCodeSchema } from '@peiyu/contracts';
import { etagOf, readPage } from '@peiyu/eventstore';
import { endpoint, NotFoundError, pagedQuery, principalOf } from '@peiyu/service-kit';
import type { CountyTargetSetEvent } from '../../domain';
import { CountyYearParams, YearParam } from '../../commands/schemas';
import { authoriseStatistics, STATISTICS_ACCESS } from '../../http/access';
import { scopeOf } from '../../http/scope';
import type { Slice } from '../../http/slice';
import { targetFiguresView, targetsView } from '../../http/views';
import type { RecordsDoc } from '../../read-models/records';

type TargetData = CountyTargetSetEvent['data'];

export const ListTargetsQuery = pagedQuery({
  year: YearParam.optional(),
  region: DivisionCodeSchema.optional(),
});

export const targetQueryRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/county-targets',
      summary: 'List the yearly targets of the counties in your region (latest versions)',
      roles: STATISTICS_ACCESS.read,
      query: ListTargetsQuery,
      ok: { 200: 'a page of county targets' },
      errors: [403],
    },
    async ({ query }, req, res) => {
      const filter: Record<string, unknown> = scopeOf(deps.regions, principalOf(req), query.region);
      if (query.year !== undefined) filter['year'] = query.year;
      const page = await readPage<RecordsDoc<TargetData>>(
        await deps.reads.targets(),
        filter,
        { year: 1, countyCode: 1 },
        query,
      );
      res.json({
        ...page,
        items: page.items.map((d) => ({
          countyCode: d.latest.countyCode,
          countyName: deps.regions.name(d.latest.countyCode),
          cityCode: d.latest.cityCode,
          year: d.year,
          targetVersion: d.latest.targetVersion,
          targets: targetFiguresView(d.latest.targets),
          setBy: d.latest.setBy,
          setOn: d.latest.setOn,
          reference: d.latest.reference,
        })),
      });
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/county-targets/:countyCode/:year',
      summary: "A county's targets of a year with every version (who, when, why)",
      roles: STATISTICS_ACCESS.read,
      params: CountyYearParams,
      ok: { 200: 'the targets and their history' },
      errors: [403, 404],
    },
    async ({ params }, req, res) => {
      const what = `targets of ${params.countyCode} for ${params.year}`;
      authoriseStatistics(deps, principalOf(req), 'read', { regionCode: params.countyCode }, what);
      const doc = (await (
        await deps.reads.targets()
      ).findOne({
        countyCode: params.countyCode,
        year: params.year,
      })) as unknown as (RecordsDoc<TargetData> & { _v: number }) | null;
      if (!doc)
        throw new NotFoundError({
          en: `no ${what}`,
          zh: `未找到：${params.countyCode} ${params.year}年度目标`,
        });
      res.setHeader('ETag', etagOf(doc.versions.length));
      res.json(
        targetsView(
          doc.versions.map((v) => v.data),
          doc.versions.length,
        ),
      );
    },
  );
};
