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
      return { app: buildAuditApp(runtime.deps, verifier), close: () => runtime.close() };
    },
  }),
);
