import { endpoint } from '@peiyu/service-kit';
import { z } from 'zod';
import { CERTIFICATION_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import { runRecordCommand } from '../record-command';
import {
  ChangeKindSchema,
  DivisionCodeSchema,
  HnteCancellationGroundSchema,
  HnteCertificateNumberSchema,
  HnteFieldSchema,
  IsoDate,
  ProvinceCodeSchema,
  Reason,
  RecordParams,
} from '../schemas';
import { humanText } from '@peiyu/contracts';
import { EmptyBody } from '../application-intake/route';

const Count = z.number().int().min(0).max(10_000_000);
const Fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const ReportYear = z.number().int().min(2000).max(2100);

export const AnnualReportBody = z.strictObject({
  reportYear: ReportYear,
  figures: z.strictObject({
    ipClassI: Count,
    ipClassII: Count,
    employees: Count,
    techStaff: Count,
    rdExpense: Fen,
    salesRevenue: Fen,
    totalRevenue: Fen,
  }),
});
export const MajorChangeBody = z.strictObject({
  change: ChangeKindSchema,
  description: Reason,
  changedOn: IsoDate,
  /** The recognition body's finding (32号 第十八条: 经认定机构审核). */
  stillQualified: z.boolean(),
  newName: humanText({ max: 100 }).nullable().optional(),
});
export const RelocationBody = z.strictObject({
  scope: z.enum(['whole', 'partial']),
  fromDivisionCode: DivisionCodeSchema,
  toDivisionCode: DivisionCodeSchema,
  movedOn: IsoDate,
  description: Reason,
});
export const CancellationBody = z.strictObject({
  ground: HnteCancellationGroundSchema,
  conductYear: ReportYear,
  reason: Reason,
});
export const MissedReportBody = z.strictObject({ reportYear: ReportYear });
export const MovedInBody = z.strictObject({
  certificateNumber: HnteCertificateNumberSchema,
  field: HnteFieldSchema,
  issuedOn: IsoDate,
  provinceCode: ProvinceCodeSchema,
  countyCode: DivisionCodeSchema,
  ruleSetId: z.string().min(1).max(64).default('hnte-2016-32'),
});

const path = '/v1/hnte-records/:uscc';

/** After care of a certificate (32号 第十七–二十条) and the clock-driven steps the province may run on demand. */
export const afterCareRoutes: Slice = (router, deps) => {
  const route = <B extends z.ZodType>(
    suffix: string,
    summary: string,
    action:
      | 'file_annual_report'
      | 'report_change'
      | 'report_relocation'
      | 'propose_cancellation'
      | 'cancel'
      | 'follow_up'
      | 'register_moved_in',
    body: B,
    command: (b: z.output<B>, uscc: string) => Parameters<typeof runRecordCommand>[5],
  ) =>
    endpoint(
      router,
      {
        method: 'post',
        path: `${path}/${suffix}`,
        summary,
        roles: CERTIFICATION_ACCESS[action],
        params: RecordParams,
        body,
        ok: { 200: "the enterprise's HNTE record" },
        errors: [403, 404, 409],
        command: true,
      },
      async ({ params, body: b }, req, res) => {
        await runRecordCommand(deps, req, res, params.uscc, action, command(b as z.output<B>, params.uscc));
      },
    );
  route(
    'annual-reports',
    'File the annual report on the previous year (due 31 May)',
    'file_annual_report',
    AnnualReportBody,
    (b) => ({
      type: 'FileAnnualReport',
      ...b,
    }),
  );
  route(
    'major-changes',
    'Report a major change (within 3 months); a still-qualified name change re-issues the certificate',
    'report_change',
    MajorChangeBody,
    (b) => ({
      type: 'ReportMajorChange',
      ...b,
      newName: b.newName ?? null,
    }),
  );
  route(
    'relocations',
    'Report a move (whole: certificate transferred; partial: re-recognition)',
    'report_relocation',
    RelocationBody,
    (b) => ({
      type: 'ReportRelocation',
      ...b,
    }),
  );
  route(
    'cancellation-proposals',
    'Propose cancellation on one of the grounds of 32号 第二十条',
    'propose_cancellation',
    CancellationBody,
    (b) => ({
      type: 'ProposeCancellation',
      ...b,
    }),
  );
  route(
    'cancellation',
    'Cancel the HNTE status, effective from the year of the conduct',
    'cancel',
    CancellationBody,
    (b) => ({
      type: 'CancelHnte',
      ...b,
    }),
  );
  route(
    'missed-reports',
    'Record a missed annual report (after 31 May)',
    'follow_up',
    MissedReportBody,
    (b) => ({
      type: 'RecordMissedAnnualReport',
      ...b,
    }),
  );
  route(
    'expiry',
    'Record the expiry of the certificate (the day after its validity)',
    'follow_up',
    EmptyBody,
    () => ({
      type: 'ExpireCertificate',
    }),
  );
  route(
    'moved-in',
    'Register a certificate brought in by an enterprise moving from another province',
    'register_moved_in',
    MovedInBody,
    (b, uscc) => ({
      type: 'RegisterMovedInCertificate',
      uscc,
      ...b,
    }),
  );
};
