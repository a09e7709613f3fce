import {
  clockForMode,
  createLogger,
  loadConfigOrExit,
  peiyuMode,
  serve,
  shutdownOnSignals,
  startTelemetry,
  verifierForMode,
} from '@peiyu/service-kit';
import { buildAssessmentApp } from './app';
import { AssessmentConfigSchema } from './config';
import { startAssessmentRuntime } from './wiring';

async function main(): Promise<void> {
  const config = loadConfigOrExit(AssessmentConfigSchema);
  const telemetry = startTelemetry('assessment');
  const mode = peiyuMode();
  const clock = clockForMode(mode);
  const logger = createLogger('assessment');
  const runtime = await startAssessmentRuntime({
    mongoUrl: config.MONGO_URL,
    mongoDb: config.MONGO_DB,
    kafkaBrokers: config.KAFKA_BROKERS.split(','),
    clientId: config.KAFKA_CLIENT_ID,
    registrationNumberFormats: config.REGISTRATION_NUMBER_FORMATS,
    clock,
    logger,
  });
  const app = buildAssessmentApp(runtime.deps, await verifierForMode(mode, clock), [
    { name: 'mongo', check: async () => void (await runtime.connection.db!.command({ ping: 1 })) },
    {
      name: 'outbox',
      // Not ready while the relay cannot reach Kafka for long: events would pile up unpublished.
      check: async () => {
        const lag = await runtime.relay.lag();
        if (lag.oldestRecordedAt && clock.now().getTime() - Date.parse(lag.oldestRecordedAt) > 60_000) {
          throw new Error(`${lag.events} events unpublished for over a minute`);
        }
      },
    },
  ]);
  const running = await serve(app, { port: config.PORT, host: config.HOST, logger });
  running.onShutdown({ name: 'telemetry', close: () => telemetry.shutdown() });
  running.onShutdown({ name: 'runtime', close: () => runtime.close() });
  shutdownOnSignals(running, { logger });
  // The local stack runner waits for this line.
  logger.info({ port: running.port, url: `http://${config.HOST}:${running.port}` }, 'listening');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
