import type { BatchInfo } from './register';
import type { PoolSnapshot } from './panel';
import type { ApplicationStatus } from './application-state';

/**
 * What the application decider may know besides its own stream, injected by the shell so decide stays pure.
 * Each port is a read of a local view the shell keeps (named below); none does I/O inside decide.
 */

/** A batch as the province-year register knows it (register stream state). */
export interface BatchView extends BatchInfo {
  provinceCode: string;
  year: number;
}

/** The enterprise as the certification service's local view knows it (from registry events). */
export interface EnterpriseView {
  uscc: string;
  name: string;
  /** Current county (GB/T 2260 or a configured management area). */
  divisionCode: string;
  /** 成立日期: condition 1 counts 365 days from it. */
  foundedOn: string;
  status: 'active' | 'deregistered';
}

/** A cancellation of this enterprise's HNTE status (from its HNTE record stream). */
export interface CancellationRecord {
  certificateNumber: string;
  decidedOn: string;
  effectiveYear: number;
}

/** An IP item named by another application (a read model over Submitted/Resubmitted events, by kind+number). */
export interface IpClaim {
  applicationId: string;
  batchId: string;
  uscc: string;
  status: ApplicationStatus;
}

export interface ApplicationPorts {
  batch(batchId: string): BatchView | null;
  enterprise(uscc: string): EnterpriseView | null;
  cancellations(uscc: string): ReadonlyArray<CancellationRecord>;
  /** Every application that listed this item (any batch, any enterprise), this one included or not. */
  ipClaims(kind: string, number: string): ReadonlyArray<IpClaim>;
  /** The province's expert pool now: `poolSnapshot(state, streamId)` of the pool stream. */
  expertPool(provinceCode: string): PoolSnapshot;
  /** The n-th working day after `date` (policy's calendar), and whether the calendar used is provisional. */
  addWorkingDays(date: string, n: number): { date: string; provisional: boolean };
}
