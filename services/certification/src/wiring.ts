import { randomBytes, randomUUID } from 'node:crypto';
import {
  allEvents,
  ASSESSMENT_BATCH_TOPIC,
  ASSESSMENT_EVALUATION_TOPIC,
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
import { CERTIFICATION_SCOPE } from './http/access';
import type { CertificationDeps } from './http/deps';
import { applicationsProjection } from './read-models/applications';
import { batchesProjection } from './read-models/batches';
import { ENTERPRISE_INDEXES, ENTERPRISES, enterprisesProjection } from './read-models/enterprises';
import { expertsProjection } from './read-models/experts';
import { ReadModels } from './read-models/read-models';
import { certificatesProjection } from './read-models/records';
import { TECH_SMES, techSmesProjection } from './read-models/tech-smes';

export interface CertificationRuntime {
  deps: CertificationDeps;
  connection: mongoose.Connection;
  relay: OutboxRelay;
  consumers: ConsumerRunner[];
  close(): Promise<void>;
}

/** Other services' topics certification consumes (service-guide.md: Kafka only for other services' events). */
const CONSUMED = [REGISTRY_ENTERPRISE_TOPIC, ASSESSMENT_BATCH_TOPIC, ASSESSMENT_EVALUATION_TOPIC];

/** The codec: every contract event (assessment's v2 deadline events included) — one registry for all. */
export const certificationCodec = () => allEvents();

/** Own read models, fed from certification's own store (StoreProjector). */
export const ownProjections = () => [
  applicationsProjection(CERTIFICATION_SCOPE),
  batchesProjection(),
  certificatesProjection(CERTIFICATION_SCOPE),
  expertsProjection(),
];

/**
 * Connects certification to its own database and to Kafka: event store, outbox relay (own events → its topics,
 * by the contracts' topic catalog: certificates on `peiyu.certification.certificate.v1`, which assessment and
 * subsidy consume), its own read models, the views of other services' events (registry enterprises, assessment's
 * entered tech SMEs) fed by Kafka consumers with dead-letter topics, and the working-day calendar feed.
 */
export async function startCertificationRuntime(o: {
  mongoUrl: string;
  mongoDb: string;
  kafkaBrokers: string[];
  clientId: string;
  clock: Clock;
  logger: Logger;
}): Promise<CertificationRuntime> {
  const codec = certificationCodec();
  const own = await startOwnStore({
    ...o,
    codec,
    projections: ownProjections(),
    // Each topic is created by its owner only (or a stand-in named in the catalog); a consumer creates the
    // dead-letter topics of what it reads.
    topics: [...topicsOwnedBy('certification'), ...dlqTopicsOf(CONSUMED)],
  });
  // commands' lookups and queries keep a pointer for POINTER_CACHE_MS (a rebuild's swap waits that long)
  const catalog = new ProjectionCatalog(own.db, { cacheMs: POINTER_CACHE_MS });
  await (await catalog.live(ENTERPRISES)).createIndexes(ENTERPRISE_INDEXES.map((ix) => ({ ...ix })));
  await (await catalog.live(TECH_SMES)).createIndexes([{ key: { 'entries.uscc': 1 }, name: 'uscc' }]);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const consumer = (groupId: string, topics: string[], projection: Projection<any>) =>
    new ConsumerRunner({
      kafka: own.kafka,
      groupId,
      topics,
      db: own.db,
      projections: [projection],
      codec,
      logger: o.logger,
      fromBeginning: true,
    });
  const consumers = [
    consumer(
      'peiyu-certification-enterprises',
      [REGISTRY_ENTERPRISE_TOPIC],
      enterprisesProjection(CERTIFICATION_SCOPE),
    ),
    consumer(
      'peiyu-certification-tech-smes',
      [ASSESSMENT_BATCH_TOPIC, ASSESSMENT_EVALUATION_TOPIC],
      techSmesProjection(),
    ),
  ];
  await Promise.all(consumers.map((c) => c.start()));
  const calendar = new CalendarFeed({ codec, logger: o.logger });
  const deps: CertificationDeps = {
    calendar,
    store: own.store,
    idempotency: own.idempotency,
    clock: o.clock,
    serialiser: new KeyedSerialiser(),
    projector: own.projector,
    reads: new ReadModels(own.projector, catalog),
    logger: o.logger,
    newId: () => randomUUID(),
    newSeed: () => randomBytes(16).toString('hex'),
    afterAppend: own.afterAppend,
  };
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
