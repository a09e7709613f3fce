import { randomUUID } from 'node:crypto';
import {
  allEvents,
  ASSESSMENT_BATCH_TOPIC,
  ASSESSMENT_EVALUATION_TOPIC,
  CERTIFICATION_CERTIFICATE_TOPIC,
  dlqTopicsOf,
  REGISTRY_ENTERPRISE_TOPIC,
  topicsOwnedBy,
} from '@peiyu/contracts';
import {
  ConsumerRunner,
  KeyedSerialiser,
  POINTER_CACHE_MS,
  ProjectionCatalog,
  startOwnStore,
  type EventCodec,
  type OutboxRelay,
  type StoreProjection,
} from '@peiyu/eventstore';
import type { Clock, Logger } from '@peiyu/service-kit';
import type mongoose from 'mongoose';
import { SUBSIDY_SCOPE } from './http/access';
import type { SubsidyDeps } from './http/deps';
import { reactToFacts } from './reactions/facts';
import { entitlementsProjection } from './read-models/entitlements';
import { ENTERPRISES, enterprisesProjection, awardFactsProjection } from './read-models/foreign';
import { ledgersProjection } from './read-models/ledgers';
import { policiesProjection } from './read-models/policies';
import { ReadModels } from './read-models/read-models';
import { sharesProjection } from './read-models/shares';

export interface SubsidyRuntime {
  deps: SubsidyDeps;
  connection: mongoose.Connection;
  relay: OutboxRelay;
  consumers: ConsumerRunner[];
  close(): Promise<void>;
}

/** The facts subsidy reacts to: entries (batch topic), revocations (evaluation topic), HNTE certificates. */
const FACT_TOPICS = [ASSESSMENT_BATCH_TOPIC, ASSESSMENT_EVALUATION_TOPIC, CERTIFICATION_CERTIFICATE_TOPIC];
const CONSUMED = [REGISTRY_ENTERPRISE_TOPIC, ...FACT_TOPICS];

/** Subsidy's own read models, fed from its own store. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ownProjections = (): StoreProjection<any>[] => [
  policiesProjection(),
  entitlementsProjection(SUBSIDY_SCOPE),
  sharesProjection(SUBSIDY_SCOPE),
  ledgersProjection(SUBSIDY_SCOPE.provinciallyAdministered ?? new Set()),
];

/** The codec: every contract event at its latest version (assessment's v2 deadline events included). */
export const subsidyCodec = (): EventCodec => allEvents();

/**
 * Connects subsidy to its own database and to Kafka: event store, outbox relay (own events → its topics), its
 * own read models, the registry's enterprises, and the facts consumer — whose projection keeps the entries and
 * whose reaction (after the projection write, before the offset commit) runs the system commands that award,
 * and claw back, from those facts.
 */
export async function startSubsidyRuntime(o: {
  mongoUrl: string;
  mongoDb: string;
  kafkaBrokers: string[];
  clientId: string;
  clock: Clock;
  logger: Logger;
}): Promise<SubsidyRuntime> {
  const codec = subsidyCodec();
  const own = await startOwnStore({
    ...o,
    codec,
    projections: ownProjections(),
    // Each topic is created by its owner (or a stand-in the catalog names); a consumer creates its dead letters.
    topics: [...topicsOwnedBy('subsidy'), ...dlqTopicsOf(CONSUMED)],
  });
  // commands' lookups and queries keep a pointer for POINTER_CACHE_MS (a rebuild's swap waits that long)
  const catalog = new ProjectionCatalog(own.db, { cacheMs: POINTER_CACHE_MS });
  await (await catalog.live(ENTERPRISES)).createIndexes([{ key: { uscc: 1 }, name: 'uscc' }]);
  const deps: SubsidyDeps = {
    store: own.store,
    idempotency: own.idempotency,
    clock: o.clock,
    serialiser: new KeyedSerialiser(),
    projector: own.projector,
    reads: new ReadModels(own.projector, catalog),
    logger: o.logger,
    newId: () => randomUUID(),
    afterAppend: own.afterAppend,
  };
  const consumers = [
    new ConsumerRunner({
      kafka: own.kafka,
      groupId: 'peiyu-subsidy-enterprises',
      topics: [REGISTRY_ENTERPRISE_TOPIC],
      db: own.db,
      projections: [enterprisesProjection()],
      codec,
      logger: o.logger,
      fromBeginning: true,
    }),
    new ConsumerRunner({
      kafka: own.kafka,
      groupId: 'peiyu-subsidy-facts',
      topics: FACT_TOPICS,
      db: own.db,
      projections: [awardFactsProjection()],
      codec,
      logger: o.logger,
      fromBeginning: true,
      // The reaction runs after the batch's projection write and before its offset commit: a crash between
      // the two reads the batch again, and the system commands are idempotent (reactions/facts.ts).
      afterProjectionWrite: ({ events }) => reactToFacts(deps, events),
    }),
  ];
  await Promise.all(consumers.map((c) => c.start()));
  return {
    deps,
    connection: own.connection,
    relay: own.relay,
    consumers,
    close: async () => {
      await Promise.all(consumers.map((c) => c.stop()));
      await own.close();
    },
  };
}
