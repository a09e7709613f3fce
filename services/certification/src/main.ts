import { eventStoreReadiness } from '@peiyu/eventstore';
import { mainOf, runService } from '@peiyu/service-kit';
import { buildCertificationApp } from './app';
import { CertificationConfigSchema } from './config';
import { startCertificationRuntime } from './wiring';

mainOf(() =>
  runService({
    name: 'certification',
    configSchema: CertificationConfigSchema,
    start: async ({ config, clock, logger, verifier }) => {
      const runtime = await startCertificationRuntime({
        mongoUrl: config.MONGO_URL,
        mongoDb: config.MONGO_DB,
        kafkaBrokers: config.KAFKA_BROKERS.split(','),
        clientId: config.KAFKA_CLIENT_ID,
        clock,
        logger,
      });
      const readiness = eventStoreReadiness({ connection: runtime.connection, relay: runtime.relay, clock });
      return { app: buildCertificationApp(runtime.deps, verifier, readiness), close: () => runtime.close() };
    },
  }),
);
