import { eventStoreReadiness } from '@peiyu/eventstore';
import { mainOf, runService } from '@peiyu/service-kit';
import { buildRegistryApp } from './app';
import { RegistryConfigSchema } from './config';
import { startRegistryRuntime } from './wiring';

mainOf(() =>
  runService({
    name: 'registry',
    configSchema: RegistryConfigSchema,
    start: async ({ config, clock, logger, verifier }) => {
      const runtime = await startRegistryRuntime({
        mongoUrl: config.MONGO_URL,
        mongoDb: config.MONGO_DB,
        kafkaBrokers: config.KAFKA_BROKERS.split(','),
        clientId: config.KAFKA_CLIENT_ID,
        clock,
        logger,
      });
      const readiness = eventStoreReadiness({ connection: runtime.connection, relay: runtime.relay, clock });
      return { app: buildRegistryApp(runtime.deps, verifier, readiness), close: () => runtime.close() };
    },
  }),
);
