import { z } from 'zod';

/** The roles of people-and-places.md; a token carries exactly one. */
export const ROLES = [
  'enterprise',
  'county_reviewer',
  'city_reviewer',
  'province_reviewer',
  'expert',
  'finance',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

/** GB/T 2260 division code: 6 digits (province PP0000, city PPCC00, county PPCCXX). */
export const DivisionCodeSchema = z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 division code');

/** Who did it: recorded on every event (people-and-places.md: "every command records who"). */
export const ActorSchema = z
  .object({
    // system: the service itself; public: anyone without signing in (the public 公示 objection form)
    role: z.union([RoleSchema, z.literal('system'), z.literal('public')]),
    id: z.string().min(1).max(128),
    region: DivisionCodeSchema.optional(),
  })
  .strict();
export type Actor = z.infer<typeof ActorSchema>;
