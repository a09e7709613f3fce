#!/usr/bin/env node
import { readUsersFile } from './auth/users';
import { startMongoLite } from './server';

/**
 * `mongo-lite --port 27017 --data .peiyu/mongo [--host 127.0.0.1] [--replSet rs0] [--users users.json]
 * [--compact-mb 64]` (the log's size before it is folded into the snapshot, at least the snapshot's size)
 */
function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('--')) continue;
    const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    out[k] = inline ?? argv[++i] ?? '';
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const server = await startMongoLite({
    port: args.port === undefined ? 27017 : Number(args.port),
    host: args.host,
    dataDir: args.data || undefined,
    replSetName: args.replSet,
    auth: args.users ? readUsersFile(args.users) : undefined,
    ...(args['compact-mb'] ? { compactBytes: Number(args['compact-mb']) * 1024 * 1024 } : {}),
  });
  // One parsable line: tests and tools read the port from it.
  process.stdout.write(
    `mongo-lite listening port=${server.port} uri=${server.uri}${args.data ? ` data=${args.data}` : ''}${args.users ? ' auth=scram-sha-256' : ''}\n`,
  );
  const shutdown = (signal: string): void => {
    process.stdout.write(`mongo-lite stopping on ${signal}\n`);
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`mongo-lite failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
