import { ASSESSMENT_BATCH_TOPIC, ASSESSMENT_EVALUATION_TOPIC } from './events/assessment';
import { CERTIFICATION_CERTIFICATE_TOPIC } from './events/certification';
import { REGISTRY_CALENDAR_TOPIC } from './events/calendar';
import { REGISTRY_ENTERPRISE_TOPIC } from './events/registry';
import { SUBSIDY_ENTITLEMENT_TOPIC, SUBSIDY_LEDGER_TOPIC, SUBSIDY_POLICY_TOPIC } from './events/subsidy';
import {
  STATISTICS_METHOD_TOPIC,
  STATISTICS_RANKING_TOPIC,
  STATISTICS_REPORT_TOPIC,
  STATISTICS_TARGETS_TOPIC,
  STATISTICS_TITLE_TOPIC,
} from './events/statistics';
import {
  COUNTY_TARGETS_STREAM,
  ENTERPRISE_STREAM,
  ENTERPRISE_TITLES_STREAM,
  INDICATOR_REPORT_STREAM,
  RANKING_METHOD_STREAM,
  RANKING_STREAM,
  SME_BATCH_STREAM,
  SME_EVALUATION_STREAM,
  ENTITLEMENT_STREAM,
  SUBSIDY_LEDGER_STREAM,
  SUBSIDY_POLICY_STREAM,
  WORKING_CALENDAR_STREAM,
  type StreamType,
} from './streams';
import { dlqTopicOf } from './topics';

/** A topic as its owner creates it: only the owner service creates (and writes) it; others only consume. */
export interface TopicSpec {
  name: string;
  /** The service that owns the stream type and publishes its events. */
  owner: 'registry' | 'assessment' | 'certification' | 'subsidy' | 'audit' | 'statistics';
  /** Message key: the stream id, so all events of one stream stay ordered in one partition. */
  key: 'streamId';
  /** The stream type whose events go here (the relay's topic choice). */
  stream: Pick<StreamType<unknown>, 'name' | 'parse'> | null;
  partitions: number;
  /** Retention in ms; -1 = forever (event topics are the replayable history). */
  retentionMs: number;
  /**
   * Consumers that may create the topic if they start before its owner (a cluster without auto-creation refuses
   * a subscription to a missing topic), stated here and nowhere else, with the owner's settings. Only the owner
   * writes to it.
   */
  alsoCreatedBy?: ReadonlyArray<TopicSpec['owner']>;
}

const FOREVER = -1;
const DLQ_RETENTION_MS = 30 * 24 * 3600_000;

const topic = (
  name: string,
  owner: TopicSpec['owner'],
  stream: Pick<StreamType<unknown>, 'name' | 'parse'> | null,
  partitions: number,
): TopicSpec => ({ name, owner, key: 'streamId', stream, partitions, retentionMs: FOREVER });

/** Every event topic of Peiyu, with its owner. Partition counts are the production defaults (README: scaling). */
export const TOPICS: readonly TopicSpec[] = [
  // A consumer cannot subscribe to a missing topic on a cluster without auto-creation, and the local stack may
  // start assessment before registry: assessment may create the registry's topic — with these settings.
  {
    ...topic(REGISTRY_ENTERPRISE_TOPIC, 'registry', ENTERPRISE_STREAM, 6),
    alsoCreatedBy: ['assessment', 'statistics', 'subsidy'],
  },
  // One partition: a handful of events a year, read whole by every service instance (CalendarFeed); its
  // readers may create it on a cluster without auto-creation, as for the enterprise topic.
  {
    ...topic(REGISTRY_CALENDAR_TOPIC, 'registry', WORKING_CALENDAR_STREAM, 1),
    alsoCreatedBy: ['assessment'],
  },
  // Statistics counts entries from these two, subsidy awards entries and claws back on fraud revocations; either
  // may start before assessment: they may create them.
  {
    ...topic(ASSESSMENT_EVALUATION_TOPIC, 'assessment', SME_EVALUATION_STREAM, 6),
    alsoCreatedBy: ['statistics', 'subsidy'],
  },
  {
    ...topic(ASSESSMENT_BATCH_TOPIC, 'assessment', SME_BATCH_STREAM, 3),
    alsoCreatedBy: ['statistics', 'subsidy'],
  },
  // The certification service has no shell yet: assessment, its consumer, creates the topic until it has.
  // Statistics and subsidy read it as well and may start first (or alone, in their own e2e): the same settings.
  {
    ...topic(CERTIFICATION_CERTIFICATE_TOPIC, 'certification', null, 6),
    alsoCreatedBy: ['assessment', 'statistics', 'subsidy'],
  },
  // Statistics (issue 17): a handful of records per county and quarter; titles keyed by enterprise.
  topic(STATISTICS_TARGETS_TOPIC, 'statistics', COUNTY_TARGETS_STREAM, 1),
  topic(STATISTICS_REPORT_TOPIC, 'statistics', INDICATOR_REPORT_STREAM, 1),
  topic(STATISTICS_METHOD_TOPIC, 'statistics', RANKING_METHOD_STREAM, 1),
  topic(STATISTICS_RANKING_TOPIC, 'statistics', RANKING_STREAM, 1),
  topic(STATISTICS_TITLE_TOPIC, 'statistics', ENTERPRISE_TITLES_STREAM, 3),
  // Subsidy (issue 15): a handful of versions per policy; entitlements and ledgers grow with the facts.
  topic(SUBSIDY_POLICY_TOPIC, 'subsidy', SUBSIDY_POLICY_STREAM, 1),
  topic(SUBSIDY_ENTITLEMENT_TOPIC, 'subsidy', ENTITLEMENT_STREAM, 6),
  topic(SUBSIDY_LEDGER_TOPIC, 'subsidy', SUBSIDY_LEDGER_STREAM, 3),
];

/**
 * The topics a service creates: those it owns, each with its dead-letter companion (one partition, 30 days),
 * and those the catalog names it as a stand-in creator of (`alsoCreatedBy`).
 */
export function topicsOwnedBy(owner: TopicSpec['owner']): TopicSpec[] {
  const standIn = TOPICS.filter((t) => t.alsoCreatedBy?.includes(owner));
  return [...standIn, ...TOPICS.filter((t) => t.owner === owner)].flatMap((t) => [
    t,
    { ...t, name: dlqTopicOf(t.name), stream: null, partitions: 1, retentionMs: DLQ_RETENTION_MS },
  ]);
}

/** The dead-letter topics a consumer of `topics` writes to: created by the consumer (it owns its failures). */
export function dlqTopicsOf(topics: readonly string[]): TopicSpec[] {
  return TOPICS.filter((t) => topics.includes(t.name)).map((t) => ({
    ...t,
    name: dlqTopicOf(t.name),
    stream: null,
    partitions: 1,
    retentionMs: DLQ_RETENTION_MS,
  }));
}

/** The topic a stream's events are published on, from the catalog; throws for a stream type it does not list. */
export function topicOfStream(streamId: string): string {
  const t = TOPICS.find((x) => x.stream?.parse(streamId) != null);
  if (!t) throw new Error(`no topic in the catalog for stream ${streamId}`);
  return t.name;
}
