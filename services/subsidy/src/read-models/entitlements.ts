import { ENTITLEMENT_STREAM, SUBSIDY_LEDGER_STREAM, subsidyLedgerStreamId } from '@peiyu/contracts';
import type { RecordedEvent, StoreProjection } from '@peiyu/eventstore';
import { placeOf, type Place, type ScopeOptions } from '@peiyu/service-kit';
import {
  sharesOf,
  type EntitlementData,
  type EntitlementEvent,
  type FiscalLevel,
  type LedgerEvent,
  type RdSubsidyAppliedData,
  type RdSubsidyVerifiedData,
  type WhatIfFact,
} from '../domain';
import { whatIfFactOf } from './facts-of';
import { evolveShareStatus, SHARE_EVENTS, type ShareStatus } from './share-status';

/**
 * One document per entitlement (key: entitlementId), fed from subsidy's own store: its stream (application,
 * verification, calculation with the whole trace) and every ledger event on one of its shares, so the
 * enterprise sees the payment status per level and a finance bureau its region's entitlements.
 */
export interface EntitlementDoc extends Place {
  entitlementId: string;
  uscc: string;
  policyId: string | null;
  status: 'applied' | 'rejected' | 'calculated';
  example: boolean;
  factDate: string | null;
  budgetYear: number | null;
  amount: number | null;
  application: RdSubsidyAppliedData | null;
  verification: RdSubsidyVerifiedData | null;
  calculation: EntitlementData | null;
  /** Id of the EntitlementCalculated event (the source the explanation cites). */
  calculationEventId: string | null;
  levels: Partial<Record<FiscalLevel, ShareStatus>>;
  /** The facts the calculation read, for what-if replays. */
  whatIfFact: WhatIfFact | null;
}

export const ENTITLEMENTS = 'subsidy_entitlements';

function keysOf(e: RecordedEvent): readonly string[] {
  const own = ENTITLEMENT_STREAM.parse(e.streamId);
  if (own) return [own.entitlementId];
  if (SUBSIDY_LEDGER_STREAM.parse(e.streamId) && SHARE_EVENTS.has(e.type))
    return [(e.data as { entitlementId: string }).entitlementId];
  return [];
}

/** The shares of a calculation, pending, one per paying level. */
export function pendingShares(c: EntitlementData): Partial<Record<FiscalLevel, ShareStatus>> {
  return Object.fromEntries(
    sharesOf(c).map((s): [FiscalLevel, ShareStatus] => [
      s.level,
      {
        level: s.level,
        regionCode: s.regionCode,
        ledgerId: subsidyLedgerStreamId(s),
        requested: s.amount,
        status: 'pending',
        approved: 0,
        disbursed: 0,
        paymentRef: null,
        clawback: 0,
        recovered: 0,
      },
    ]),
  );
}

function applyOwn(
  doc: EntitlementDoc | undefined,
  e: RecordedEvent,
  scope: ScopeOptions,
): EntitlementDoc | undefined {
  const event = { type: e.type, data: e.data } as EntitlementEvent;
  switch (event.type) {
    case 'RdSubsidyApplied': {
      const a = event.data;
      return {
        entitlementId: a.entitlementId,
        uscc: a.uscc,
        policyId: 'rd-subsidy',
        status: 'applied',
        example: false,
        factDate: `${a.rdYear}-12-31`,
        budgetYear: null,
        amount: null,
        application: a,
        verification: null,
        calculation: null,
        calculationEventId: null,
        levels: {},
        whatIfFact: null,
        ...placeOf(a.countyCode, scope),
      };
    }
    case 'RdSubsidyVerified':
      if (!doc) return doc;
      return {
        ...doc,
        verification: event.data,
        status: event.data.outcome === 'rejected' ? 'rejected' : doc.status,
      };
    case 'EntitlementCalculated': {
      const c = event.data;
      return {
        entitlementId: c.entitlementId,
        uscc: c.uscc,
        policyId: c.policyId,
        status: 'calculated',
        example: c.example,
        factDate: c.factDate,
        budgetYear: c.budgetYear,
        amount: c.amount,
        application: doc?.application ?? null,
        verification: doc?.verification ?? null,
        calculation: c,
        calculationEventId: e.eventId,
        levels: pendingShares(c),
        whatIfFact: whatIfFactOf(c),
        ...placeOf(c.countyCode, scope),
      };
    }
  }
}

export function entitlementsProjection(scope: ScopeOptions): StoreProjection<EntitlementDoc> {
  return {
    name: ENTITLEMENTS,
    keysOf,
    indexes: [
      { key: { uscc: 1, entitlementId: 1 }, name: 'uscc' },
      { key: { countyCode: 1, factDate: 1 }, name: 'county' },
      { key: { cityCode: 1, factDate: 1 }, name: 'city' },
      { key: { provinceCode: 1, factDate: 1 }, name: 'province' },
      { key: { status: 1, factDate: 1 }, name: 'what_if' },
    ],
    apply(doc, e) {
      if (ENTITLEMENT_STREAM.parse(e.streamId)) return applyOwn(doc, e, scope);
      if (!doc) return doc;
      const event = { type: e.type, data: e.data } as LedgerEvent;
      const level = (e.data as { level: FiscalLevel }).level;
      const share = doc.levels[level];
      if (!share) return doc;
      return { ...doc, levels: { ...doc.levels, [level]: evolveShareStatus(share, event) } };
    },
  };
}
