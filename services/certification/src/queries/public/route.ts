import { readPage } from '@peiyu/eventstore';
import { endpoint, pagedQuery } from '@peiyu/service-kit';
import { z } from 'zod';
import { BatchIdSchema, ProvinceCodeSchema, Year } from '../../commands/schemas';
import type { Slice } from '../../http/slice';
import type { ApplicationDoc } from '../../read-models/applications';
import type { CertificateDoc } from '../../read-models/records';

const STATE_LABELS = {
  valid: '有效',
  expired: '已过期',
  cancelled: '已撤销',
  superseded: '已重新认定',
} as const;

/**
 * A certificate as a list shows it. A valid certificate past its last day shows `expired` even before the
 * clock-driven CertificateExpired is recorded; a cancelled one stays on the list, marked, with the year from
 * which the cancellation takes effect.
 */
export function certificateSummary(d: CertificateDoc, registeredName: string | undefined, today: string) {
  const c = d.certificate;
  const state = c.status === 'valid' && c.validUntil < today ? 'expired' : c.status;
  const cancellation =
    d.record.cancellations.find((x) => x.certificateNumber === c.certificateNumber) ?? null;
  return {
    certificateNumber: c.certificateNumber,
    uscc: d.uscc,
    name: d.name ?? registeredName ?? null,
    field: c.field,
    kind: c.kind,
    provinceCode: d.provinceCode,
    countyCode: d.countyCode,
    issuedOn: c.issuedOn,
    validUntil: c.validUntil,
    state,
    stateLabel: STATE_LABELS[state],
    cancelledFromYear: cancellation?.effectiveYear ?? null,
  };
}

export const PublicCertificatesQuery = pagedQuery({
  provinceCode: ProvinceCodeSchema,
  year: Year.optional(),
  /** `now` (default): valid certificates and cancelled/expired ones marked; `valid`: only those in force. */
  show: z.enum(['all', 'valid']).default('all'),
});
export const PublicNoticesQuery = pagedQuery({
  provinceCode: ProvinceCodeSchema,
  batchId: BatchIdSchema.optional(),
});

/** Public lists (no sign-in): certified enterprises by province and year, and the running 公示. */
export const publicRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/public/hnte-certificates',
      summary: 'Certified HNTEs of a province (by year of issue), cancelled and expired ones marked',
      roles: 'public',
      query: PublicCertificatesQuery,
      ok: { 200: 'a page of certificates' },
    },
    async ({ query }, _req, res) => {
      const today = deps.clock.today();
      const filter: Record<string, unknown> = { provinceCode: query.provinceCode };
      if (query.year) filter['year'] = query.year;
      if (query.show === 'valid') {
        filter['status'] = 'valid';
        filter['certificate.validUntil'] = { $gte: today };
      }
      const page = await readPage<CertificateDoc>(
        await deps.reads.certificates(),
        filter,
        { year: -1, certificateNumber: 1 },
        query,
      );
      const names = await deps.reads.enterprises(page.items.map((d) => d.uscc));
      res.json({
        ...page,
        items: page.items.map((d) => certificateSummary(d, names.get(d.uscc)?.name, today)),
      });
    },
  );
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/public/hnte-notices',
      summary: 'The 公示 list: applications in their 10-working-day public notice',
      roles: 'public',
      query: PublicNoticesQuery,
      ok: { 200: 'a page of applications in notice' },
    },
    async ({ query }, _req, res) => {
      const filter: Record<string, unknown> = { provinceCode: query.provinceCode, status: 'in_notice' };
      if (query.batchId) filter['batchId'] = query.batchId;
      const page = await readPage<ApplicationDoc>(
        await deps.reads.applications(),
        filter,
        { batchId: 1, uscc: 1 },
        query,
      );
      const names = await deps.reads.enterprises(page.items.map((d) => d.uscc));
      res.json({
        ...page,
        items: page.items.map((d) => ({
          batchId: d.batchId,
          uscc: d.uscc,
          name: names.get(d.uscc)?.name ?? null,
          field: d.application.form.field,
          countyCode: d.countyCode ?? null,
          noticeEndsOn: d.noticeEndsOn,
        })),
      });
    },
  );
};
