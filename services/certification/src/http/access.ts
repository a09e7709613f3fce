import { DEFAULT_PROVINCIALLY_ADMINISTERED } from '@peiyu/policy';
import {
  authorise,
  NotFoundError,
  type AccessTable,
  type AccessTarget,
  type Logger,
  type Principal,
  type ScopeOptions,
} from '@peiyu/service-kit';

/** 省直管县 report to the province: no city-level account covers them. */
export const CERTIFICATION_SCOPE: ScopeOptions = {
  provinciallyAdministered: new Set(DEFAULT_PROVINCIALLY_ADMINISTERED),
};

/**
 * Who may take each action (hnte.md, people-and-places.md); the place is checked separately (the enterprise's
 * county for applications and records, the province for batches and pools). An expert has no region: it acts
 * only on the applications whose panel names it (`authoriseApplication`).
 */
export const CERTIFICATION_ACCESS = {
  // province-year register and expert pool (the recognition body: 认定机构)
  open_batch: ['admin', 'province_reviewer'],
  read_register: ['admin', 'province_reviewer', 'auditor'],
  manage_pool: ['admin', 'province_reviewer'],
  /** Experts are natural persons: names are masked in lists and every read is logged. */
  read_pool: ['admin', 'province_reviewer', 'auditor'],
  // an application (enterprise intake, county review, province review)
  apply: ['enterprise'],
  read_application: [
    'enterprise',
    'county_reviewer',
    'city_reviewer',
    'province_reviewer',
    'expert',
    'auditor',
    'admin',
  ],
  county_review: ['county_reviewer'],
  draw_panel: ['province_reviewer'],
  score: ['expert'],
  conclude_review: ['province_reviewer'],
  run_notice: ['province_reviewer'],
  certify: ['province_reviewer'],
  // the enterprise's HNTE record (after care)
  read_record: ['enterprise', 'county_reviewer', 'city_reviewer', 'province_reviewer', 'auditor', 'admin'],
  file_annual_report: ['enterprise'],
  /** 32号 第十八条: the enterprise reports, the recognition body states whether it still qualifies. */
  report_change: ['enterprise', 'province_reviewer'],
  report_relocation: ['enterprise', 'province_reviewer'],
  propose_cancellation: ['county_reviewer', 'city_reviewer', 'province_reviewer'],
  cancel: ['province_reviewer'],
  /** Clock-driven steps (missed report, expiry), also run by the province on demand. */
  follow_up: ['province_reviewer'],
  register_moved_in: ['province_reviewer'],
  // lists
  list_candidates: ['county_reviewer', 'city_reviewer', 'province_reviewer', 'admin'],
} as const satisfies AccessTable<string>;

export type CertificationAction = keyof typeof CERTIFICATION_ACCESS;

/** The kit's one access rule with certification's table (404 hidden, 403 role_not_allowed / outside_region). */
export function authoriseCertification(
  logger: Logger,
  principal: Principal,
  action: CertificationAction,
  target: AccessTarget | null,
  what: string,
): void {
  authorise(principal, action, target, {
    table: CERTIFICATION_ACCESS,
    scope: CERTIFICATION_SCOPE,
    logger,
    what,
  });
}

/**
 * An expert sees and scores only the applications whose panel names it (its token's subject is its expert
 * id); anything else is "not found" to it, so it cannot learn which applications exist. Others: the kit's rule.
 */
export function authoriseApplicationAccess(
  logger: Logger,
  principal: Principal,
  action: CertificationAction,
  target: AccessTarget | null,
  panel: readonly string[],
  what: string,
): void {
  const roles: readonly string[] = CERTIFICATION_ACCESS[action];
  if (principal.role === 'expert' && roles.includes('expert')) {
    if (panel.includes(principal.sub)) return;
    logger.warn(
      {
        event: 'access_denied',
        action,
        decision: 'not_found',
        principal: { sub: principal.sub, role: 'expert' },
      },
      'access denied',
    );
    throw new NotFoundError({ en: `no ${what}`, zh: `未找到：${what}` });
  }
  authoriseCertification(logger, principal, action, target, what);
}
