import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { DivisionCodeSchema } from '../roles';
import { topicFor } from '../topics';
import { humanText } from '../text';
import { HnteFieldSchema, IsoDate, UsccSchema } from './common';

/** Enterprise registration (企业注册登记): one stream per enterprise, keyed by USCC. */
export const REGISTRY_ENTERPRISE_TOPIC = topicFor('registry', 'enterprise');
export { enterpriseStreamId } from '../streams';

export const ContactSchema = z
  .object({
    name: humanText({ max: 50 }),
    phone: z.string().regex(/^[0-9+\-() ]{7,20}$/, 'must be a phone number'),
    email: z.email().max(254),
  })
  .strict();

/** Kinds from tech-sme.md condition 4 and hnte.md cancellation grounds. */
export const SANCTION_KINDS = [
  'major_safety_accident',
  'major_quality_accident',
  'environmental_violation',
  'research_misconduct',
  'business_anomaly_list',
  'serious_dishonesty_list',
] as const;
export const SanctionKindSchema = z.enum(SANCTION_KINDS);

export const EnterpriseRegistered = defineEvent({
  type: 'EnterpriseRegistered',
  version: 1,
  schema: z
    .object({
      uscc: UsccSchema,
      name: humanText({ max: 100 }),
      divisionCode: DivisionCodeSchema,
      foundedOn: IsoDate,
      industry: humanText({ max: 100, min: 0 }).nullable(),
      hnteField: HnteFieldSchema.nullable(),
      contact: ContactSchema,
    })
    .strict(),
});

export const EnterpriseProfileUpdated = defineEvent({
  type: 'EnterpriseProfileUpdated',
  version: 1,
  schema: z
    .object({
      uscc: UsccSchema,
      contact: ContactSchema.optional(),
      industry: humanText({ max: 100, min: 0 }).nullable().optional(),
      hnteField: HnteFieldSchema.nullable().optional(),
    })
    .strict(),
});

export const EnterpriseRenamed = defineEvent({
  type: 'EnterpriseRenamed',
  version: 1,
  schema: z
    .object({
      uscc: UsccSchema,
      previousName: humanText({ max: 100, min: 0 }),
      newName: humanText({ max: 100 }),
      effectiveOn: IsoDate,
    })
    .strict(),
});

export const EnterpriseRelocated = defineEvent({
  type: 'EnterpriseRelocated',
  version: 1,
  schema: z
    .object({
      uscc: UsccSchema,
      fromDivisionCode: DivisionCodeSchema,
      toDivisionCode: DivisionCodeSchema,
      effectiveOn: IsoDate,
    })
    .strict(),
});

export const SanctionRecorded = defineEvent({
  type: 'SanctionRecorded',
  version: 1,
  schema: z
    .object({
      uscc: UsccSchema,
      sanctionId: z.string().min(1).max(64),
      kind: SanctionKindSchema,
      occurredOn: IsoDate,
      reference: humanText({ max: 200 }),
    })
    .strict(),
});

export const SanctionLifted = defineEvent({
  type: 'SanctionLifted',
  version: 1,
  schema: z
    .object({
      uscc: UsccSchema,
      sanctionId: z.string().min(1).max(64),
      liftedOn: IsoDate,
      reason: humanText({ max: 500, multiline: true }),
    })
    .strict(),
});

export const EnterpriseDeregistered = defineEvent({
  type: 'EnterpriseDeregistered',
  version: 1,
  schema: z
    .object({ uscc: UsccSchema, effectiveOn: IsoDate, reason: humanText({ max: 500, multiline: true }) })
    .strict(),
});

/**
 * 迁移申请 (issue 12, finding 3): a relocation to a county outside the actor's scope is only a request; nothing
 * moves — the enterprise's county, its reviews elsewhere — until the destination county accepts it
 * (EnterpriseTransferAccepted, followed by the EnterpriseRelocated every consumer already folds) or refuses it.
 */
export const EnterpriseTransferRequested = defineEvent({
  type: 'EnterpriseTransferRequested',
  version: 1,
  schema: z
    .object({
      uscc: UsccSchema,
      fromDivisionCode: DivisionCodeSchema,
      toDivisionCode: DivisionCodeSchema,
      effectiveOn: IsoDate,
      requestedOn: IsoDate,
    })
    .strict(),
});

/** The destination county accepted the transfer (接收); the EnterpriseRelocated of the move follows it. */
export const EnterpriseTransferAccepted = defineEvent({
  type: 'EnterpriseTransferAccepted',
  version: 1,
  schema: z
    .object({
      uscc: UsccSchema,
      fromDivisionCode: DivisionCodeSchema,
      toDivisionCode: DivisionCodeSchema,
      acceptedOn: IsoDate,
    })
    .strict(),
});

/** The destination county refused the transfer (不予接收): the enterprise stays where it is. */
export const EnterpriseTransferRefused = defineEvent({
  type: 'EnterpriseTransferRefused',
  version: 1,
  schema: z
    .object({
      uscc: UsccSchema,
      fromDivisionCode: DivisionCodeSchema,
      toDivisionCode: DivisionCodeSchema,
      refusedOn: IsoDate,
      reason: humanText({ max: 500, multiline: true }),
    })
    .strict(),
});

export const REGISTRY_EVENTS = [
  EnterpriseRegistered,
  EnterpriseProfileUpdated,
  EnterpriseRenamed,
  EnterpriseRelocated,
  SanctionRecorded,
  SanctionLifted,
  EnterpriseDeregistered,
  EnterpriseTransferRequested,
  EnterpriseTransferAccepted,
  EnterpriseTransferRefused,
] as const;
