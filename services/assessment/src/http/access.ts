import { ForbiddenError, NotFoundError, type Logger, type Principal } from '@peiyu/service-kit';
import { ACTIONS_BY_ROLE, authorize, type AssessmentAction, type Subject, type Target } from '../domain';

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
  const decision = authorize(subjectOf(principal), action, target);
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
