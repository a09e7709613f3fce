import { BUDGET_RULES, DivisionCodeSchema, FISCAL_LEVELS, FractionTextSchema } from '@peiyu/contracts';
import { z } from 'zod';

/** Money is integer fen (分) everywhere. */
export const Fen = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Ref = z.string().max(500);
export const Reference = z.string().trim().min(1).max(200);
export const EntitlementId = z.string().min(1).max(200);

/** `/v1/ledgers/:ledger`: the ledger stream id without its prefix, e.g. `county-410402-hnte-award.county-2026`. */
export const LedgerParams = z.strictObject({ ledger: z.string().min(1).max(200) });
export const EntitlementParams = z.strictObject({ entitlementId: EntitlementId });

/**
 * A policy version as a policy owner writes it. Types only: blank references, ceilings, periods and parameters
 * are the publication rules' (policy.reference, policy.funding, policy.gap …), so the refusal names the rule.
 */
export const VersionBody = z.strictObject({
  policyId: z.string().min(1).max(64),
  versionId: z.string().min(1).max(64),
  effectiveFrom: IsoDate,
  effectiveTo: IsoDate.nullable(),
  legalReference: Ref,
  funding: z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('shared'),
      province: z.string().max(40),
      city: z.string().max(40),
      ref: Ref,
    }),
    z.strictObject({ kind: z.literal('own-funds'), level: z.enum(FISCAL_LEVELS), ref: Ref }),
  ]),
  parameters: z.record(z.string().min(1).max(64), z.strictObject({ value: z.json(), ref: Ref })),
  budgetRule: z.strictObject({ kind: z.enum(BUDGET_RULES), ref: Ref }),
  /** Example parameters (subsidy.md), not a real deployment's: shown as such wherever they are used. */
  example: z.boolean(),
});

/** A finance level pays its approved share (payment reference), allocates its budget. */
export const DisburseShareBody = z.strictObject({ entitlementId: EntitlementId, paymentRef: Reference });
export const AllocateBudgetBody = z.strictObject({ amount: Fen, reference: Reference });

/** The what-if simulator's request (read-only). */
export const WhatIfBody = z.strictObject({
  from: IsoDate,
  to: IsoDate,
  region: DivisionCodeSchema.optional(),
  top: z.number().int().min(1).max(100).optional(),
  overlay: z.strictObject({
    /** e.g. province 40 % / city 20 % (county the rest), for every shared policy: still within the ceilings. */
    shares: z.strictObject({ province: FractionTextSchema, city: FractionTextSchema }).optional(),
    /** Parameter values by policy id, e.g. { "hnte-award/city": { "recertification": 5000000 } }. */
    parameters: z.record(z.string().max(64), z.record(z.string().max(64), z.json())).optional(),
  }),
});
