import { DivisionCodeSchema } from '@peiyu/contracts';
import { etagOf, readPage } from '@peiyu/eventstore';
import { endpoint, NotFoundError, pagedQuery, principalOf, sendTable } from '@peiyu/service-kit';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { bulletinOf, quarterFigures, type PublishedRanking, type QuarterRef } from '../../domain';
import { AreaQuarterParams, YearParam } from '../../commands/schemas';
import { authoriseRanking, STATISTICS_ACCESS } from '../../http/access';
import { bulletinMarkdown, bulletinTable } from '../../http/bulletin-render';
import type { StatisticsDeps } from '../../http/deps';
import { rankingView } from '../../http/ranking-view';
import { areaScopeOf } from '../../http/scope';
import type { Slice } from '../../http/slice';
import type { RecordsDoc } from '../../read-models/records';

export const ListRankingsQuery = pagedQuery({
  year: YearParam.optional(),
  region: DivisionCodeSchema.optional(),
});
const VersionQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional() });
export const BulletinQuery = VersionQuery.extend({
  format: z.enum(['json', 'markdown', 'csv', 'xlsx']).default('json'),
});

const label = (p: { areaCode: string; year: number; quarter: number }) =>
  `ranking of ${p.areaCode} for ${p.year} Q${p.quarter}`;

/** The asked version (default: the latest) of a published ranking the principal may read. */
async function published(
  deps: StatisticsDeps,
  req: Parameters<typeof principalOf>[0],
  p: { areaCode: string; year: number; quarter: number },
  version: number | undefined,
): Promise<{ ranking: PublishedRanking; versions: number }> {
  authoriseRanking(deps, principalOf(req), p.areaCode, label(p));
  const doc = await deps.reads.ranking(p.areaCode, p.year, p.quarter);
  const ranking = version === undefined ? doc?.latest : doc?.versions[version - 1]?.data;
  if (!doc || !ranking) {
    throw new NotFoundError({
      en: `no published ${label(p)}${version ? ` version ${version}` : ''}`,
      zh: `未找到已发布的排名：${p.areaCode} ${p.year}年第${p.quarter}季度`,
    });
  }
  return { ranking, versions: doc.versions.length };
}

export const rankingQueryRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/rankings',
      summary: "List published rankings (a county sees its city's)",
      roles: STATISTICS_ACCESS.read_ranking,
      query: ListRankingsQuery,
      ok: { 200: 'a page of rankings (latest versions, summary)' },
      errors: [403],
    },
    async ({ query }, req, res) => {
      const filter = areaScopeOf(deps.regions, principalOf(req), query.region);
      if (query.year !== undefined) filter['year'] = query.year;
      const page = await readPage<RecordsDoc<PublishedRanking>>(
        await deps.reads.rankings(),
        filter,
        { year: -1, quarter: -1, areaCode: 1 },
        query,
      );
      res.json({
        ...page,
        items: page.items.map(({ latest: r }) => ({
          areaCode: r.cityCode,
          areaName: deps.regions.name(r.cityCode),
          year: r.year,
          quarter: r.quarter,
          rankingVersion: r.rankingVersion,
          asOf: r.asOf,
          publishedOn: r.publishedOn,
          top: r.rows.filter((x) => x.mark === 'top').map((x) => x.countyCode),
          bottom: r.rows.filter((x) => x.mark === 'bottom').map((x) => x.countyCode),
          talk: r.rows.filter((x) => x.talk).map((x) => x.countyCode),
        })),
      });
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/rankings/:areaCode/:year/:quarter',
      summary: 'A published ranking (latest version, or ?version=n); corrections say what changed',
      roles: STATISTICS_ACCESS.read_ranking,
      params: AreaQuarterParams,
      query: VersionQuery,
      ok: { 200: 'the ranking' },
      errors: [403, 404],
    },
    async ({ params, query }, req, res) => {
      const { ranking, versions } = await published(deps, req, params, query.version);
      res.setHeader('ETag', etagOf(versions));
      res.json({ ...rankingView(deps, ranking), versions });
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/rankings/:areaCode/:year/:quarter/bulletin',
      summary:
        'The quarterly bulletin (通报): JSON, a printable Markdown page, or CSV / XLSX with Chinese headers',
      roles: STATISTICS_ACCESS.read_ranking,
      params: AreaQuarterParams,
      query: BulletinQuery,
      ok: { 200: 'the bulletin' },
      errors: [403, 404],
    },
    async ({ params, query }, req, res) => {
      const { ranking } = await published(deps, req, params, query.version);
      const bulletin = bulletinOf(ranking, {
        areaName: deps.regions.name(ranking.cityCode),
        countyName: deps.regions.name,
      });
      const file = `bulletin-${params.areaCode}-${params.year}-q${params.quarter}-v${ranking.rankingVersion}`;
      if (query.format === 'csv' || query.format === 'xlsx') {
        await sendTable(res, bulletinTable(bulletin), query.format, file);
      } else if (query.format === 'markdown') {
        res.type('text/markdown; charset=utf-8').send(bulletinMarkdown(bulletin));
      } else res.json(bulletin);
    },
  );

  // The as-of promise, checkable by anyone who may read the ranking: the quarter recomputed now from all
  // events, limited to the publication's knownAt, gives the published figures exactly.
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/rankings/:areaCode/:year/:quarter/recomputed',
      summary: 'Recompute a published ranking’s figures from the events known at its knownAt and compare',
      roles: STATISTICS_ACCESS.read_ranking,
      params: AreaQuarterParams,
      query: VersionQuery,
      ok: { 200: '{ matches, differences }' },
      errors: [403, 404],
    },
    async ({ params, query }, req, res) => {
      const { ranking } = await published(deps, req, params, query.version);
      const q = { year: ranking.year, quarter: ranking.quarter } as QuarterRef;
      const figures = quarterFigures({
        facts: await deps.reads.facts(),
        reports: await deps.reads.reportsOfYear(q.year),
        countyCodes: ranking.rows.map((r) => r.countyCode),
        quarter: q,
        knownAt: ranking.knownAt,
      });
      const differences = ranking.rows
        .filter((r) => !isDeepStrictEqual({ ...figures.get(r.countyCode) }, { ...r.figures }))
        .map((r) => ({
          countyCode: r.countyCode,
          published: r.figures,
          recomputed: figures.get(r.countyCode),
        }));
      res.json({
        rankingVersion: ranking.rankingVersion,
        knownAt: ranking.knownAt,
        matches: differences.length === 0,
        differences,
      });
    },
  );
};
