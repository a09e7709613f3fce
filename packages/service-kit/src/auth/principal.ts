import { type Actor, ROLES, type Role } from '@peiyu/contracts';
import { z } from 'zod';
import { isDivisionCode, regionLevel, type RegionLevel } from './regions';

/** Who is calling, as established by a verified token. */
export interface Principal {
  /** Stable account id (JWT `sub`). */
  sub: string;
  role: Role;
  /** Division code of the principal's bureau or, for an enterprise, of its registration. */
  region?: string;
  /** Unified social credit code; present exactly when role is `enterprise`. */
  uscc?: string;
}

/** The 18-character USCC alphabet excludes I, O, S, V and Z (GB 32100-2015). */
export const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Roles whose scope is a region, and the level their region must be at (undefined: any level). */
const REGION_ROLES: Partial<Record<Role, RegionLevel | 'any'>> = {
  enterprise: 'any',
  county_reviewer: 'county',
  city_reviewer: 'city',
  province_reviewer: 'province',
  finance: 'any',
  auditor: 'any',
};

/** The claims a Peiyu token carries. Other JWT claims (iss, aud, exp…) are checked by the verifier. */
export const PrincipalClaimsSchema = z
  .object({
    sub: z.string().min(1).max(128),
    role: z.enum(ROLES),
    region: z.string().refine(isDivisionCode, 'must be a 6-digit division code').optional(),
    uscc: z.string().regex(USCC_PATTERN, 'must be an 18-character unified social credit code').optional(),
  })
  .superRefine((claims, ctx) => {
    const needs = REGION_ROLES[claims.role];
    if (needs && claims.region === undefined) {
      ctx.addIssue({ code: 'custom', path: ['region'], message: `role ${claims.role} requires a region` });
    }
    if (needs && needs !== 'any' && claims.region && isDivisionCode(claims.region)) {
      if (regionLevel(claims.region) !== needs) {
        ctx.addIssue({
          code: 'custom',
          path: ['region'],
          message: `role ${claims.role} needs a ${needs} code`,
        });
      }
    }
    if (claims.role === 'enterprise' && claims.uscc === undefined) {
      ctx.addIssue({ code: 'custom', path: ['uscc'], message: 'role enterprise requires a uscc' });
    }
    if (claims.role !== 'enterprise' && claims.uscc !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['uscc'], message: 'only role enterprise carries a uscc' });
    }
  });

/** Picks and checks the Peiyu claims out of a JWT payload. */
export function principalFromClaims(payload: Record<string, unknown>): z.ZodSafeParseResult<Principal> {
  const { sub, role, region, uscc } = payload;
  return PrincipalClaimsSchema.safeParse({ sub, role, region, uscc });
}

/** The actor recorded on events for a principal. */
export function actorOf(principal: Principal): Actor {
  return principal.region === undefined
    ? { role: principal.role, id: principal.sub }
    : { role: principal.role, id: principal.sub, region: principal.region };
}
