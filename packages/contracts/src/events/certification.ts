import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { topicFor } from '../topics';
import { HnteFieldSchema, IsoDate, UsccSchema } from './common';

/** HNTE certificates (高新技术企业证书). Defined now so assessment can grant direct qualification. */
export const CERTIFICATION_CERTIFICATE_TOPIC = topicFor('certification', 'certificate');

// hnte.md §6: `GR` + 4-digit year + 2-digit province code + 6-digit serial, e.g. GR202341000123.
export const HnteCertificateNumberSchema = z
  .string()
  .regex(/^GR\d{4}\d{2}\d{6}$/, 'must look like GR202341000123');

export const HnteCertified = defineEvent({
  type: 'HnteCertified',
  version: 1,
  schema: z
    .object({
      uscc: UsccSchema,
      certificateNumber: HnteCertificateNumberSchema,
      field: HnteFieldSchema,
      issuedOn: IsoDate,
      // valid 3 years from the issue date (hnte.md §6)
      validUntil: IsoDate,
    })
    .strict(),
});

export const HNTE_CANCELLATION_GROUNDS = [
  'application_fraud',
  'major_accident_or_environmental_violation',
  'major_change_not_reported',
  'annual_reports_missed',
  'no_longer_qualified',
] as const;

export const HnteCancelled = defineEvent({
  type: 'HnteCancelled',
  version: 1,
  schema: z
    .object({
      uscc: UsccSchema,
      certificateNumber: HnteCertificateNumberSchema,
      ground: z.enum(HNTE_CANCELLATION_GROUNDS),
      // cancelled "from the year of the conduct" (hnte.md §7): benefits recovered from this date
      effectiveFrom: IsoDate,
      decidedOn: IsoDate,
    })
    .strict(),
});

export const CertificateExpired = defineEvent({
  type: 'CertificateExpired',
  version: 1,
  schema: z
    .object({ uscc: UsccSchema, certificateNumber: HnteCertificateNumberSchema, expiredOn: IsoDate })
    .strict(),
});

export const CERTIFICATION_EVENTS = [HnteCertified, HnteCancelled, CertificateExpired] as const;
