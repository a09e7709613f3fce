import { eventStoreReadiness } from '@peiyu/eventstore';
import { mainOf, runService } from '@peiyu/service-kit';
import { buildAssessmentApp } from './app';
import { AssessmentConfigSchema } from './config';
import { startAssessmentRuntime } from './wiring';

mainOf(() =>
  runService({
    name: 'assessment',
    configSchema: AssessmentConfigSchema,
    start: async ({ config, clock, logger, verifier }) => {
      const runtime = await startAssessmentRuntime({
        mongoUrl: config.MONGO_URL,
        mongoDb: config.MONGO_DB,
        kafkaBrokers: config.KAFKA_BROKERS.split(','),
        clientId: config.KAFKA_CLIENT_ID,
        registrationNumberFormats: config.REGISTRATION_NUMBER_FORMATS,
        clock,
        logger,
      });
      const readiness = eventStoreReadiness({ connection: runtime.connection, relay: runtime.relay, clock });
      return { app: buildAssessmentApp(runtime.deps, verifier, readiness), close: () => runtime.close() };
    },
  }),
);
