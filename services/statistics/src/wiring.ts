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
  type OutboxRelay,
} from '@peiyu/eventstore';
import type { Clock, Logger } from '@peiyu/service-kit';
import type mongoose from 'mongoose';
import { statisticsScope } from './http/access';
import type { StatisticsDeps } from './http/deps';
import { ReadModels } from './read-models/read-models';
import {
  methodsProjection,
  rankingsProjection,
  reportsProjection,
  targetsProjection,
} from './read-models/records';
import { sourceEventsProjection, titleEventsProjection } from './read-models/source-events';
import { createRegions } from './regions';

export interface StatisticsRuntime {
  deps: StatisticsDeps;
  connection: mongoose.Connection;
  relay: OutboxRelay;
  consumers: ConsumerRunner[];
  close(): Promise<void>;
}

/**
 * Other services' topics statistics counts from (service-guide.md: Kafka only for other services' events):
 * enterprises and their moves (registry), entries and revocations (assessment), certificates (certification).
 */
export const CONSUMED = [
  REGISTRY_ENTERPRISE_TOPIC,
  ASSESSMENT_EVALUATION_TOPIC,
  ASSESSMENT_BATCH_TOPIC,
  CERTIFICATION_CERTIFICATE_TOPIC,
];

/** The projections of statistics' own events (fed from its own store by the StoreProjector). */
export function ownProjections(deps: { regions: ReturnType<typeof createRegions> }) {
  const scope = statisticsScope(deps.regions);
  return [
    targetsProjection(scope),
    reportsProjection(scope),
    methodsProjection(scope),
    rankingsProjection(scope),
    titleEventsProjection(),
  ];
}

/**
 * Connects statistics to its own database and to Kafka: event store, outbox relay (own events → its topics),
 * its own read models from its own store, and the source events of the other services from one consumer
 * group over their topics.
 */
export async function startStatisticsRuntime(o: {
  mongoUrl: string;
  mongoDb: string;
  kafkaBrokers: string[];
  clientId: string;
  clock: Clock;
  logger: Logger;
}): Promise<StatisticsRuntime> {
  const regions = createRegions();
  // Every event, every version: assessment's topics carry its v2 deadline events too.
  const codec = allEvents();
  const own = await startOwnStore({
    ...o,
    codec,
    projections: ownProjections({ regions }),
    topics: [...topicsOwnedBy('statistics'), ...dlqTopicsOf(CONSUMED)],
  });
  // commands' lookups and queries keep a pointer for POINTER_CACHE_MS (a rebuild's swap waits that long)
  const catalog = new ProjectionCatalog(own.db, { cacheMs: POINTER_CACHE_MS });
  const sources = new ConsumerRunner({
    kafka: own.kafka,
    groupId: 'peiyu-statistics-sources',
    topics: CONSUMED,
    db: own.db,
    projections: [sourceEventsProjection()],
    codec,
    logger: o.logger,
    fromBeginning: true,
  });
  await sources.start();
  const deps: StatisticsDeps = {
    store: own.store,
    idempotency: own.idempotency,
    clock: o.clock,
    serialiser: new KeyedSerialiser(),
    projector: own.projector,
    reads: new ReadModels(own.projector, catalog),
    regions,
    logger: o.logger,
    afterAppend: own.afterAppend,
  };
  return {
    deps,
    connection: own.connection,
    relay: own.relay,
    consumers: [sources],
    close: async () => {
      await sources.stop();
      await own.close();
    },
  };
}
