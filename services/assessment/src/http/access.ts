import { DEFAULT_PROVINCIALLY_ADMINISTERED } from '@peiyu/policy';
import { ForbiddenError, NotFoundError, type Logger, type Principal } from '@peiyu/service-kit';
import { ACTIONS_BY_ROLE, authorize, type AssessmentAction, type Subject, type Target } from '../domain';

const PROVINCIALLY_ADMINISTERED: ReadonlySet<string> = new Set(DEFAULT_PROVINCIALLY_ADMINISTERED);

/**
 * 省直管县 (e.g. 汝州市 410482) report to the province directly: a city-level account has no scope over them
 * (people-and-places.md), although their code starts with the city's. The domain's `withinRegion` goes by the
 * code alone, so the shell adds this.
 */
export function cityExcluded(region: string | undefined, code: string): boolean {
  return (
    region !== undefined &&
    /^\d{4}00$/.test(region) &&
    !/^\d{2}0000$/.test(region) &&
    PROVINCIALLY_ADMINISTERED.has(code)
  );
}

export function subjectOf(p: Principal): Subject {
  return {
    role: p.role,
    ...(p.region ? { region: p.region } : {}),
    ...(p.uscc ? { uscc: p.uscc } : {}),
  };
}

/**
 * Throws unless the principal may take `action` on the target (domain `authorize`: role table + region
 * scope). Another enterprise's item is answered 404 so its existence stays private; every refusal is logged
 * (people-and-places.md: "the attempt is logged").
 */
export function requireAccess(
  principal: Principal,
  action: AssessmentAction,
  target: Target | null,
  logger: Logger,
  what: string,
): void {
  const domain = authorize(subjectOf(principal), action, target);
  const decision =
    domain === 'allow' && target && cityExcluded(principal.region, target.divisionCode)
      ? 'forbidden'
      : domain;
  if (decision === 'allow') return;
  logger.warn(
    {
      event: 'access_denied',
      action,
      target,
      principal: { sub: principal.sub, role: principal.role, region: principal.region },
    },
    'access denied',
  );
  if (decision === 'not_found') throw new NotFoundError(`no ${what}`);
  const roleMay = ACTIONS_BY_ROLE[principal.role].includes(action);
  const who = `a ${principal.role}${principal.region ? ` of ${principal.region}` : ''}`;
  if (!roleMay) {
    throw new ForbiddenError(`role ${principal.role} may not ${action.replace(/_/g, ' ')} (${what})`, {
      code: 'role_not_allowed',
    });
  }
  throw new ForbiddenError(`${who} may not ${action.replace(/_/g, ' ')} ${what}: it is outside its region`, {
    code: 'outside_region',
  });
}
