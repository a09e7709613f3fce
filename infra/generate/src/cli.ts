#!/usr/bin/env node
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { generate, runKey } from './generate';
import { areaOf, SCALES, type Scale } from './model';
import { progressReporter } from './progress';
import { publishAll } from './publish';
import { SCENARIOS, scenarioSpec } from './scenario';
import { MongoSink, SERVICE_DBS } from './sink';
import type { RunSpec, ServiceDb } from './units';

const USAGE = `npm run generate -- --scale city|province|national --year 2026 [--seed N] [--area CODE] [--mongo URL]
npm run generate -- --scenario ${Object.keys(SCENARIOS).join('|')} [--seed N] [--mongo URL]

Writes a seeded year of history into each service's event store (peiyu-registry, peiyu-assessment,
peiyu-certification, peiyu-subsidy, peiyu-statistics), unpublished:
the services' outbox relays publish it when they start; with --kafka host:port[,…] the generator runs those
relays itself once the history is written. Without --mongo an embedded mongo-lite runs with its data
in .peiyu/generate/mongo. A rerun with the same arguments resumes after the last finished unit.
--scenario writes a recorded year exactly (its entries per county) beside what the stores already hold,
positions taken from each store's counter (the running services' relays publish it).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string' },
      year: { type: 'string', default: '2026' },
      seed: { type: 'string', default: '1' },
      area: { type: 'string' },
      mongo: { type: 'string' },
      kafka: { type: 'string' },
      scenario: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const scenario = values.scenario === undefined ? undefined : SCENARIOS[values.scenario];
  const valid =
    values.scenario === undefined ? SCALES.includes(values.scale as Scale) : scenario !== undefined;
  if (values.help || !valid) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  if (values.kafka)
    throw new Error('--kafka is not implemented: start the services, their outbox relays publish');
  const spec: RunSpec = scenario
    ? scenarioSpec(scenario, Number(values.seed))
    : {
        seed: Number(values.seed),
        year: Number(values.year),
        area: areaOf(values.scale as Scale, values.area),
      };
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 500);
  // `--mongo env:NAME`: the URL (with credentials) from the environment, kept off the command line.
  const mongo = values.mongo?.startsWith('env:') ? process.env[values.mongo.slice(4)] : values.mongo;
  if (values.mongo && !mongo) throw new Error(`--mongo ${values.mongo}: that variable is not set`);
  const embedded = mongo ? undefined : await startEmbedded();
  const client = await MongoClient.connect(mongo ?? embedded!.uri);
  const started = performance.now();
  try {
    const report = progressReporter();
    const sink = new MongoSink(client);
    const cp = await generate({
      ...spec,
      sink,
      onUnit: report,
      positions: scenario ? 'append' : 'fresh',
    });
    const published = values.kafka
      ? await publishAll(client, values.kafka.split(','), (n) =>
          process.stderr.write(`${JSON.stringify({ published: n })}\n`),
        )
      : 0;
    const seconds = (performance.now() - started) / 1000;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const summary = {
      run: runKey(spec),
      counties: spec.area.counties.length,
      published,
      events: cp.events,
      /** Written by this run: less than `events` when it resumed an earlier one. */
      writtenThisRun: cp.written,
      /** Documents in each events collection: equals `events` (no duplicates) on a database of one run. */
      stored: Object.fromEntries(
        await Promise.all(
          (Object.keys(SERVICE_DBS) as ServiceDb[]).map(async (db) => [db, await sink.count(db)] as const),
        ),
      ),
      bytes: cp.bytes,
      bytesPerEvent: Math.round(cp.bytes / Math.max(cp.events, 1)),
      seconds: Math.round(seconds * 10) / 10,
      eventsPerSecond: Math.round(cp.written / seconds),
      peakRssBytes: peakRss,
      byType: Object.fromEntries(Object.entries(cp.byType).sort()),
    };
    console.log(JSON.stringify(summary, null, 2));
  } finally {
    clearInterval(sampler);
    await client.close();
    await embedded?.stop();
  }
}

async function startEmbedded() {
  const { startMongoLite } = await import('@peiyu/mongo-lite');
  const dataDir = join(process.cwd(), '.peiyu', 'generate', 'mongo');
  mkdirSync(dataDir, { recursive: true });
  return startMongoLite({ port: 0, dataDir, log: () => undefined });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
