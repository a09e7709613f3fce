import { eventStoreReadiness } from '@peiyu/eventstore';
import { mainOf, runService } from '@peiyu/service-kit';
import { buildStatisticsApp } from './app';
import { StatisticsConfigSchema } from './config';
import { startStatisticsRuntime } from './wiring';

mainOf(() =>
  runService({
    name: 'statistics',
    configSchema: StatisticsConfigSchema,
    start: async ({ config, clock, logger, verifier }) => {
      const runtime = await startStatisticsRuntime({
        mongoUrl: config.MONGO_URL,
        mongoDb: config.MONGO_DB,
        kafkaBrokers: config.KAFKA_BROKERS.split(','),
        clientId: config.KAFKA_CLIENT_ID,
        clock,
        logger,
      });
      const readiness = eventStoreReadiness({ connection: runtime.connection, relay: runtime.relay, clock });
      return { app: buildStatisticsApp(runtime.deps, verifier, readiness), close: () => runtime.close() };
    },
  }),
);
