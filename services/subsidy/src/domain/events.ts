import type {
  BudgetAllocated,
  ClawbackOrdered,
  EntitlementCalculated,
  EventData,
  PolicyVersionPublished,
  RdSubsidyApplied,
  RdSubsidyVerified,
  RecoveryRecorded,
  ShareApproved,
  ShareDisbursed,
  ShareReduced,
  ShareWithdrawn,
} from '@peiyu/contracts';

/** The data of each subsidy event, as the contracts define it. */
export type PolicyVersionData = EventData<typeof PolicyVersionPublished>;
export type BudgetAllocatedData = EventData<typeof BudgetAllocated>;
export type RdSubsidyAppliedData = EventData<typeof RdSubsidyApplied>;
export type RdSubsidyVerifiedData = EventData<typeof RdSubsidyVerified>;
export type EntitlementData = EventData<typeof EntitlementCalculated>;
export type ShareApprovedData = EventData<typeof ShareApproved>;
export type ShareReducedData = EventData<typeof ShareReduced>;
export type ShareDisbursedData = EventData<typeof ShareDisbursed>;
export type ShareWithdrawnData = EventData<typeof ShareWithdrawn>;
export type ClawbackOrderedData = EventData<typeof ClawbackOrdered>;
export type RecoveryRecordedData = EventData<typeof RecoveryRecorded>;

export type PolicyEvent = { type: 'PolicyVersionPublished'; data: PolicyVersionData };
export type EntitlementEvent =
  | { type: 'RdSubsidyApplied'; data: RdSubsidyAppliedData }
  | { type: 'RdSubsidyVerified'; data: RdSubsidyVerifiedData }
  | { type: 'EntitlementCalculated'; data: EntitlementData };
export type LedgerEvent =
  | { type: 'BudgetAllocated'; data: BudgetAllocatedData }
  | { type: 'ShareApproved'; data: ShareApprovedData }
  | { type: 'ShareReduced'; data: ShareReducedData }
  | { type: 'ShareDisbursed'; data: ShareDisbursedData }
  | { type: 'ShareWithdrawn'; data: ShareWithdrawnData }
  | { type: 'ClawbackOrdered'; data: ClawbackOrderedData }
  | { type: 'RecoveryRecorded'; data: RecoveryRecordedData };

export type FiscalLevel = 'province' | 'city' | 'county';
export type BudgetRule = PolicyVersionData['budgetRule'];
export type EntitlementBasis = EntitlementData['basis'];
export type Cancellation = ClawbackOrderedData['cancellation'];
