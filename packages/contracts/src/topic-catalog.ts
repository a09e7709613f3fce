import { ASSESSMENT_BATCH_TOPIC, ASSESSMENT_EVALUATION_TOPIC, ASSESSMENT_EVENTS } from './events/assessment';
import { ASSESSMENT_CHECK_EVENTS } from './events/assessment-checks';
import {
  CERTIFICATION_ALL_EVENTS,
  CERTIFICATION_APPLICATION_TOPIC,
  CERTIFICATION_CERTIFICATE_TOPIC,
  CERTIFICATION_EXPERT_POOL_TOPIC,
  CERTIFICATION_REGISTER_TOPIC,
} from './events/certification';
import { CALENDAR_EVENTS, DEADLINE_MOVED_EVENTS, REGISTRY_CALENDAR_TOPIC } from './events/calendar';
import { CALENDAR_AWARE_EVENTS } from './events/deadlines-v2';
import { REGISTRY_ENTERPRISE_TOPIC, REGISTRY_EVENTS } from './events/registry';
import {
  SUBSIDY_ENTITLEMENT_TOPIC,
  SUBSIDY_EVENTS,
  SUBSIDY_LEDGER_TOPIC,
  SUBSIDY_POLICY_TOPIC,
} from './events/subsidy';
import {
  STATISTICS_EVENTS,
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
  HNTE_APPLICATION_STREAM,
  HNTE_ENTERPRISE_STREAM,
  HNTE_EXPERT_POOL_STREAM,
  HNTE_REGISTER_STREAM,
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
import { dlqTopicOf, topicFor } from './topics';

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
  /**
   * The services that consume the topic (read it, with their own consumer groups, and write its dead-letter
   * companion). With `owner`, this is what the Kafka ACLs are derived from (infra/local `kafkaAcls`).
   */
  consumers?: ReadonlyArray<TopicSpec['owner']>;
}

const FOREVER = -1;

/**
 * The audit service's signed checkpoints (a Merkle root over every stream head of its ledger), one message per
 * checkpoint, key `audit`: not an event stream (no stream type), so no relay picks it and no ledger reads it.
 */
export const AUDIT_CHECKPOINT_TOPIC = topicFor('audit', 'checkpoint');
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
  // start a consumer before the owner: its consumers may create it (`alsoCreatedBy`) — with these settings.
  // Where the runner or compose provisions every topic first (PEIYU_TOPICS_PROVISIONED), nobody else creates.
  {
    ...topic(REGISTRY_ENTERPRISE_TOPIC, 'registry', ENTERPRISE_STREAM, 6),
    alsoCreatedBy: ['assessment', 'statistics', 'certification', 'subsidy'],
    consumers: ['assessment', 'statistics', 'certification', 'subsidy'],
  },
  // One partition: a handful of events a year, read whole by every service instance (CalendarFeed).
  {
    ...topic(REGISTRY_CALENDAR_TOPIC, 'registry', WORKING_CALENDAR_STREAM, 1),
    alsoCreatedBy: ['assessment', 'certification'],
    consumers: ['assessment', 'certification'],
  },
  // Entered tech SMEs (SmeEntered on the batch topic, revocations on the evaluation topic).
  {
    ...topic(ASSESSMENT_EVALUATION_TOPIC, 'assessment', SME_EVALUATION_STREAM, 6),
    alsoCreatedBy: ['statistics', 'certification', 'subsidy'],
    consumers: ['statistics', 'certification', 'subsidy'],
  },
  {
    ...topic(ASSESSMENT_BATCH_TOPIC, 'assessment', SME_BATCH_STREAM, 3),
    alsoCreatedBy: ['statistics', 'certification', 'subsidy'],
    consumers: ['statistics', 'certification', 'subsidy'],
  },
  // The enterprises' HNTE records: certificates (HnteCertified v2), after care, cancellations.
  {
    ...topic(CERTIFICATION_CERTIFICATE_TOPIC, 'certification', HNTE_ENTERPRISE_STREAM, 6),
    alsoCreatedBy: ['assessment', 'statistics', 'subsidy'],
    consumers: ['assessment', 'statistics', 'subsidy'],
  },
  topic(CERTIFICATION_APPLICATION_TOPIC, 'certification', HNTE_APPLICATION_STREAM, 6),
  topic(CERTIFICATION_REGISTER_TOPIC, 'certification', HNTE_REGISTER_STREAM, 1),
  topic(CERTIFICATION_EXPERT_POOL_TOPIC, 'certification', HNTE_EXPERT_POOL_STREAM, 1),
  // Statistics (issue 17): a handful of records per county and quarter; titles keyed by enterprise.
  topic(STATISTICS_TARGETS_TOPIC, 'statistics', COUNTY_TARGETS_STREAM, 1),
  topic(STATISTICS_REPORT_TOPIC, 'statistics', INDICATOR_REPORT_STREAM, 1),
  topic(STATISTICS_METHOD_TOPIC, 'statistics', RANKING_METHOD_STREAM, 1),
  topic(STATISTICS_RANKING_TOPIC, 'statistics', RANKING_STREAM, 1),
  topic(STATISTICS_TITLE_TOPIC, 'statistics', ENTERPRISE_TITLES_STREAM, 3),
  topic(AUDIT_CHECKPOINT_TOPIC, 'audit', null, 1),
  // Subsidy (issue 15): a handful of versions per policy; entitlements and ledgers grow with the facts.
  topic(SUBSIDY_POLICY_TOPIC, 'subsidy', SUBSIDY_POLICY_STREAM, 1),
  topic(SUBSIDY_ENTITLEMENT_TOPIC, 'subsidy', ENTITLEMENT_STREAM, 6),
  topic(SUBSIDY_LEDGER_TOPIC, 'subsidy', SUBSIDY_LEDGER_STREAM, 3),
];

