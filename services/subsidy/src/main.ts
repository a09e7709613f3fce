import { eventStoreReadiness } from '@peiyu/eventstore';
import { mainOf, runService } from '@peiyu/service-kit';
import { buildSubsidyApp } from './app';
import { SubsidyConfigSchema } from './config';
import { startSubsidyRuntime } from './wiring';

mainOf(() =>
  runService({
    name: 'subsidy',
    configSchema: SubsidyConfigSchema,
    start: async ({ config, clock, logger, verifier }) => {
      const runtime = await startSubsidyRuntime({
        mongoUrl: config.MONGO_URL,
        mongoDb: config.MONGO_DB,
        kafkaBrokers: config.KAFKA_BROKERS.split(','),
        clientId: config.KAFKA_CLIENT_ID,
        clock,
        logger,
      });
      const readiness = eventStoreReadiness({ connection: runtime.connection, relay: runtime.relay, clock });
      return { app: buildSubsidyApp(runtime.deps, verifier, readiness), close: () => runtime.close() };
    },
  }),
);
