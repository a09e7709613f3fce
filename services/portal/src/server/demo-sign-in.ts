import { ROLES } from '@peiyu/contracts';
import { exampleUscc } from '@peiyu/policy';
import {
  type Clock,
  type DevKeys,
  PrincipalClaimsSchema,
  signLocalToken,
  ValidationError,
  validated,
} from '@peiyu/service-kit';
import { Router } from 'express';
import { z } from 'zod';

/**
 * Demo users offered on the local sign-in page (the regions of the demo data: 平顶山 新华区, 河南省); the
 * enterprise's USCC carries a valid GB 32100-2015 check character, as the registry requires.
 */
export const DEMO_USERS = [
  {
    label: '企业（平顶山市新华区）',
    role: 'enterprise',
    region: '410402',
    uscc: exampleUscc('410402', 8801),
  },
  { label: '县级审核员（新华区科技局）', role: 'county_reviewer', region: '410402' },
  { label: '市级审核员（平顶山市科技局）', role: 'city_reviewer', region: '410400' },
  { label: '省级审核员（河南省科技厅）', role: 'province_reviewer', region: '410000' },
  // An expert's id in the province's pool is its token subject (the panel names it).
  { label: '评审专家（专家库 E-01）', role: 'expert', sub: 'E-01' },
  { label: '财政（新华区财政局）', role: 'finance', region: '410402' },
  { label: '财政（平顶山市财政局）', role: 'finance', region: '410400' },
  { label: '审计（平顶山市审计局）', role: 'auditor', region: '410400' },
] as const;

const DemoSignInBody = z.strictObject({
  role: z.enum(ROLES),
  /** The subject: an expert's pool id (the panel names experts by it); derived from the claims otherwise. */
  sub: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .optional(),
  region: z.string().optional(),
  uscc: z.string().optional(),
});

const TTL_MS = 8 * 3_600_000; // a working day

/**
 * Local mode only: a token for whichever principal the user picks, signed with the checkout's dev key (the key
 * every local service trusts). Never mounted in production — `buildPortalApp` checks the mode.
 */
export function demoSignIn(keys: () => Promise<DevKeys>, clock: Clock): Router {
  const router = Router();
  router.get('/auth/demo-users', (_req, res) => {
    res.json({ items: DEMO_USERS });
  });
  router.post(
    '/auth/demo',
    validated({ body: DemoSignInBody }, async ({ body }, _req, res) => {
      const sub = body.sub ?? `demo-${body.role}-${body.uscc ?? body.region ?? 'x'}`;
      const claims = PrincipalClaimsSchema.safeParse({ ...body, sub });
      if (!claims.success) {
        throw new ValidationError(
          'not a valid demo user',
          claims.error.issues.map((i) => ({
            path: `/body/${i.path.join('/')}`,
            message: i.message,
            code: i.code,
          })),
        );
      }
      const token = await signLocalToken(await keys(), { principal: claims.data, ttlMs: TTL_MS, clock });
      res.json({ token, principal: claims.data });
    }),
  );
  return router;
}
