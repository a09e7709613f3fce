import {
  DeclaredRelationSchema,
  DivisionCodeSchema,
  ExpertExpertiseSchema,
  ExpertOrganisationSchema,
  HNTE_APPLICATION_SECTIONS,
  HnteApplicationFormSchema,
  HnteCancellationGroundSchema,
  HnteCertificateNumberSchema,
  HnteFieldSchema,
  HnteYearSchema,
  IsoDateSchema,
  MAJOR_CHANGE_KINDS,
  UsccSchema,
  humanText,
} from '@peiyu/contracts';
import { z } from 'zod';

/** Shared request pieces of the certification API. */
export const BatchIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ (≤ 40)');
export const ApplicationParams = z.strictObject({ batchId: BatchIdSchema, uscc: UsccSchema });
export const RecordParams = z.strictObject({ uscc: UsccSchema });
export const ProvinceCodeSchema = DivisionCodeSchema.refine(
  (c) => c.endsWith('0000'),
  'must be a province code',
);
export const PoolParams = z.strictObject({ provinceCode: ProvinceCodeSchema });
export const ExpertIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/);
export const ExpertParams = z.strictObject({ provinceCode: ProvinceCodeSchema, expertId: ExpertIdSchema });
export const RegisterParams = z.strictObject({
  provinceCode: ProvinceCodeSchema,
  year: z.coerce.number().pipe(HnteYearSchema),
});
export const Reason = humanText({ max: 2000, multiline: true });
export const Year = z.coerce.number().pipe(HnteYearSchema);
export const IsoDate = IsoDateSchema;

export const ExpertProfileBody = z.strictObject({
  name: humanText({ max: 50 }),
  organisation: ExpertOrganisationSchema,
  expertise: ExpertExpertiseSchema,
  relations: z.array(DeclaredRelationSchema).max(100).default([]),
});

export const ReturnItemsSchema = z
  .array(z.strictObject({ section: z.enum(HNTE_APPLICATION_SECTIONS), comment: Reason }))
  .min(1)
  .max(HNTE_APPLICATION_SECTIONS.length);

export const ChangeKindSchema = z.enum(MAJOR_CHANGE_KINDS).exclude(['partial_relocation']);

/** Integer points; the item's allowed range (data-derived grade or maximum) is the decider's to check. */
const Points = z.number().int().min(0).max(100);
export const ScoreBody = z.strictObject({
  sheet: z.discriminatedUnion('role', [
    z.strictObject({
      role: z.literal('technical'),
      ip: z.strictObject({
        advancement: Points,
        coreSupport: Points,
        quantity: Points,
        acquisition: Points,
        bonus: Points,
      }),
      conversion: Points,
      organisation: z.strictObject({
        management: Points,
        institution: Points,
        incentives: Points,
        training: Points,
      }),
    }),
    z.strictObject({ role: z.literal('financial'), netAssetGrowth: Points, salesGrowth: Points }),
  ]),
});
/** The county's recommendation (optional comment) and its return for correction (a comment per section). */
export const RecommendBody = z.strictObject({ comment: Reason.nullable().optional() });
export const ReturnBody = z.strictObject({ items: ReturnItemsSchema });

export {
  DivisionCodeSchema,
  HnteApplicationFormSchema,
  HnteCancellationGroundSchema,
  HnteCertificateNumberSchema,
  HnteFieldSchema,
  UsccSchema,
};
