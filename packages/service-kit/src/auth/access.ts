import type { Role } from '@peiyu/contracts';
import type { Logger } from 'pino';
import { ForbiddenError, NotFoundError } from '../problem/errors';
import { canActOnEnterprise, type ScopeOptions } from './policy';
import type { Principal } from './principal';

/** Which roles may take each action at all (people-and-places.md); place is checked separately. */
export type AccessTable<Action extends string> = Readonly<Record<Action, readonly Role[]>>;

/** What an action is taken on: an enterprise's record (USCC + its county) or a place (e.g. a batch's province). */
export interface AccessTarget {
  uscc?: string;
  regionCode: string;
}

/**
 * `allow`, or why not: the role may not take the action at all, the target lies outside the principal's
 * region, or the target is hidden (another enterprise's record, or none: existence stays private).
 */
export type AccessDecision = 'allow' | 'role_not_allowed' | 'outside_region' | 'not_found';

/**
 * The one access rule for single records. An enterprise acts only on its own USCC, and anything else is "not
 * found" to it; other roles need the action in their row of the table, then the target within their region —
 * with 省直管县 outside a city's region (ScopeOptions.provinciallyAdministered).
 */
export function accessDecision<Action extends string>(
  principal: Principal,
  action: Action,
  target: AccessTarget | null,
  table: AccessTable<Action>,
  scope: ScopeOptions = {},
): AccessDecision {
  const roleMay = table[action].includes(principal.role);
  if (principal.role === 'enterprise') {
    if (!target?.uscc || target.uscc !== principal.uscc) return 'not_found';
    return roleMay ? 'allow' : 'role_not_allowed';
  }
  if (!roleMay) return 'role_not_allowed';
  if (!target) return 'not_found';
  // An enterprise target is judged by its county; `canActOnEnterprise` applies the role's level and 省直管县.
  return canActOnEnterprise(principal, { uscc: target.uscc ?? '', regionCode: target.regionCode }, scope)
    ? 'allow'
    : 'outside_region';
}

export interface AuthoriseOptions<Action extends string> {
  table: AccessTable<Action>;
  scope?: ScopeOptions;
  logger: Logger;
  /** What the target is, for the refusal's text: "enterprise 9141…", "evaluation of 9141… for 2025". */
  what: string;
}

const verb = (action: string) => action.replace(/_/g, ' ');

/**
 * Throws unless the principal may take `action` on `target`: 404 when hidden, 403 `role_not_allowed` or
 * `outside_region` otherwise. Every refusal is logged (people-and-places.md: "the attempt is logged").
 */
export function authorise<Action extends string>(
  principal: Principal,
  action: Action,
  target: AccessTarget | null,
  o: AuthoriseOptions<Action>,
): void {
  const decision = accessDecision(principal, action, target, o.table, o.scope);
  if (decision === 'allow') return;
  o.logger.warn(
    {
      event: 'access_denied',
      action,
      decision,
      target,
      principal: { sub: principal.sub, role: principal.role, region: principal.region },
    },
    'access denied',
  );
  if (decision === 'not_found') throw new NotFoundError({ en: `no ${o.what}`, zh: `未找到：${o.what}` });
  if (decision === 'role_not_allowed') {
    throw new ForbiddenError(
      {
        en: `role ${principal.role} may not ${verb(action)} (${o.what})`,
        zh: `当前角色（${principal.role}）无权执行此操作`,
      },
      { code: 'role_not_allowed' },
    );
  }
  throw new ForbiddenError(
    {
      en: `${o.what} is outside your region (${principal.region ?? 'none'})`,
      zh: `${o.what} 不在您的管辖区域（${principal.region ?? '无'}）内`,
    },
    { code: 'outside_region' },
  );
}
