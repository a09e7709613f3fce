import { allEvents, type Actor } from '@peiyu/contracts';
import type { DomainEvent } from '@peiyu/eventstore';
import type { SubsidyContext } from '../entitlement';
import type { PolicyVersionData } from '../events';
import { exampleVersionDrafts, type VersionDraft } from '../policy-versions';

export const USCC = '91410402MA9G5K2X8R';
export const USCC_2 = '91410421MA9G5K2X8T';
export const YUAN = 100;

const registry = allEvents();
/** Every decided event must be valid for its contract, exactly as the store will check it at append. */
export function checkContracts(events: readonly DomainEvent[]): void {
  for (const e of events) registry.validate({ type: e.type, schemaVersion: 1, data: e.data });
}

export function published(draft: VersionDraft, publishedOn = '2017-01-01'): PolicyVersionData {
  return { ...draft, replaces: null, publishedOn };
}

export const EXAMPLES: readonly PolicyVersionData[] = exampleVersionDrafts().map((d) => published(d));
export const QUEUE_EXAMPLES: readonly PolicyVersionData[] = exampleVersionDrafts({
  kind: 'queue-by-decision-date',
  ref: 'example queue rule',
}).map((d) => published(d));

export function draftOf(policyId: string): VersionDraft {
  const d = exampleVersionDrafts().find((v) => v.policyId === policyId);
  if (!d) throw new Error(policyId);
  return d;
}

export function ctxOf(
  actor: Actor,
  today = '2025-03-10',
  versions: readonly PolicyVersionData[] = EXAMPLES,
): SubsidyContext {
  return {
    now: new Date(`${today}T02:00:00Z`),
    today,
    actor,
    correlationId: 'c-1',
    policyVersions: (policyId) => versions.filter((v) => v.policyId === policyId),
  };
}

export const SYSTEM: Actor = { role: 'system', id: 'subsidy' };
export const ADMIN: Actor = { role: 'admin', id: 'admin-1' };
export const finance = (region: string): Actor => ({ role: 'finance', id: `fin-${region}`, region });
