import { DivisionCodeSchema, IsoDate } from '@peiyu/contracts';
import {
  endpoint,
  NotFoundError,
  pageOf,
  pagedQuery,
  principalOf,
  ValidationError,
} from '@peiyu/service-kit';
import { z } from 'zod';
import {
  filesByUscc,
  HENAN_LADDER,
  ladderMovements,
  NINGXIA_LADDER,
  countyOn,
  stageIndexOf,
  type Ladder,
} from '../../domain';
import { STATISTICS_ACCESS } from '../../http/access';
import { inScope, scopeOf } from '../../http/scope';
import type { Slice } from '../../http/slice';

/** The ladder of each province (configuration: a province adds its own stages here). */
export const LADDERS: ReadonlyMap<string, Ladder> = new Map([
  [HENAN_LADDER.provinceCode, HENAN_LADDER],
  [NINGXIA_LADDER.provinceCode, NINGXIA_LADDER],
]);

const ProvinceParams = z.strictObject({ provinceCode: DivisionCodeSchema });
export const MovementsQuery = pagedQuery({
  from: IsoDate,
  to: IsoDate,
  knownAt: z.iso.datetime({ offset: true }).optional(),
  region: DivisionCodeSchema.optional(),
});
export const StagesQuery = pagedQuery({ asOf: IsoDate, region: DivisionCodeSchema.optional() });

function ladderOf(region: string | undefined): Ladder {
  const ladder = region === undefined ? undefined : LADDERS.get(`${region.slice(0, 2)}0000`);
  if (!ladder) {
    throw new NotFoundError({
      en: `no ladder is configured for ${region ?? 'the whole country'} (ask with region=<a code of its province>)`,
      zh: '该省未配置梯次培育阶段（请用 region 指定省内区划）',
    });
  }
  return ladder;
}

export const ladderRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/ladders/:provinceCode',
      summary: "A province's cultivation ladder (梯次培育): its stages and what puts an enterprise on each",
      roles: STATISTICS_ACCESS.read,
      params: ProvinceParams,
      ok: { 200: 'the ladder' },
      errors: [404],
    },
    ({ params }, _req, res) => {
      res.json(ladderOf(params.provinceCode));
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/ladder-movements',
      summary: 'Who moved up (or down) the ladder over a period, from which stage, per county',
      roles: STATISTICS_ACCESS.read,
      query: MovementsQuery,
      ok: { 200: 'a page of county movements' },
      errors: [403, 404],
    },
    async ({ query }, req, res) => {
      const principal = principalOf(req);
      const filter = scopeOf(deps.regions, principal, query.region);
      const ladder = ladderOf(query.region ?? principal.region);
      if (query.from > query.to) {
        throw new ValidationError({ en: 'from must not be after to', zh: '起始日不能晚于截止日' }, [
          { path: '/query/from', message: 'after to', code: 'invalid_period' },
        ]);
      }
      const knownAt = query.knownAt === undefined ? {} : { knownAt: new Date(query.knownAt).toISOString() };
      const rows = ladderMovements(ladder, await deps.reads.facts(), {
        from: query.from,
        to: query.to,
        ...knownAt,
      })
        .filter((m) => inScope(deps.regions, filter, m.countyCode))
        .map((m) => ({ ...m, countyName: deps.regions.name(m.countyCode) }));
      const start = (query.page - 1) * query.pageSize;
      res.json(pageOf(query, rows.length, rows.slice(start, start + query.pageSize)));
    },
  );

  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/ladder-stages',
      summary: 'How many enterprises stand on each stage of the ladder on a date, per county',
      roles: STATISTICS_ACCESS.read,
      query: StagesQuery,
      ok: { 200: 'a page of counties with a count per stage' },
      errors: [403, 404],
    },
    async ({ query }, req, res) => {
      const principal = principalOf(req);
      const filter = scopeOf(deps.regions, principal, query.region);
      const ladder = ladderOf(query.region ?? principal.region);
      const facts = await deps.reads.facts();
      const at = { asOf: query.asOf };
      const byCounty = new Map<string, Record<string, number>>();
      for (const [uscc, file] of filesByUscc(facts)) {
        const county = countyOn(facts, uscc, query.asOf, at);
        if (county === null || !inScope(deps.regions, filter, county)) continue;
        const i = stageIndexOf(ladder, facts, uscc, at, file);
        if (i < 0) continue;
        const row = byCounty.get(county) ?? Object.fromEntries(ladder.stages.map((s) => [s.code, 0]));
        row[ladder.stages[i]!.code]! += 1;
        byCounty.set(county, row);
      }
      const rows = [...byCounty.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([countyCode, stages]) => ({ countyCode, countyName: deps.regions.name(countyCode), stages }));
      const start = (query.page - 1) * query.pageSize;
      res.json(pageOf(query, rows.length, rows.slice(start, start + query.pageSize)));
    },
  );
};
