import { DivisionCodeSchema, hnteEnterpriseStreamId } from '@peiyu/contracts';
import { etagOf, loadStream, readPage } from '@peiyu/eventstore';
import { endpoint, listScope, NotFoundError, pagedQuery, principalOf } from '@peiyu/service-kit';
import { z } from 'zod';
import { authoriseRecord } from '../../commands/record-command';
import { RecordParams, Year } from '../../commands/schemas';
import { enterpriseHnteDecider } from '../../domain';
import { CERTIFICATION_ACCESS, CERTIFICATION_SCOPE } from '../../http/access';
import type { Slice } from '../../http/slice';
import { recordView } from '../../http/views';
import type { CertificateDoc } from '../../read-models/records';
import { certificateSummary } from '../public/route';

const FOLD = enterpriseHnteDecider({ application: () => null, enterpriseName: () => null });

export const ListCertificatesQuery = pagedQuery({
  region: DivisionCodeSchema.optional(),
  year: Year.optional(),
  status: z.enum(['valid', 'cancelled', 'expired', 'superseded']).optional(),
});

export const recordQueryRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/hnte-records/:uscc',
      summary: "An enterprise's HNTE record: certificates, annual reports, changes, cancellations",
      roles: CERTIFICATION_ACCESS.read_record,
      params: RecordParams,
      ok: { 200: 'the record' },
      errors: [403, 404, 503],
    },
    async ({ params }, req, res) => {
      const { state, version } = await loadStream(deps.store, FOLD, hnteEnterpriseStreamId(params.uscc));
      const enterprise = await deps.reads.enterprise(params.uscc);
      authoriseRecord(deps, principalOf(req), 'read_record', params.uscc, enterprise, state);
      if (version === 0) {
        throw new NotFoundError({
          en: `no HNTE record of ${params.uscc}`,
          zh: `未找到 ${params.uscc} 的高企记录`,
        });
      }
      res.setHeader('ETag', etagOf(version));
      res.json(recordView(state, version));
    },
  );
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/hnte-certificates',
      summary: 'List the certificates of your region (by the county it is held in)',
      roles: CERTIFICATION_ACCESS.read_record,
      query: ListCertificatesQuery,
      ok: { 200: 'a page of certificates' },
      errors: [403],
    },
    async ({ query }, req, res) => {
      const filter = listScope(principalOf(req), query.region, {
        scope: CERTIFICATION_SCOPE,
        roles: CERTIFICATION_ACCESS.read_record,
      });
      if (query.year) filter['year'] = query.year;
      if (query.status) filter['status'] = query.status;
      const page = await readPage<CertificateDoc>(
        await deps.reads.certificates(),
        filter,
        { year: -1, certificateNumber: 1 },
        query,
      );
      const names = await deps.reads.enterprises(page.items.map((d) => d.uscc));
      const today = deps.clock.today();
      res.json({
        ...page,
        items: page.items.map((d) => certificateSummary(d, names.get(d.uscc)?.name, today)),
      });
    },
  );
};
