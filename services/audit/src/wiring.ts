import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  AUDIT_CHECKPOINT_TOPIC,
  eventTopicsForAudit,
  TOPICS,
  withCalendarAwareDeadlines,
  allEvents,
} from '@peiyu/contracts';
import {
  createKafka,
  ensureTopics,
  loadCheckpointKey,
  mongoUrlWithCredentials,
  topicsProvisioned,
  type CheckpointSigningKey,
  RelayLease,
  type LeaseDoc,
} from '@peiyu/eventstore';
import { parseDuration, type Clock, type Logger, type PeiyuMode } from '@peiyu/service-kit';
import { DEFAULT_PROVINCIALLY_ADMINISTERED } from '@peiyu/policy';
import type { Producer } from 'kafkajs';
import mongoose from 'mongoose';
import { AccessLog } from './http/access';
import type { AuditDeps } from './http/deps';
import { AuditCheckpoints } from './read-models/checkpoints';
import { LedgerIntake } from './read-models/intake';
import { Ledger } from './read-models/ledger';
import { Recomputations } from './read-models/recomputations';
import { ReplayJobs } from './read-models/replay-jobs';

export interface AuditRuntime {
  deps: AuditDeps;
  connection: mongoose.Connection;
  intake?: LedgerIntake;
  close(): Promise<void>;
}

/** The audit's deps over a database: ledger, checkpoints, jobs, access log (shared by main and the API specs). */
export async function auditDeps(o: {
  db: mongoose.mongo.Db;
  key: CheckpointSigningKey;
  clock: Clock;
  logger: Logger;
  producer?: Producer;
}): Promise<AuditDeps> {
  const now = () => o.clock.now().toISOString();
  const scope = { provinciallyAdministered: new Set(DEFAULT_PROVINCIALLY_ADMINISTERED) };
  // v2 deadline events (issue 11): replays upcast with the same registry the assessment writes with.
  const ledger = new Ledger(o.db, {
    codec: withCalendarAwareDeadlines(allEvents()),
    logger: o.logger,
    scope,
    now,
  });
  await ledger.ensureIndexes();
  const checkpoints = new AuditCheckpoints(o.db, {
    ledger,
    key: o.key,
    clock: o.clock,
    logger: o.logger,
    ...(o.producer ? { producer: o.producer } : {}),
  });
  return {
    ledger,
    checkpoints,
    jobs: new ReplayJobs(o.db, { ledger, logger: o.logger, now }),
    recomputations: new Recomputations(o.db, { ledger, logger: o.logger, scope, now }),
    accessLog: new AccessLog(o.db, { logger: o.logger, now }),
    clock: o.clock,
    logger: o.logger,
    scope,
  };
}

/**
 * Connects the audit to its own database and to Kafka: the ledger intake over every service's topics (it
 * writes no business data and owns no event stream), its checkpoint topic, and the checkpoint timer.
 */
export async function startAuditRuntime(o: {
  mongoUrl: string;
  mongoDb: string;
  kafkaBrokers: string[];
  clientId: string;
  checkpointInterval: string;
  mode: PeiyuMode;
  clock: Clock;
  logger: Logger;
}): Promise<AuditRuntime> {
  // Fail closed like every service: production needs a database user and a Kafka principal (the kit's helpers).
  const mongoUrl = mongoUrlWithCredentials(o.mongoUrl, process.env);
  const kafka = createKafka({ clientId: o.clientId, brokers: o.kafkaBrokers });
  const connection = await mongoose.createConnection(mongoUrl, { dbName: o.mongoDb }).asPromise();
  // Its own topic only; the topics it reads are created by their owners (or provisioned by the runner/compose).
  if (!topicsProvisioned())
    await ensureTopics(
      kafka,
      TOPICS.filter((t) => t.name === AUDIT_CHECKPOINT_TOPIC),
    );
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  // The eventstore's key loading: PEIYU_CHECKPOINT_ALG ed25519 (default) or sm2-sm3; production needs the key.
  const key = await loadCheckpointKey({ service: 'audit', mode: o.mode });
  const deps = await auditDeps({ db: connection.db!, key, clock: o.clock, logger: o.logger, producer });
  const intake = new LedgerIntake({
    kafka,
    topics: eventTopicsForAudit(),
    ledger: deps.ledger,
    logger: o.logger,
  });
  await intake.start();
  // Every replica consumes (one consumer group); one seals the checkpoints: a lease in audit's database.
  const every = parseDuration(o.checkpointInterval);
  deps.checkpoints.start(
    every,
    new RelayLease({
      collection: connection.db!.collection<LeaseDoc>('audit_leases'),
      name: 'audit-checkpoint',
      holder: `${o.clientId}@${hostname()}:${process.pid}:${randomUUID()}`,
      ttlMs: Math.max(3 * every, 10_000),
      clock: o.clock,
    }),
  );
  return {
    deps,
    connection,
    intake,
    close: async () => {
      await deps.checkpoints.stop();
      await intake.stop();
      await deps.jobs.idle();
      await deps.recomputations.idle();
      await producer.disconnect();
      await connection.close();
    },
  };
}
