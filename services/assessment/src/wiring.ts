import { randomUUID } from 'node:crypto';
import {
  allEvents,
  CERTIFICATION_CERTIFICATE_TOPIC,
  dlqTopicsOf,
  REGISTRY_ENTERPRISE_TOPIC,
  topicsOwnedBy,
} from '@peiyu/contracts';
import {
  CalendarFeed,
  ConsumerRunner,
  KeyedSerialiser,
  POINTER_CACHE_MS,
  ProjectionCatalog,
  startOwnStore,
  type OutboxRelay,
  type Projection,
} from '@peiyu/eventstore';
import type { Clock, Logger } from '@peiyu/service-kit';
import type mongoose from 'mongoose';
import { registrationNumberFormats } from './campaigns';
import { recomputeOpenDeadlines } from './calendar/recompute';
import { ASSESSMENT_SCOPE } from './http/access';
import type { AssessmentDeps } from './http/deps';
import { batchesProjection } from './read-models/batches';
import { ENTERPRISE_INDEXES, ENTERPRISES, enterprisesProjection } from './read-models/enterprises';
import { evaluationsProjection, movePlaces } from './read-models/evaluations';
import { HNTE_CERTIFICATES, hnteCertificatesProjection } from './read-models/hnte-certificates';
import { ReadModels } from './read-models/read-models';

export interface AssessmentRuntime {
  deps: AssessmentDeps;
  connection: mongoose.Connection;
  relay: OutboxRelay;
  consumers: ConsumerRunner[];
  close(): Promise<void>;
}

/** Other services' topics assessment consumes (service-guide.md: Kafka only for other services' events). */
const CONSUMED = [REGISTRY_ENTERPRISE_TOPIC, CERTIFICATION_CERTIFICATE_TOPIC];

/**
 * Connects assessment to its own database and to Kafka: event store, outbox relay (own events → its topics, by
 * the contracts' topic catalog), its own read models fed from its own store, and the views of other services'
 * events (registry enterprises, HNTE certificates) fed by Kafka consumers.
 */
export async function startAssessmentRuntime(o: {
  mongoUrl: string;
  mongoDb: string;
  kafkaBrokers: string[];
  clientId: string;
  registrationNumberFormats: string;
  clock: Clock;
  logger: Logger;
}): Promise<AssessmentRuntime> {
  const formats = registrationNumberFormats(o.registrationNumberFormats);
  // v2 deadline events: each says whether its working-day count was provisional (issue 11 §1).
  const codec = allEvents();
  const own = await startOwnStore({
    ...o,
    codec,
    projections: [evaluationsProjection(ASSESSMENT_SCOPE), batchesProjection()],
    // Each topic is created by its owner only; a consumer creates just the dead-letter topics of what it reads.
    topics: [...topicsOwnedBy('assessment'), ...dlqTopicsOf(CONSUMED)],
  });
  // commands' lookups and queries keep a pointer for POINTER_CACHE_MS (a rebuild's swap waits that long)
  const catalog = new ProjectionCatalog(own.db, { cacheMs: POINTER_CACHE_MS });
  await (await catalog.live(ENTERPRISES)).createIndexes(ENTERPRISE_INDEXES.map((ix) => ({ ...ix })));
  await (await catalog.live(HNTE_CERTIFICATES)).createIndexes([{ key: { uscc: 1 }, name: 'uscc' }]);
  const consumer = (
    groupId: string,
    topic: string,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    projection: Projection<any>,
    afterProjectionWrite?: ConstructorParameters<typeof ConsumerRunner>[0]['afterProjectionWrite'],
  ) =>
    new ConsumerRunner({
      afterProjectionWrite,
      kafka: own.kafka,
      groupId,
      topics: [topic],
      db: own.db,
      projections: [projection],
      codec,
      logger: o.logger,
      fromBeginning: true,
    });
  const consumers = [
    consumer(
      'peiyu-assessment-enterprises',
      REGISTRY_ENTERPRISE_TOPIC,
      enterprisesProjection(ASSESSMENT_SCOPE),
      // the evaluations follow their enterprise's place (the scoped lists filter on it)
      ({ events }) =>
        movePlaces(events, { projector: own.projector, enterprises: () => catalog.live(ENTERPRISES) }),
    ),
    consumer('peiyu-assessment-hnte', CERTIFICATION_CERTIFICATE_TOPIC, hnteCertificatesProjection()),
  ];
  await Promise.all(consumers.map((c) => c.start()));
  const calendar = new CalendarFeed({ codec, logger: o.logger });
  const deps: AssessmentDeps = {
    calendar,
    store: own.store,
    idempotency: own.idempotency,
    clock: o.clock,
    serialiser: new KeyedSerialiser(),
    projector: own.projector,
    reads: new ReadModels(own.projector, catalog),
    counters: own.db.collection<{ _id: string; next: number }>('registration_number_counters'),
    registrationNumberFormat: formats,
    logger: o.logger,
    newId: () => randomUUID(),
    afterAppend: own.afterAppend,
  };
  // Every deadline uses the calendar in force; a publication recounts the open provisional ones.
  calendar.onChange(async (change) => {
    await recomputeOpenDeadlines(deps, { ...change, correlationId: change.event.correlationId });
  });
  await calendar.start(own.kafka, o.clientId);
  return {
    deps,
    connection: own.connection,
    relay: own.relay,
    consumers,
    close: async () => {
      await calendar.stop();
      await Promise.all(consumers.map((c) => c.stop()));
      await own.close();
    },
  };
}
