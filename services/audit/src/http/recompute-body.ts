import { z } from 'zod';

const Params = z.record(z.string().min(1).max(64), z.json());

/**
 * Parameter overlays per kind (what-if): rule-set fields for a score (`passScore`) or a pre-check
 * (`minTechStaffShare`), version parameters for an entitlement (`amount`, `tierLimit`).
 */
export const ParameterOverridesSchema = z
  .strictObject({
    'tech-sme-score': Params.optional(),
    'hnte-precheck': Params.optional(),
    'subsidy-entitlement': Params.optional(),
  })
  .describe('parameter overrides per kind; without them a difference is a recompute-mismatch finding');

/** Drops kinds without parameters, so `{}` and `{ "tech-sme-score": {} }` both mean "as recorded". */
export function overridesOf(
  o: z.output<typeof ParameterOverridesSchema> | undefined,
): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(o ?? {}).filter(([, v]) => v && Object.keys(v).length > 0),
  ) as Record<string, Record<string, unknown>>;
}
