import { mainOf, runService } from '@peiyu/service-kit';
import { buildAuditApp } from './app';
import { AuditConfigSchema } from './config';
import { startAuditRuntime } from './wiring';

mainOf(() =>
  runService({
    name: 'audit',
    configSchema: AuditConfigSchema,
    start: async ({ config, mode, clock, logger, verifier }) => {
      const runtime = await startAuditRuntime({
        mongoUrl: config.MONGO_URL,
        mongoDb: config.MONGO_DB,
        kafkaBrokers: config.KAFKA_BROKERS.split(','),
        clientId: config.KAFKA_CLIENT_ID,
        checkpointInterval: config.AUDIT_CHECKPOINT_INTERVAL,
        mode,
        clock,
        logger,
      });
      // Ready when its database answers (the intake catches up on its own; a lag is not unreadiness).
      const readiness = [{ name: 'mongodb', check: () => runtime.connection.db!.admin().ping() }];
      return { app: buildAuditApp(runtime.deps, verifier, readiness), close: () => runtime.close() };
    },
  }),
);
