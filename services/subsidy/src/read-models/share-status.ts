import type { FiscalLevel, LedgerEvent } from '../domain';

/** One level's share of an entitlement as lists show it: requested, approved, paid, clawed back, recovered. */
export interface ShareStatus {
  level: FiscalLevel;
  regionCode: string;
  /** The ledger stream id that holds it (`subsidyLedgerStreamId`). */
  ledgerId: string;
  /** The calculated share, integer fen. */
  requested: number;
  status: 'pending' | 'approved' | 'reduced' | 'disbursed' | 'withdrawn' | 'clawback-ordered' | 'recovered';
  approved: number;
  disbursed: number;
  paymentRef: string | null;
  clawback: number;
  recovered: number;
}

/** A ledger event folded onto one share's status (the ledger decider's own rules decided it). */
export function evolveShareStatus(s: ShareStatus, e: LedgerEvent): ShareStatus {
  switch (e.type) {
    case 'ShareApproved':
      return { ...s, status: 'approved', approved: e.data.amount };
    case 'ShareReduced':
      return { ...s, status: 'reduced', approved: e.data.approved };
    case 'ShareDisbursed':
      return { ...s, status: 'disbursed', disbursed: e.data.amount, paymentRef: e.data.paymentRef };
    case 'ShareWithdrawn':
      return { ...s, status: 'withdrawn' };
    case 'ClawbackOrdered':
      return { ...s, status: 'clawback-ordered', clawback: e.data.amount };
    case 'RecoveryRecorded': {
      const recovered = s.recovered + e.data.amount;
      return { ...s, recovered, status: e.data.outstanding === 0 ? 'recovered' : s.status };
    }
    case 'BudgetAllocated':
      return s;
  }
}

/** The ledger events that concern one share (all but BudgetAllocated). */
export const SHARE_EVENTS: ReadonlySet<string> = new Set([
  'ShareApproved',
  'ShareReduced',
  'ShareDisbursed',
  'ShareWithdrawn',
  'ClawbackOrdered',
  'RecoveryRecorded',
]);
