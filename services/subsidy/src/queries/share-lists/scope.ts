import { listScope, type Principal } from '@peiyu/service-kit';
import { levelOfRegion, refuse, type FiscalLevel } from '../../domain';
import { SUBSIDY_ACCESS, SUBSIDY_SCOPE, type SubsidyAction } from '../../http/access';
import type { ShareDoc } from '../../read-models/shares';

/** The ledgers list's filters (LEDGER_FILTERS) and a share status: what a level's share lists take. */
export interface ShareListFilters {
  region?: string | undefined;
  level?: FiscalLevel | undefined;
  policyId?: string | undefined;
  budgetYear?: number | undefined;
  status?: ShareDoc['status'] | undefined;
}

export interface LevelList {
  /** The Mongo filter on `subsidy_shares`. */
  filter: Record<string, unknown>;
  /** The paying level listed (null: every level, for an admin who names neither level nor region). */
  level: FiscalLevel | null;
  /** The region listed (the one asked, else the principal's own; null for an admin's whole country). */
  region: string | null;
}

/**
 * A level's shares in a region: the kit's one list scope (`listScope`: the region asked must lie within the
 * principal's; 省直管县 outside a city) on the enterprises' place, and the paying level. A finance account lists
 * only its own level's shares (people-and-places.md: "its level and region"): another level's list is refused
 * 403 `finance.other-level`, as the ledger decider refuses acting on another level's share. Auditors and the
 * admin read any level in their scope (default: the level of the region listed).
 */
export function levelList(
  principal: Principal,
  q: ShareListFilters,
  action: SubsidyAction,
  statuses?: readonly ShareDoc['status'][],
): LevelList {
  const scope = listScope(principal, q.region, { scope: SUBSIDY_SCOPE, roles: SUBSIDY_ACCESS[action] });
  const region = q.region ?? principal.region ?? null;
  const own = principal.role === 'finance' && principal.region ? levelOfRegion(principal.region) : null;
  if (own && q.level && q.level !== own)
    throw refuse(
      'forbidden',
      'finance.other-level',
      `a ${own} finance account cannot list the ${q.level} shares`,
      'level',
    );
  const level = own ?? q.level ?? (region ? levelOfRegion(region) : null);
  const filter: Record<string, unknown> = { ...scope };
  if (level) filter.level = level;
  if (q.policyId) filter.policyId = q.policyId;
  if (q.budgetYear) filter.budgetYear = q.budgetYear;
  const wanted = statuses ? statuses.filter((s) => !q.status || s === q.status) : q.status && [q.status];
  if (wanted) filter.status = { $in: wanted };
  return { filter, level, region };
}
