import { hnteRegisterStreamId } from '@peiyu/contracts';
import { etagOf, loadStream, readPage } from '@peiyu/eventstore';
import { endpoint, NotFoundError, pagedQuery, principalOf } from '@peiyu/service-kit';
import { z } from 'zod';
import { batchViewOf } from '../../commands/ports';
import { BatchIdSchema, ProvinceCodeSchema, RegisterParams, Year } from '../../commands/schemas';
import { registerDecider } from '../../domain';
import { authoriseCertification, CERTIFICATION_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import type { BatchDoc } from '../../read-models/batches';

export const ListBatchesQuery = pagedQuery({
  provinceCode: ProvinceCodeSchema.optional(),
  year: Year.optional(),
});

/** Batches are public facts (the open calls for applications); the register's serial is the province's. */
export const batchQueryRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/hnte-batches',
      summary: 'List HNTE batches (by province and year)',
      roles: 'public',
      query: ListBatchesQuery,
      ok: { 200: 'a page of batches' },
    },
    async ({ query }, _req, res) => {
      const filter: Record<string, unknown> = {};
      if (query.provinceCode) filter['provinceCode'] = query.provinceCode;
      if (query.year) filter['year'] = query.year;
      const page = await readPage<BatchDoc>(
        await deps.reads.batches(),
        filter,
        { year: -1, batchId: 1 },
        query,
      );
      res.json({ ...page, items: page.items.map(batchViewOf) });
    },
  );
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/hnte-batches/:batchId',
      summary: 'Read a batch (window, recommendation deadline, rule set)',
      roles: 'public',
      params: z.strictObject({ batchId: BatchIdSchema }),
      ok: { 200: 'the batch' },
      errors: [404],
    },
    async ({ params }, _req, res) => {
      const b = batchViewOf(await deps.reads.batch(params.batchId));
      if (!b)
        throw new NotFoundError({ en: `no batch ${params.batchId}`, zh: `未找到批次 ${params.batchId}` });
      res.json(b);
    },
  );
};

/** The province-year register (signed in: the serial and the numbers taken are the recognition body's). */
export const registerQueryRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/hnte-registers/:provinceCode/:year',
      summary: "A province-year register: its batches and the certificate serial's last value",
      roles: CERTIFICATION_ACCESS.read_register,
      params: RegisterParams,
      ok: { 200: 'the register' },
      errors: [403, 404, 503],
    },
    async ({ params }, req, res) => {
      authoriseCertification(
        deps.logger,
        principalOf(req),
        'read_register',
        { regionCode: params.provinceCode },
        `HNTE register of ${params.provinceCode} ${params.year}`,
      );
      const { state, version } = await loadStream(
        deps.store,
        registerDecider,
        hnteRegisterStreamId(params.provinceCode, params.year),
      );
      res.setHeader('ETag', etagOf(version));
      res.json({
        ...params,
        batches: Object.values(state.batches),
        lastSerial: state.lastSerial,
        numbers: state.numbers,
        version,
      });
    },
  );
};
