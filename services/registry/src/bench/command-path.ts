/**
 * Command path under open-loop load (issue 19 §2): registrations by county bureaus sent on a fixed schedule —
 * request k leaves at t0 + k/rate whether or not earlier ones have answered — against the registry in its own
 * process (serve.ts) on mongo-lite (durable, own process) and kafka-lite (own process), both started with
 * testkit's ENGINE_NODE_ARGS (a stand-in's full garbage collections are not the service's latency).
 *
 *   node dist/bench/command-path.js [--rate 200] [--seconds 60] [--warmup 10] [--replicas 1] [--cpu-prof]
 *     [--series]
 *
 * The measured run follows `--warmup` seconds at the same rate (a service that has been running: JIT-compiled,
 * its collections and pools warm), reported on a line of their own; `--warmup 0` measures from a cold start.
 * `--series` adds one line per second of the measured run (p50, p99, max), to tell a spread tail from stalls.
 *
 * `--replicas N` runs N registry processes on the same database and broker, as the province profile does
 * (compose.province.yml: two replicas behind round robin); the generator sends request k to replica k mod N.
 *
 * Prints JSON lines: latency percentiles measured from each request's scheduled send (so queueing in the
 * generator counts), errors, command-to-read-model visibility (the directory document appearing, polled every
 * 10 ms), the peak RSS of every process, and the machine's load average.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ProjectionCatalog } from '@peiyu/eventstore';
import { SERVICE_NODE_ARGS } from '@peiyu/local';
import { exampleUscc } from '@peiyu/policy';
import { loadDevKeys, signLocalToken, systemClock } from '@peiyu/service-kit';
import { MongoClient } from 'mongodb';
import { Agent, request } from 'node:http';
import { DIRECTORY } from '../read-models/enterprise-directory';
import {
  emitBenchLine,
  ENGINE_NODE_ARGS,
  processCpuMicros,
  processPeakRssMb,
  startBenchServer,
} from '@peiyu/testkit';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    replicas: { type: 'string', default: '1' },
    'cpu-prof': { type: 'boolean', default: false },
    series: { type: 'boolean', default: false },
    // Seconds at the target rate before the measured run (JIT, collections, pools), reported on their own line.
    warmup: { type: 'string', default: '10' },
  },
});
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const REPLICAS = Math.max(1, Number(args.replicas));
const WARMUP_SECONDS = Math.max(0, Number(args.warmup));
// 平顶山's counties take turns: a county bureau registers in its own county.
const COUNTIES = ['410402', '410403', '410404', '410411', '410421', '410422', '410423', '410425', '410481'];

const emit = emitBenchLine;

interface Usage {
  peakRssMb: number;
  cpuMicros: number;
  /** Of cpuMicros, the kernel's (socket writes and reads: one per MongoDB round trip). */
  systemMicros: number;
}

/** The `code` of a problem+json body, or what the body begins with. */
function problemCode(chunks: Buffer[]): string {
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return String((JSON.parse(text) as { code?: unknown }).code);
  } catch {
    return text.slice(0, 60);
  }
}

const pct = (sorted: number[], p: number): number =>
  sorted.length === 0
    ? NaN
    : Number(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!.toFixed(1));