/** The event topics of every service but the audit (what the audit's ledger reads). */
export function eventTopicsForAudit(): string[] {
  return topicsConsumedBy('audit').map((t) => t.name);
}

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

/** Every dead-letter companion of the catalog's topics (one partition, 30 days): what a provisioner creates. */
export function allCatalogTopics(): TopicSpec[] {
  return TOPICS.flatMap((t) => [
    t,
    { ...t, name: dlqTopicOf(t.name), stream: null, partitions: 1, retentionMs: DLQ_RETENTION_MS },
  ]);
}

/**
 * The topics a service consumes (from each topic's `consumers`). The audit service reads every other service's
 * topic into its ledger (issue 16: "every event of every service"), so it is a consumer of all of them.
 */
export function topicsConsumedBy(service: string): TopicSpec[] {
  if (service === 'audit') return TOPICS.filter((t) => t.owner !== 'audit');
  return TOPICS.filter((t) => (t.consumers as readonly string[] | undefined)?.includes(service));
}

/** The service owning a catalog topic (its dead-letter companion has no owner: undefined). */
export function ownerOfTopic(topic: string): TopicSpec['owner'] | undefined {
  return TOPICS.find((t) => t.name === topic)?.owner;
}

/**
 * Who emits each event type (every version): the service whose deciders produce it. An event may only arrive on
 * a topic of the same owner; anything else is misrouted (finding 1: a forged event on another service's topic).
 */
const EVENT_OWNERS: ReadonlyArray<[TopicSpec['owner'], ReadonlyArray<{ type: string }>]> = [
  ['registry', [...REGISTRY_EVENTS, ...CALENDAR_EVENTS]],
  [
    'assessment',
    [...ASSESSMENT_EVENTS, ...ASSESSMENT_CHECK_EVENTS, ...DEADLINE_MOVED_EVENTS, ...CALENDAR_AWARE_EVENTS],
  ],
  ['certification', CERTIFICATION_ALL_EVENTS],
  ['subsidy', SUBSIDY_EVENTS],
  ['statistics', STATISTICS_EVENTS],
];

const OWNER_OF_TYPE: ReadonlyMap<string, TopicSpec['owner']> = (() => {
  const m = new Map<string, TopicSpec['owner']>();
  for (const [owner, defs] of EVENT_OWNERS) {
    for (const d of defs) {
      const had = m.get(d.type);
      if (had !== undefined && had !== owner)
        throw new Error(`event type ${d.type} is claimed by ${had} and ${owner}`);
      m.set(d.type, owner);
    }
  }
  return m;
})();

/** The service that emits an event type, or undefined for a type the contracts do not list. */
export function ownerOfEventType(type: string): TopicSpec['owner'] | undefined {
  return OWNER_OF_TYPE.get(type);
}

/**
 * Why an event of `type` must not be applied from `topic`, or undefined when it may: the topic's owner and the
 * type's owner must be the same service. Topics or types outside the catalog are not judged here.
 */
export function misroutedReason(topic: string, type: string): string | undefined {
  const topicOwner = ownerOfTopic(topic);
  const typeOwner = ownerOfEventType(type);
  if (topicOwner === undefined || typeOwner === undefined || topicOwner === typeOwner) return undefined;
  return `misrouted: ${type} is emitted by ${typeOwner}, but arrived on ${topic} owned by ${topicOwner}`;
}
