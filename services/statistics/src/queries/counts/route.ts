import { DivisionCodeSchema } from '@peiyu/contracts';
import { IsoDate } from '@peiyu/contracts';
import { endpoint, pageOf, pagedQuery, principalOf, ValidationError } from '@peiyu/service-kit';
import { z } from 'zod';
import {
  countsFor,
  countyCounts,
  quarterCounts,
  UNLOCATED,
  type CountyCounts,
  type QuarterRef,
} from '../../domain';
import { QuarterParam, YearParam } from '../../commands/schemas';
import { STATISTICS_ACCESS } from '../../http/access';
import { inScope, scopeOf } from '../../http/scope';
import type { Slice } from '../../http/slice';

export const CountsQuery = pagedQuery({
  year: YearParam.optional(),
  quarter: QuarterParam.optional(),
  /** With year and quarter: the quarter from its first day up to this date (default: its end). */
  asOf: IsoDate.optional(),
  /** Or any period: from and to (e.g. 岳阳 2022-01-01 … 2022-05-31). */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** Only what was recorded up to this instant (a published quarter's knownAt reproduces its figures). */
  knownAt: z.iso.datetime({ offset: true }).optional(),
  region: DivisionCodeSchema.optional(),
});

const periodProblem = () =>
  new ValidationError(
    {
      en: 'give year and quarter, or from and to (from ≤ to)',
      zh: '请给出年度和季度，或起止日期（起始日不晚于截止日）',
    },
    [{ path: '/query/from', message: 'year+quarter or from+to', code: 'invalid_period' }],
  );

/**
 * GET /v1/county-counts — counted from events, never typed in: tech SMEs entered and valid, revocations, HNTE
 * certified, cancelled, expired and valid, per county of your region. Counties of the asked city or county are
 * listed even with nothing counted; enterprises the registry has not located appear as `unlocated` in an
 * unscoped (admin) view.
 */
export const countsRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/county-counts',
      summary: 'Counts per county for a quarter (as of any date) or a period, from the events',
      roles: STATISTICS_ACCESS.read,
      query: CountsQuery,
      ok: { 200: 'a page of county counts' },
      errors: [403],
    },
    async ({ query }, req, res) => {
      const principal = principalOf(req);
      const filter = scopeOf(deps.regions, principal, query.region);
      const knownAt = query.knownAt === undefined ? {} : { knownAt: new Date(query.knownAt).toISOString() };
      const facts = await deps.reads.facts();
      let counts: ReadonlyMap<string, CountyCounts>;
      if (query.year !== undefined && query.quarter !== undefined) {
        const q = { year: query.year, quarter: query.quarter } as QuarterRef;
        counts = quarterCounts(facts, q, { ...(query.asOf ? { asOf: query.asOf } : {}), ...knownAt });
      } else if (query.from !== undefined && query.to !== undefined && query.from <= query.to) {
        counts = countyCounts(facts, { from: query.from, to: query.to, ...knownAt });
      } else throw periodProblem();
      const region = query.region ?? principal.region;
      const level = region === undefined ? undefined : deps.regions.parse(region)?.level;
      const listed =
        level === 'city' ? deps.regions.countiesOf(region!) : level === 'county' ? [region!] : [];
      const everywhere = Object.keys(filter).length === 0;
      const codes = [...new Set([...counts.keys(), ...listed])]
        .filter((c) => (c === UNLOCATED ? everywhere : inScope(deps.regions, filter, c)))
        .sort();
      const rows = countsFor(counts, codes).map((c) => ({
        ...c,
        countyName: deps.regions.name(c.countyCode),
      }));
      const start = (query.page - 1) * query.pageSize;
      res.json(pageOf(query, rows.length, rows.slice(start, start + query.pageSize)));
    },
  );
};
