import type { z } from 'zod';
import type {
  CertificateExpired,
  CountyTargetSet,
  EnterpriseDeregistered,
  EnterpriseRegistered,
  EnterpriseRelocated,
  EnterpriseTitleGranted,
  EnterpriseTitleRevoked,
  EventDefinition,
  HnteCancelled,
  HnteCertified,
  IndicatorsReported,
  RankingMethodSet,
  RankingPublished,
  SmeEntered,
  SmeEntryRevoked,
} from '@peiyu/contracts';

/** `{ type, data }` for each event definition of a union (distributes over the union). */
type EventOf<D> = D extends EventDefinition<infer T, infer S> ? { type: T; data: z.infer<S> } : never;

export type CountyTargetSetEvent = EventOf<typeof CountyTargetSet>;
export type IndicatorsReportedEvent = EventOf<typeof IndicatorsReported>;
export type RankingMethodSetEvent = EventOf<typeof RankingMethodSet>;
export type RankingPublishedEvent = EventOf<typeof RankingPublished>;
export type TitleEvent = EventOf<typeof EnterpriseTitleGranted | typeof EnterpriseTitleRevoked>;

export type TargetFigures = CountyTargetSetEvent['data']['targets'];
export type RankingMethod = RankingMethodSetEvent['data']['method'];
export type TieRule = RankingMethodSetEvent['data']['tieRule'];
export type PublishedRanking = RankingPublishedEvent['data'];
export type RankingRow = PublishedRanking['rows'][number];
export type RankingChange = NonNullable<PublishedRanking['correction']>['changes'][number];

/**
 * The other services' events the statistics fold reads (registry, assessment, certification) and the titles
 * it records itself, each with the instant its source store recorded it (the envelope's `recordedAt`).
 */
export type SourceEvent = EventOf<
  | typeof EnterpriseRegistered
  | typeof EnterpriseRelocated
  | typeof EnterpriseDeregistered
  | typeof SmeEntered
  | typeof SmeEntryRevoked
  | typeof HnteCertified
  | typeof HnteCancelled
  | typeof CertificateExpired
  | typeof EnterpriseTitleGranted
  | typeof EnterpriseTitleRevoked
> & { readonly recordedAt: string };
