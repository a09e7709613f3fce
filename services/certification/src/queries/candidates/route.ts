import { DivisionCodeSchema } from '@peiyu/contracts';
import { endpoint, listScope, pageOf, pagedQuery, principalOf } from '@peiyu/service-kit';
import { CERTIFICATION_ACCESS, CERTIFICATION_SCOPE } from '../../http/access';
import type { Slice } from '../../http/slice';
import type { ApplicationDoc } from '../../read-models/applications';
import type { CertificateDoc } from '../../read-models/records';

export const CandidatesQuery = pagedQuery({ region: DivisionCodeSchema.optional() });

/**
 * The county bureau's selection list (驻马店 2021 "入库企业遴选"): the region's entered tech SMEs (assessment's
 * SmeEntered, not revoked, valid today) with where they stand towards HNTE — a live application, a certificate
 * in force — so the bureau picks whom to coach. Ordered by the pre-check of their latest application (most
 * conditions met first), then by USCC.
 */
export const candidatesRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/hnte-candidates',
      summary: "Entered tech SMEs of your region and their HNTE standing (the bureau's selection list)",
      roles: CERTIFICATION_ACCESS.list_candidates,
      query: CandidatesQuery,
      ok: { 200: 'a page of candidates' },
      errors: [403],
    },
    async ({ query }, req, res) => {
      const scope = listScope(principalOf(req), query.region, {
        scope: CERTIFICATION_SCOPE,
        roles: CERTIFICATION_ACCESS.list_candidates,
      });
      const usccs = new Set(await deps.reads.usccsWhere(scope));
      const today = deps.clock.today();
      const entries = (await deps.reads.enteredTechSmes(null, today)).filter((e) => usccs.has(e.uscc));
      const inRegion = [...new Map(entries.map((e) => [e.uscc, e])).values()];
      const ids = inRegion.map((e) => e.uscc);
      const [apps, certs, names] = await Promise.all([
        (await deps.reads.applications()).find({ uscc: { $in: ids } }).toArray(),
        (await deps.reads.certificates()).find({ uscc: { $in: ids }, status: 'valid' }).toArray(),
        deps.reads.enterprises(ids),
      ]);
      const latest = new Map<string, ApplicationDoc>();
      for (const a of apps as unknown as ApplicationDoc[]) latest.set(a.uscc, a);
      const holding = new Set((certs as unknown as CertificateDoc[]).map((c) => c.uscc));
      const rows = inRegion
        .map((e) => {
          const a = latest.get(e.uscc);
          return {
            uscc: e.uscc,
            name: names.get(e.uscc)?.name ?? null,
            countyCode: e.countyCode,
            registrationNumber: e.registrationNumber,
            techSmeValidUntil: e.validUntil,
            hnteCertified: holding.has(e.uscc),
            application: a ? { batchId: a.batchId, status: a.status } : null,
            conditionsMet:
              a?.application.submission?.precheck.conditions.filter((c) => c.met === true).length ?? null,
          };
        })
        .sort((x, y) => (y.conditionsMet ?? -1) - (x.conditionsMet ?? -1) || x.uscc.localeCompare(y.uscc));
      const start = (query.page - 1) * query.pageSize;
      res.json(pageOf(query, rows.length, rows.slice(start, start + query.pageSize)));
    },
  );
};
