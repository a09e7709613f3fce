import { DivisionCodeSchema } from '@peiyu/contracts';
import { etagOf, readPage } from '@peiyu/eventstore';
import { endpoint, NotFoundError, pagedQuery, principalOf } from '@peiyu/service-kit';
import type { IndicatorReport } from '../../domain';
import { CountyQuarterParams, QuarterParam, YearParam } from '../../commands/schemas';
import { authoriseStatistics, STATISTICS_ACCESS } from '../../http/access';
import { scopeOf } from '../../http/scope';
import type { Slice } from '../../http/slice';
import { reportFiguresView, reportView } from '../../http/views';
import type { RecordsDoc } from '../../read-models/records';

export const ListReportsQuery = pagedQuery({
  year: YearParam.optional(),
  quarter: QuarterParam.optional(),
  region: DivisionCodeSchema.optional(),
});

export const reportQueryRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/indicator-reports',
      summary: 'List the quarterly indicator reports in your region (latest versions; a county sees its own)',
      roles: STATISTICS_ACCESS.read,
      query: ListReportsQuery,
      ok: { 200: 'a page of reports' },
      errors: [403],
    },
    async ({ query }, req, res) => {
      const filter: Record<string, unknown> = scopeOf(deps.regions, principalOf(req), query.region);
      if (query.year !== undefined) filter['year'] = query.year;
      if (query.quarter !== undefined) filter['quarter'] = query.quarter;
      const page = await readPage<RecordsDoc<IndicatorReport>>(
        await deps.reads.reports(),
        filter,
        { year: 1, quarter: 1, countyCode: 1 },
        query,
      );
      res.json({
        ...page,
        items: page.items.map((d) => ({
          ...reportFiguresView(d.latest),
          countyName: deps.regions.name(d.latest.countyCode),
        })),
      });
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/indicator-reports/:countyCode/:year/:quarter',
      summary: "A county's report of a quarter with every version (corrections kept)",
      roles: STATISTICS_ACCESS.read,
      params: CountyQuarterParams,
      ok: { 200: 'the report and its versions' },
      errors: [403, 404],
    },
    async ({ params }, req, res) => {
      const what = `indicator report of ${params.countyCode} for ${params.year} Q${params.quarter}`;
      authoriseStatistics(deps, principalOf(req), 'read', { regionCode: params.countyCode }, what);
      const doc = await deps.reads.reportDoc(params.countyCode, params.year, params.quarter);
      if (!doc)
        throw new NotFoundError({
          en: `no ${what}`,
          zh: `未找到：${params.countyCode} ${params.year}年第${params.quarter}季度报送`,
        });
      res.setHeader('ETag', etagOf(doc.versions.length));
      res.json(
        reportView(
          doc.versions.map((v) => v.data),
          doc.versions.length,
        ),
      );
    },
  );
};
