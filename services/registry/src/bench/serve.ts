/**
 * The registry as the command-path bench drives it (`command-path.ts` spawns this): the production runtime —
 * MongoDB event store, outbox relay to Kafka, directory read model — behind the real HTTP app, with local-mode
 * token verification (ES256, the dev key in BENCH_KEY_DIR). Reports its port over IPC.
 */
import { openSync, writeSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createLogger, loadDevKeys, localVerifier, systemClock } from '@peiyu/service-kit';
import { buildRegistryApp } from '../app';
import { startRegistryRuntime } from '../wiring';

async function main(): Promise<void> {
  const env = process.env;
  // One synchronous write per line, as pino's default destination (stdout) does in production.
  const fd = openSync(env.BENCH_LOG_FILE ?? '/dev/null', 'a');
  const logger = createLogger('registry', {}, { write: (line: string) => void writeSync(fd, line) });
  const runtime = await startRegistryRuntime({
    mongoUrl: env.MONGO_URL!,
    mongoDb: env.MONGO_DB ?? 'peiyu-registry',
    kafkaBrokers: env.KAFKA_BROKERS!.split(','),
    clientId: 'registry-bench',
    clock: systemClock,
    logger,
  });
  const keys = await loadDevKeys(env.BENCH_KEY_DIR);
  const app = buildRegistryApp(runtime.deps, localVerifier(keys, systemClock));
  const server = app.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as AddressInfo).port });
  });
  process.on('message', (m) => {
    if (m !== 'usage') return;
    const u = process.resourceUsage();
    process.send?.({
      peakRssMb: Math.round(u.maxRSS / 1024),
      cpuMicros: u.userCPUTime + u.systemCPUTime,
      systemMicros: u.systemCPUTime,
    });
  });
  process.once('SIGTERM', () => {
    server.close();
    void runtime.close().finally(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
