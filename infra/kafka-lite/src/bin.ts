#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { readAuthConfig, startKafkaLite } from './index';

/**
 * `kafka-lite --port 9092 --data .peiyu/kafka [--auth .peiyu/kafka-auth.json]`: prints one JSON line with where
 * it listens; stops on SIGTERM. `--auth` names a JSON file of users and ACLs (see README).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9092' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      partitions: { type: 'string', default: '1' },
      auth: { type: 'string' },
    },
  });
  const auth = values.auth ? await readAuthConfig(values.auth) : undefined;
  const broker = await startKafkaLite({
    port: Number(values.port),
    host: values.host,
    dataDir: values.data,
    defaultPartitions: Number(values.partitions),
    auth,
  });
  process.stdout.write(
    JSON.stringify({
      event: 'kafka-lite.listening',
      port: broker.port,
      brokers: broker.brokers,
      data: values.data ?? null,
      auth: auth ? { users: auth.users.length, acls: auth.acls.length, mechanisms: auth.mechanisms } : null,
    }) + '\n',
  );
  const shutdown = () => {
    void broker.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((e: unknown) => {
  process.stderr.write(`kafka-lite failed to start: ${String(e)}\n`);
  process.exit(1);
});
