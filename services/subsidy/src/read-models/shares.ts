import { ENTITLEMENT_STREAM, SUBSIDY_LEDGER_STREAM } from '@peiyu/contracts';
import type { RecordedEvent, StoreProjection } from '@peiyu/eventstore';
import { placeOf, type Place, type ScopeOptions } from '@peiyu/service-kit';
import { sharesOf, type EntitlementData, type FiscalLevel, type LedgerEvent } from '../domain';
import { pendingShares } from './entitlements';
import { evolveShareStatus, SHARE_EVENTS, type ShareStatus } from './share-status';

/**
 * One document per share (entitlement × paying level, key `<entitlementId>:<level>`): a finance bureau's queue
 * of its own shares to approve and its payment list, filtered by ledger or by level and region. The place
 * fields are the enterprise's, so a city's list never holds a 省直管县's shares (its city share is the county's).
 */
export interface ShareDoc extends Place, ShareStatus {
  entitlementId: string;
  uscc: string;
  policyId: string;
  budgetYear: number;
  decisionOn: string;
  factDate: string;
  basisKind: EntitlementData['basis']['kind'];
  basisReference: string;
  budgetRule: EntitlementData['budgetRule']['kind'];
  example: boolean;
}

export const SHARES = 'subsidy_shares';

const keyOf = (entitlementId: string, level: FiscalLevel) => `${entitlementId}:${level}`;

function keysOf(e: RecordedEvent): readonly string[] {
  if (ENTITLEMENT_STREAM.parse(e.streamId) && e.type === 'EntitlementCalculated')
    return sharesOf(e.data as EntitlementData).map((s) => keyOf(s.entitlementId, s.level));
  if (SUBSIDY_LEDGER_STREAM.parse(e.streamId) && SHARE_EVENTS.has(e.type)) {
    const d = e.data as { entitlementId: string; level: FiscalLevel };
    return [keyOf(d.entitlementId, d.level)];
  }
  return [];
}

export function sharesProjection(scope: ScopeOptions): StoreProjection<ShareDoc> {
  return {
    name: SHARES,
    keysOf,
    indexes: [
      { key: { ledgerId: 1, status: 1, decisionOn: 1 }, name: 'ledger' },
      { key: { level: 1, regionCode: 1, status: 1 }, name: 'level_region' },
      { key: { basisKind: 1, basisReference: 1 }, name: 'basis' },
    ],
    apply(doc, e, key) {
      if (e.type === 'EntitlementCalculated') {
        const c = e.data as EntitlementData;
        const level = key.slice(key.lastIndexOf(':') + 1) as FiscalLevel;
        const share = pendingShares(c)[level];
        if (!share) return doc;
        return {
          ...share,
          entitlementId: c.entitlementId,
          uscc: c.uscc,
          policyId: c.policyId,
          budgetYear: c.budgetYear,
          decisionOn: c.decisionOn,
          factDate: c.factDate,
          basisKind: c.basis.kind,
          basisReference: c.basis.reference,
          budgetRule: c.budgetRule.kind,
          example: c.example,
          ...placeOf(c.countyCode, scope),
        };
      }
      if (!doc) return doc;
      return { ...doc, ...evolveShareStatus(doc, { type: e.type, data: e.data } as LedgerEvent) };
    },
  };
}
