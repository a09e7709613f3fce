import { DivisionCodeSchema } from '@peiyu/contracts';
import { readPage } from '@peiyu/eventstore';
import { pagedQuery, placeFilter, endpoint } from '@peiyu/service-kit';
import { z } from 'zod';
import { CampaignYearSchema } from '../../commands/schemas';
import { ENTRY_STATE_LABELS as STATE_LABELS, entryStateOf } from '../../http/labels';
import type { Slice } from '../../http/slice';
import type { Evaluation } from '../../domain';
import type { EvaluationDoc } from '../../read-models/evaluations';

export const PublicEntriesQuery = pagedQuery({
  year: z.coerce.number().pipe(CampaignYearSchema),
  region: DivisionCodeSchema.optional(),
  /** `now` (default): entries valid today, and revoked ones (marked); `all`: expired ones too. */
  valid: z.enum(['now', 'all']).default('now'),
});

/** The ground's category as the province publishes it (tech-sme.md workflow 6). */
const GROUND_LABELS: Record<string, string> = {
  no_longer_qualified: '不再符合条件',
  serious_fraud: '存在严重弄虚作假行为',
  research_misconduct: '发生科研严重失信行为',
  major_accident_or_environmental_violation: '发生重大安全、重大质量事故或严重环境违法行为',
  listed_anomalous_or_dishonest: '被列入经营异常名录或严重违法失信企业名单',
  failed_spot_check: '抽查不合格',
  materials_not_provided: '未按要求提供材料',
};

/**
 * GET /v1/sme-entries?year=&region=&valid= — the announcement list (入库名单): public, no sign-in. Only what an
 * announcement shows: name, USCC, registration number, county, entry date, validity and its state. An entry past
 * its validity is `expired` (listed only with `valid=all`); a revoked entry stays on the list marked `revoked`,
 * with the date and the ground's category (issue 11 §2).
 */
export const publicEntriesRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/sme-entries',
      summary: 'The public announcement list (入库名单)',
      description:
        '`state`: `valid` (有效: entered, today within its validity), `expired` (已过期: past `validUntil`; only ' +
        'with `valid=all`) or `revoked` (已撤销, with `revokedOn` and the ground category). Default `valid=now`.',
      roles: 'public',
      query: PublicEntriesQuery,
      ok: { 200: 'a page of entries' },
    },
    async ({ query }, _req, res) => {
      const today = deps.clock.today();
      const filter: Record<string, unknown> = { year: query.year, status: { $in: ['entered', 'revoked'] } };
      // policy entryValidOn: valid from its entry date through validUntil, both inclusive
      if (query.valid === 'now') filter['evaluation.entry.validUntil'] = { $gte: today };
      if (query.region) {
        // The place of the entry is the county it was entered in (SmeEntered.countyCode), kept on the document.
        for (const [field, value] of Object.entries(placeFilter(query.region)))
          filter[`entryPlace.${field}`] = value;
      }
      const page = await readPage<EvaluationDoc>(
        await deps.reads.evaluations(),
        filter,
        { 'evaluation.entry.registrationNumber': 1 },
        query,
      );
      const names = await deps.reads.enterprises(page.items.map((d) => d.uscc));
      res.json({
        ...page,
        items: page.items.map(({ evaluation: e, entryPlace }) => ({
          name: names.get(e.uscc)?.name ?? null,
          uscc: e.uscc,
          registrationNumber: e.entry!.registrationNumber,
          countyCode: entryPlace?.countyCode ?? e.countyCode,
          enteredOn: e.entry!.enteredOn,
          validUntil: e.entry!.validUntil,
          ...stateOf(e, today),
        })),
      });
    },
  );
};

function stateOf(e: Evaluation, today: string) {
  if (e.status === 'revoked' && e.revocation) {
    const ground = e.revocation.ground;
    return {
      state: 'revoked' as const,
      stateLabel: STATE_LABELS.revoked,
      revokedOn: e.revocation.revokedOn,
      ground,
      groundLabel: GROUND_LABELS[ground] ?? ground,
    };
  }
  const state = entryStateOf(e, today) === 'valid' ? ('valid' as const) : ('expired' as const);
  return { state, stateLabel: STATE_LABELS[state] };
}
