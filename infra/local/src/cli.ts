#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { KAFKA_VERSION } from '@peiyu/kafka-real';
import { newcomerLines } from './newcomer';
import { parsePortOverrides } from './ports';
import { loadDemos } from './demo';
import { discoverServices } from './services';
import { startStack, type KafkaKind, type RunningStack } from './stack';

/** The help text lives beside the package (not in dist), so `npm start -- --help` answers before any build. */
const HELP = readFileSync(join(__dirname, '..', 'start-help.txt'), 'utf8').trimEnd();

function kafkaLabel(kind: KafkaKind): string {
  return kind === 'real'
    ? `Apache Kafka ${KAFKA_VERSION}, data in .peiyu/kafka-real; inspect: npm run kafka -- topics --list`
    : 'kafka-lite, data in .peiyu/kafka';
}

function table(stack: RunningStack): string {
  // The portal (a front end) first: it is where people start.
  const fronts = stack.services
    .filter((s) => s.manifest.front)
    .map((s): [string, string] => [s.name, `${s.url}  (open in a browser; demo sign-in in local mode)`]);
  const rows: Array<[string, string]> = [
    ...fronts,
    ['MongoDB', `${stack.mongoUrl}${stack.embedded ? '  (mongo-lite, data in .peiyu/mongo)' : ''}`],
    ['Kafka', `${stack.kafkaBrokers}${stack.embedded ? `  (${kafkaLabel(stack.kafka)})` : ''}`],
    ...(stack.credentials
      ? [
          [
            'credentials',
            '.peiyu/credentials  (Kafka SCRAM principals, MongoDB users; 0600 — see docs/security.md)',
          ] as [string, string],
        ]
      : []),
    ...stack.services
      .filter((s) => !s.manifest.front)
      .map((s): [string, string] => [
        s.name,
        `${s.url}  (health: ${s.url}/healthz, API: ${s.url}/openapi.json)`,
      ]),
    ...newcomerLines(),
    [
      'clock',
      'npm run clock -- --advance 15d   (moves the shared local clock for every service; tokens keep working)',
    ],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  return [
    '',
    'Peiyu local stack is up:',
    ...rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`),
    '',
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      demo: { type: 'boolean', default: false },
      'mongo-port': { type: 'string' },
      kafka: { type: 'string', default: 'lite' },
      'kafka-port': { type: 'string' },
      only: { type: 'string' },
      port: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false, short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const repoRoot = resolve(__dirname, '..', '..', '..');
  const port = (v: string | undefined, name: string) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new Error(`--${name} must be a port number, got "${v}"`);
    return n;
  };
  const kafka = values.kafka;
  if (kafka !== 'lite' && kafka !== 'real')
    throw new Error(`--kafka must be "lite" or "real", got "${kafka}"`);
  const names = [...discoverServices(repoRoot).map((s) => s.name), 'mongo', 'kafka'];
  const ports = parsePortOverrides(values.port, names);
  const { KAFKA_BROKERS, MONGO_URL } = process.env;
  if (!!KAFKA_BROKERS !== !!MONGO_URL) throw new Error('set both KAFKA_BROKERS and MONGO_URL, or neither');
  const stack = await startStack({
    repoRoot,
    // PEIYU_HOME moves keys, clock and embedded data elsewhere, as it does for every service process.
    ...(process.env.PEIYU_HOME ? { homeDir: resolve(process.env.PEIYU_HOME) } : {}),
    mongoPort: ports['mongo'] ?? port(values['mongo-port'], 'mongo-port'),
    kafkaPort: ports['kafka'] ?? port(values['kafka-port'], 'kafka-port'),
    portOverrides: ports,
    // one readable line per request in a terminal; JSON when piped or redirected (for tools)
    humanLogs: process.stdout.isTTY === true,
    kafka,
    only: values.only?.split(',').map((s) => s.trim()),
    external: KAFKA_BROKERS && MONGO_URL ? { kafkaBrokers: KAFKA_BROKERS, mongoUrl: MONGO_URL } : undefined,
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping services, then Kafka and MongoDB…`);
    stack.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  // Services run in their own process groups; never leave one behind, whatever ends the runner.
  process.on('exit', () => stack.killNow());
  process.on('SIGHUP', () => shutdown('SIGHUP'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  if (values.demo) {
    for (const r of await loadDemos(stack, { output: 'inherit', repoRoot }))
      if (r.exitCode !== 0) console.error(`demo data for ${r.service} failed (exit ${r.exitCode})`);
  }
  console.log(table(stack));
}

/**
 * The demo steps in ascending `demoOrder`: each service's loader (its public API) and the recorded history
 * (`DEMO_HISTORY`, the generator's scenarios) for the services present.
 */
main().catch((err: Error) => {
  console.error(`npm start: ${err.message}`);
  process.exit(1);
});
