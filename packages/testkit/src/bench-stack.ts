import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINE_NODE_ARGS, startBenchServer } from './bench';
import type { OpenLoopOptions } from './open-loop';

/** One service of a bench stack: its `dist/main.js`, started as production starts it, in `replicas` processes. */
export interface BenchServiceSpec {
  name: string;
  main: string;
  replicas?: number;
  /** Variables beyond the stack's own (MONGO_URL, KAFKA_BROKERS, PORT, HOST, PEIYU_MODE, PEIYU_HOME). */
  env?: Record<string, string>;
}

export interface BenchService {
  name: string;
  /** One port per replica; a bench sends request k to `ports[k % ports.length]`. */
  ports: number[];
  pids: number[];
  children: ChildProcess[];
}

/**
 * The engines (mongo-lite, kafka-lite) and the services a command-path bench drives, each in its own process:
 * the services run their own `main` — config, telemetry, access log, local-mode token verification with the dev
 * key under `home`, the shared clock file `home/clock.json` — exactly as `npm start` and the image run them.
 */
export interface BenchStack {
  home: string;
  /** The Node options the services run with (SERVICE_NODE_ARGS). */
  nodeArgs: readonly string[];
  mongoUrl: string;
  kafkaBrokers: string;
  mongo: ChildProcess;
  kafka: ChildProcess;
  services: Map<string, BenchService>;
  /** Every process of the stack by name (`registry`, `registry#2`, `mongo-lite`, …), for CPU and RSS. */
  pids(): Record<string, number>;
  /** What `measureCommandPath` needs of the stack: its processes, which are under test, how they run. */
  measured(services: string[]): Pick<OpenLoopOptions, 'pids' | 'services' | 'context'>;
  close(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Resolves once `/readyz` answers 200 (its store and broker reached); rejects when the process exits first. */
async function ready(child: ChildProcess, port: number, name: string): Promise<void> {
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  for (;;) {
    if (exited !== undefined) throw new Error(`${name} exited ${exited} before it was ready`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startService(
  spec: BenchServiceSpec,
  replica: number,
  stack: { home: string; mongoUrl: string; kafkaBrokers: string; nodeArgs: readonly string[] },
): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  // The log goes to a file, as a container's stdout goes to its collector: one write per line, not read back.
  const log = openSync(join(stack.home, `${spec.name}-${replica}.log`), 'a');
  // e.g. BENCH_SERVICE_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the services of a bench
  const extra = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...stack.nodeArgs, ...extra, spec.main], {
    env: {
      ...process.env,
      ...spec.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MONGO_URL: stack.mongoUrl,
      KAFKA_BROKERS: stack.kafkaBrokers,
      // local mode: dev-key tokens (the bench signs them) and local-mode limits, as `npm start` runs
      PEIYU_MODE: 'local',
      PEIYU_HOME: stack.home,
    },
    stdio: ['ignore', log, 'inherit'],
  });
  closeSync(log);
  await ready(child, port, spec.name);
  return { child, port };
}

/**
 * Starts the engines with ENGINE_NODE_ARGS and then each service (replicas one after another: the first writes
 * the dev signing key the others read) with `nodeArgs` — a bench passes SERVICE_NODE_ARGS.
 */
export async function startBenchStack(o: {
  repoRoot: string;
  nodeArgs: readonly string[];
  services: BenchServiceSpec[];
}): Promise<BenchStack> {
  const home = mkdtempSync(join(tmpdir(), 'peiyu-bench-'));
  const mongo = await startBenchServer(
    join(o.repoRoot, 'infra/mongo-lite/dist/bin.js'),
    // No log compaction during a run: mongo-lite folds its log into a snapshot by rewriting its whole state and
    // stops every command meanwhile (753 ms at 67 MB, inside the statistics bench's measured minute), which a
    // real MongoDB's checkpoints do not. A bench's log stays far below this.
    ['--port', '0', '--data', join(home, 'mongo'), '--compact-mb', String(64 * 1024)],
    /uri=(\S+)/,
  );
  const kafka = await startBenchServer(
    join(o.repoRoot, 'infra/kafka-lite/dist/bin.js'),
    ['--port', '0', '--data', join(home, 'kafka')],
    /"port":(\d+)/,
  );
  const base = { home, mongoUrl: mongo.m[1]!, kafkaBrokers: `127.0.0.1:${kafka.m[1]}`, nodeArgs: o.nodeArgs };
  const services = new Map<string, BenchService>();
  for (const spec of o.services) {
    const started: BenchService = { name: spec.name, ports: [], pids: [], children: [] };
    for (let r = 0; r < Math.max(1, spec.replicas ?? 1); r++) {
      const { child, port } = await startService(spec, r, base);
      started.ports.push(port);
      started.pids.push(child.pid!);
      started.children.push(child);
    }
    services.set(spec.name, started);
  }
  const pids = (): Record<string, number> => {
    const all: Record<string, number> = {};
    for (const s of services.values())
      s.pids.forEach((pid, r) => (all[r === 0 ? s.name : `${s.name}#${r + 1}`] = pid));
    return { ...all, 'mongo-lite': mongo.child.pid!, 'kafka-lite': kafka.child.pid! };
  };
  const stop = (child: ChildProcess): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return {
    ...base,
    mongo: mongo.child,
    kafka: kafka.child,
    services,
    pids,
    measured: (names) => ({
      pids: pids(),
      services: names,
      context: {
        replicas: Object.fromEntries(names.map((n) => [n, services.get(n)?.ports.length ?? 0])),
        service_node_args: o.nodeArgs,
        engine_node_args: ENGINE_NODE_ARGS,
      },
    }),
    close: async () => {
      for (const s of [...services.values()].reverse()) await Promise.all(s.children.map(stop));
      await Promise.all([stop(mongo.child), stop(kafka.child)]);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/**
 * The stack of one service's command-path bench: with `withRegistry`, the registry first (the bench registers
 * its enterprises through it, and the service learns of them from the registry's events on Kafka), then the
 * service from its `dist/main.js` in `replicas` processes.
 */
export function startServiceBench(o: {
  service: string;
  replicas: number;
  nodeArgs: readonly string[];
  withRegistry?: boolean;
}): Promise<BenchStack> {
  const repoRoot = join(__dirname, '..', '..', '..');
  const main = (name: string): string => join(repoRoot, 'services', name, 'dist', 'main.js');
  return startBenchStack({
    repoRoot,
    nodeArgs: o.nodeArgs,
    services: [
      ...(o.withRegistry ? [{ name: 'registry', main: main('registry') }] : []),
      { name: o.service, main: main(o.service), replicas: o.replicas },
    ],
  });
}
