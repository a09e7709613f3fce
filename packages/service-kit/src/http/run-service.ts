import type { Express } from 'express';
import type { z } from 'zod';
import { verifierForMode } from '../auth/for-mode';
import type { TokenVerifier } from '../auth/verifier';
import { clockForMode } from '../clock/for-mode';
import type { Clock } from '../clock/clock';
import { loadConfigOrExit } from '../config/load-config';
import { peiyuMode, type PeiyuMode } from '../mode';
import { startTelemetry } from '../telemetry/start';
import { createLogger, type Logger } from './logging';
import { serve, shutdownOnSignals, type RunningServer } from './serve';

export interface ServiceContext<C> {
  config: C;
  mode: PeiyuMode;
  clock: Clock;
  logger: Logger;
  verifier: TokenVerifier;
}

/** What a service's `start` hands back: its app and what to close after the HTTP server has drained. */
export interface StartedService {
  app: Express;
  close(): Promise<void>;
}

/**
 * The start-up every service shares, in its one right order: validated config (a bad variable stops the process,
 * named), telemetry, mode, clock, logger and token verifier; then the service's own `start`; then serve with
 * graceful shutdown (HTTP drains first, then the service's resources, then telemetry) and the `listening` log
 * line the local stack runner waits for.
 */
export async function runService<
  S extends z.ZodType<{ PORT: number; HOST: string }, Record<string, unknown>>,
>(o: {
  name: string;
  configSchema: S;
  start(ctx: ServiceContext<z.output<S>>): Promise<StartedService>;
}): Promise<RunningServer> {
  const config = loadConfigOrExit(o.configSchema);
  const telemetry = startTelemetry(o.name);
  const mode = peiyuMode();
  const clock = clockForMode(mode);
  const logger = createLogger(o.name);
  const verifier = await verifierForMode(mode, clock);
  const service = await o.start({ config, mode, clock, logger, verifier });
  const running = await serve(service.app, { port: config.PORT, host: config.HOST, logger });
  running.onShutdown({ name: 'telemetry', close: () => telemetry.shutdown() });
  running.onShutdown({ name: o.name, close: () => service.close() });
  shutdownOnSignals(running, { logger });
  logger.info({ port: running.port, url: `http://${config.HOST}:${running.port}` }, 'listening');
  return running;
}

/** Runs a service's main; a failure to start is printed and exits non-zero. */
export function mainOf(main: () => Promise<unknown>): void {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