/** Per second of the schedule: requests, p50, p99 and max latency — shows whether the tail is spread or stalls. */
function emitSeries(series: Array<[number, number]>): void {
  const bySecond = new Map<number, number[]>();
  for (const [at, ms] of series) {
    const s = Math.floor(at / 1000);
    bySecond.set(s, [...(bySecond.get(s) ?? []), ms]);
  }
  for (const [s, ms] of [...bySecond].sort((a, b) => a[0] - b[0])) {
    ms.sort((a, b) => a - b);
    emit('command_latency_second', s, {
      requests: ms.length,
      p50_ms: pct(ms, 0.5),
      p99_ms: pct(ms, 0.99),
      max_ms: pct(ms, 1),
    });
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'registry-bench-'));
  const root = join(__dirname, '..', '..', '..', '..');
  const mongo = await startBenchServer(
    join(root, 'infra/mongo-lite/dist/bin.js'),
    ['--port', '0', '--data', join(dir, 'mongo')],
    /uri=(\S+)/,
  );
  const kafka = await startBenchServer(
    join(root, 'infra/kafka-lite/dist/bin.js'),
    ['--port', '0', '--data', join(dir, 'kafka')],
    /"port":(\d+)/,
  );
  const mongoUrl = mongo.m[1]!;
  const startReplica = async (): Promise<{ child: ChildProcess; port: number }> => {
    const child = fork(join(__dirname, 'serve.js'), [], {
      // the Node options every service runs with, as `npm start` and the image start it
      execArgv: [
        ...SERVICE_NODE_ARGS,
        ...(args['cpu-prof']
          ? ['--cpu-prof', `--cpu-prof-dir=${join(process.cwd(), 'bench-profiles')}`]
          : []),
      ],
      env: {
        ...process.env,
        MONGO_URL: mongoUrl,
        MONGO_DB: 'peiyu-registry',
        // as `npm start` runs it (local-mode limits; production's 20 auth failures a minute per address would
        // throttle one load generator)
        PEIYU_MODE: 'local',
        KAFKA_BROKERS: `127.0.0.1:${kafka.m[1]}`,
        BENCH_KEY_DIR: join(dir, 'keys'),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m) => resolve((m as { port: number }).port));
      child.once('exit', (code) => reject(new Error(`registry exited ${code}`)));
    });
    return { child, port };
  };
  // one after another: the first writes the signing keys the others read
  const replicas: Array<{ child: ChildProcess; port: number }> = [];
  for (let r = 0; r < REPLICAS; r++) replicas.push(await startReplica());
  const keys = await loadDevKeys(join(dir, 'keys'));
  const tokens = new Map<string, string>();
  for (const county of COUNTIES)
    tokens.set(
      county,
      await signLocalToken(keys, {
        principal: { sub: `bench-${county}`, role: 'county_reviewer', region: county },
        ttlMs: 3_600_000,
        clock: systemClock,
      }),
    );
  const client = await new MongoClient(mongoUrl).connect();
  // The directory's live collection, as the registry's queries find it (the projection catalog's pointer).
  const live = await new ProjectionCatalog(client.db('peiyu-registry') as never).liveName(DIRECTORY);
  const directory = client.db('peiyu-registry').collection<{ uscc: string }>(live);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });

  let t0 = performance.now();
  const latencies: number[] = [];
  /** [scheduled offset ms, latency ms] of each request, for the per-second series (--series). */
  const series: Array<[number, number]> = [];
  const visible: number[] = [];
  const statuses = new Map<string, number>();
  const waiting = new Map<string, number>(); // uscc → scheduled send time
  let done = 0;
  const total = Math.round(RATE * SECONDS);
  const post = (k: number, scheduled: number): void => {
    const county = COUNTIES[k % COUNTIES.length]!;
    const { port } = replicas[k % REPLICAS]!;
    const uscc = exampleUscc(county, 100_000 + k);
    const body = JSON.stringify({
      uscc,
      name: `压测第${k}号科技有限公司`,
      countyCode: county,
      foundedOn: '2019-05-20',
      contact: { name: '张三', phone: '0375-1234567', email: 'bench@example.cn' },
    });
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v1/enterprises',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${tokens.get(county)}`,
        },
      },
      (res) => {
        // a refusal is counted by its problem code (e.g. "409 concurrent_update"), an answer by its status
        const chunks: Buffer[] = [];
        if (res.statusCode === 201) res.resume();
        else res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          latencies.push(performance.now() - scheduled);
          series.push([scheduled - t0, performance.now() - scheduled]);
          const key = res.statusCode === 201 ? '201' : `${res.statusCode} ${problemCode(chunks)}`;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
          if (res.statusCode === 201) waiting.set(uscc, scheduled);
          done++;
        });
      },
    );
    req.on('error', (err) => {
      statuses.set(err.message, (statuses.get(err.message) ?? 0) + 1);
      done++;
    });
    req.end(body);
  };

  let polling = true;
  let pollFinds = 0; // the generator's own finds, told apart from the registry's in the server's counts
  const poller = (async () => {
    while (polling || waiting.size > 0) {
      if (waiting.size > 0) {
        pollFinds++;
        const found = await directory
          .find({ uscc: { $in: [...waiting.keys()] } }, { projection: { _id: 0, uscc: 1 } })
          .toArray();
        const now = performance.now();
        for (const d of found) {
          visible.push(now - waiting.get(d.uscc)!);
          waiting.delete(d.uscc);
        }
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  })();

  const usageOf = (child: ChildProcess): Promise<Usage> =>
    new Promise((resolve) => {
      child.once('message', (m) => resolve(m as Usage));
      child.send('usage');
    });
  /** The replicas' CPU summed, their peak RSS the largest (each is listed in the RSS line). */
  const usage = async (): Promise<Usage & { peaks: number[] }> => {
    const all = await Promise.all(replicas.map((r) => usageOf(r.child)));
    return {
      cpuMicros: all.reduce((a, u) => a + u.cpuMicros, 0),
      systemMicros: all.reduce((a, u) => a + u.systemMicros, 0),
      peakRssMb: Math.max(...all.map((u) => u.peakRssMb)),
      peaks: all.map((u) => u.peakRssMb),
    };
  };
  // Warm-up, not measured: connections, JIT, the first documents of each collection.
  for (let k = 0; k < 20; k++) {
    await new Promise<void>((resolve) => {
      const before = done;
      post(total + k, performance.now());
      const check = (): void => void (done > before ? resolve() : setTimeout(check, 5));
      check();
    });
  }
  /** Sends `count` registrations open loop (request i at start + i/rate) from serial `first`; waits for all. */
  const openLoop = async (first: number, count: number) => {
    latencies.length = 0;
    series.length = 0;
    statuses.clear();
    done = 0;
    t0 = performance.now();
    let late = 0;
    for (let i = 0; i < count; i++) {
      const at = t0 + (i * 1000) / RATE;
      const wait = at - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      else if (wait < -10) late++;
      post(first + i, at);
    }
    const sentAt = performance.now();
    while (done < count) await new Promise((r) => setTimeout(r, 20));
    return { sentAt, late };
  };
  if (WARMUP_SECONDS > 0) {
    const count = Math.round(RATE * WARMUP_SECONDS);
    await openLoop(total + 20, count);
    latencies.sort((a, b) => a - b);
    emit('command_latency_warmup_ms_p99', pct(latencies, 0.99), {
      p50_ms: pct(latencies, 0.5),
      max_ms: pct(latencies, 1),
      seconds: WARMUP_SECONDS,
      requests: count,
      note: 'the warm-up at the target rate before the measured run (not in the figures below)',
    });
  }
  const settleWarmup = performance.now() + 30_000;
  while (waiting.size > 0 && performance.now() < settleWarmup) await new Promise((r) => setTimeout(r, 20));
  visible.length = 0;
  waiting.clear();
  const mongoCommands = async (): Promise<Record<string, { total: number }>> =>
    ((await client.db('admin').command({ serverStatus: 1 })).metrics?.commands ?? {}) as Record<
      string,
      { total: number }
    >;
  const commands0 = await mongoCommands();
  const pollFinds0 = pollFinds;
  const usage0 = await usage();
  const cpu0 = {
    registry: usage0.cpuMicros,
    mongo: processCpuMicros(mongo.child.pid),
    kafka: processCpuMicros(kafka.child.pid),
    generator: process.cpuUsage(),
  };
  const { sentAt: sent, late: lateSends } = await openLoop(0, total);
  const settle = performance.now() + 30_000;
  while (waiting.size > 0 && performance.now() < settle) await new Promise((r) => setTimeout(r, 20));
  polling = false;
  const stuck = waiting.size;
  waiting.clear();
  await poller;

  if (args.series) emitSeries(series);
  latencies.sort((a, b) => a - b);
  visible.sort((a, b) => a - b);
  const errors = total - (statuses.get('201') ?? 0);
  emit('command_latency_ms_p99', pct(latencies, 0.99), {
    p50_ms: pct(latencies, 0.5),
    p90_ms: pct(latencies, 0.9),
    max_ms: pct(latencies, 1),
    target_rate_per_s: RATE,
    seconds: SECONDS,
    registry_replicas: REPLICAS,
    requests: total,
    sent_rate_per_s: Number((total / ((sent - t0) / 1000)).toFixed(1)),
    late_sends: lateSends,
    errors,
    statuses: Object.fromEntries(statuses),
    target_p99_ms: 50,
  });
  emit('visibility_ms_p99', pct(visible, 0.99), {
    p50_ms: pct(visible, 0.5),
    max_ms: pct(visible, 1),
    seen: visible.length,
    not_seen_after_30s: stuck,
    poll_ms: 10,
    target_ms: 1000,
  });
  const end = await usage();
  const commands1 = await mongoCommands();
  const polls = pollFinds - pollFinds0;
  const perRegistration = Object.fromEntries(
    Object.entries(commands1)
      .map(([n, c]) => {
        const count = c.total - (commands0[n]?.total ?? 0) - (n === 'find' ? polls : 0);
        return [n, Number((count / total).toFixed(2))] as const;
      })
      .filter(([, v]) => v > 0),
  );
  const registryCommands = Object.entries(perRegistration)
    .filter(([n]) => !['ismaster', 'hello', 'serverStatus'].includes(n))
    .reduce((sum, [, v]) => sum + v, 0);
  const perCommand = (micros: number): number => Math.round(micros / total);
  emit('cpu_micros_per_command', perCommand(end.cpuMicros - cpu0.registry), {
    process: REPLICAS > 1 ? `registry (${REPLICAS} replicas, summed)` : 'registry',
    registry_node_args: SERVICE_NODE_ARGS,
    engine_node_args: ENGINE_NODE_ARGS,
    registry_system: perCommand(end.systemMicros - usage0.systemMicros),
    'mongo-lite': perCommand(processCpuMicros(mongo.child.pid) - cpu0.mongo),
    'kafka-lite': perCommand(processCpuMicros(kafka.child.pid) - cpu0.kafka),
    // this process: the HTTP client and the visibility poll, on the same two cores
    'load-generator': perCommand(((u) => u.user + u.system)(process.cpuUsage(cpu0.generator))),
    note: "CPU time per command (incl. relay and projection; mongo-lite's incl. the generator's visibility finds), robust to the load average; mongo commands are the registry's (those finds taken out)",
    mongo_commands_per_registration: perRegistration,
    mongo_round_trips_per_registration: Number(registryCommands.toFixed(2)),
    generator_visibility_finds_per_registration: Number((polls / total).toFixed(2)),
  });
  emit('peak_rss_mb', end.peakRssMb, {
    process: 'registry',
    ...(REPLICAS > 1 ? { registry_replicas_mb: end.peaks } : {}),
    'mongo-lite': processPeakRssMb(mongo.child.pid),
    'kafka-lite': processPeakRssMb(kafka.child.pid),
    'load-generator': Math.round(process.resourceUsage().maxRSS / 1024),
  });
  await client.close();
  agent.destroy();
  for (const { child } of replicas)
    await new Promise((r) => {
      child.once('exit', r);
      child.kill('SIGTERM');
    });
  mongo.child.kill('SIGTERM');
  kafka.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
