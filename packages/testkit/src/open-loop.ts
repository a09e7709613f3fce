import { Agent, request } from 'node:http';
import type { CommandPathArgs } from './bench-args';
import { emitBenchLine, processCpuMicros, processPeakRssMb } from './bench';

/** One command of an open-loop run: an HTTP request and where its effect shows in a read model. */
export interface BenchCommand {
  port: number;
  method: 'POST' | 'PUT';
  path: string;
  body: unknown;
  token: string;
  /** The read model's key for this command's effect; `visible` is asked for it once the command answers. */
  visibleKey: string;
}

export interface OpenLoopOptions {
  /** What is measured, e.g. "registration by a county bureau" (on every line). */
  command: string;
  /** Rate, seconds, warm-up seconds, per-second series (`commandPathArgs()`). */
  args: Pick<CommandPathArgs, 'rate' | 'seconds' | 'warmup' | 'series'>;
  /** The k-th command (k from 0; the warm-up takes serials after the measured run's). */
  make(k: number): BenchCommand;
  /** The HTTP status of a command that succeeded (201 for a creation, 200 for an update). */
  okStatus: number;
  /** Of `keys`, those the read model shows now (a bench polls this every 10 ms). */
  visible(keys: string[]): Promise<string[]>;
  /** Every process of the stack by name, for CPU per command and peak RSS. */
  pids: Record<string, number>;
  /** The services under test (their CPU is the headline figure): `pids` names, each with its replicas (`name#2`). */
  services: string[];
  /** The engine's admin database (a MongoClient's `db('admin')`): its `serverStatus` counts the commands. */
  admin: { command(c: Record<string, unknown>): Promise<Record<string, unknown>> };
  /** Fields added to the latency line (e.g. replicas, node args). */
  context?: Record<string, unknown>;
}

export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0
    ? NaN
    : Number(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!.toFixed(1));

/** The `code` of a problem+json body, or what the body begins with. */
function problemCode(chunks: Buffer[]): string {
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return String((JSON.parse(text) as { code?: unknown }).code);
  } catch {
    return text.slice(0, 60);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Sends commands and records each one's latency from its scheduled send, its status and its visibility. */
class LoadGenerator {
  readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });
  latencies: number[] = [];
  /** [scheduled offset ms, latency ms], for the per-second series. */
  series: Array<[number, number]> = [];
  statuses = new Map<string, number>();
  visibleMs: number[] = [];
  /** visible key → scheduled send time, until the read model shows it. */
  waiting = new Map<string, number>();
  done = 0;
  t0 = performance.now();
  polls = 0;
  private polling = true;
  private poller?: Promise<void>;

  constructor(private readonly o: OpenLoopOptions) {}

  send(k: number, scheduled: number): void {
    const c = this.o.make(k);
    const body = JSON.stringify(c.body);
    const count = (key: string): void => void this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
    const req = request(
      {
        host: '127.0.0.1',
        port: c.port,
        method: c.method,
        path: c.path,
        agent: this.agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${c.token}`,
        },
      },
      (res) => {
        // a refusal is counted by its problem code (e.g. "409 concurrent_update"), a success by its status
        const ok = res.statusCode === this.o.okStatus;
        const chunks: Buffer[] = [];
        if (ok) res.resume();
        else res.on('data', (b: Buffer) => chunks.push(b));
        res.on('end', () => {
          const ms = performance.now() - scheduled;
          this.latencies.push(ms);
          this.series.push([scheduled - this.t0, ms]);
          count(ok ? String(res.statusCode) : `${res.statusCode} ${problemCode(chunks)}`);
          if (ok) this.waiting.set(c.visibleKey, scheduled);
          this.done++;
        });
      },
    );
    req.on('error', (err) => {
      count(err.message);
      this.done++;
    });
    req.end(body);
  }

  startPolling(): void {
    this.poller = (async () => {
      while (this.polling || this.waiting.size > 0) {
        if (this.waiting.size > 0) {
          this.polls++;
          const seen = await this.o.visible([...this.waiting.keys()]);
          const now = performance.now();
          for (const key of seen) {
            const at = this.waiting.get(key);
            if (at === undefined) continue;
            this.visibleMs.push(now - at);
            this.waiting.delete(key);
          }
        }
        await sleep(10);
      }
    })();
  }

  /** Waits until every command answered is visible, for at most `ms`; returns how many were not. */
  async settle(ms: number): Promise<number> {
    const until = performance.now() + ms;
    while (this.waiting.size > 0 && performance.now() < until) await sleep(20);
    const stuck = this.waiting.size;
    this.waiting.clear();
    return stuck;
  }

  async stop(): Promise<void> {
    this.polling = false;
    await this.poller;
    this.agent.destroy();
  }

  /** Sends `count` commands open loop (command i at t0 + i/rate, answered or not) from serial `first`. */
  async openLoop(first: number, count: number): Promise<{ sentAt: number; late: number }> {
    this.latencies = [];
    this.series = [];
    this.statuses.clear();
    this.done = 0;
    this.t0 = performance.now();
    let late = 0;
    for (let i = 0; i < count; i++) {
      const at = this.t0 + (i * 1000) / this.o.args.rate;
      const wait = at - performance.now();
      if (wait > 1) await sleep(wait);
      else if (wait < -10) late++;
      this.send(first + i, at);
    }
    const sentAt = performance.now();
    while (this.done < count) await sleep(20);
    return { sentAt, late };
  }
}

function emitSeries(command: string, series: Array<[number, number]>): void {
  const bySecond = new Map<number, number[]>();
  for (const [at, ms] of series) {
    const s = Math.floor(at / 1000);
    bySecond.set(s, [...(bySecond.get(s) ?? []), ms]);
  }
  for (const [s, ms] of [...bySecond].sort((a, b) => a[0] - b[0])) {
    ms.sort((a, b) => a - b);
    emitBenchLine('command_latency_second', s, {
      command,
      requests: ms.length,
      p50_ms: percentile(ms, 0.5),
      p99_ms: percentile(ms, 0.99),
      max_ms: percentile(ms, 1),
    });
  }
}

const serverCommands = async (admin: OpenLoopOptions['admin']): Promise<Record<string, { total: number }>> =>
  (
    (await admin.command({ serverStatus: 1 })) as {
      metrics?: { commands?: Record<string, { total: number }> };
    }
  ).metrics?.commands ?? {};

const cpuOf = (pids: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, processCpuMicros(pid)]));

/**
 * The command path under open-loop load (issue 19 §2): `rate` commands a second for `seconds`, each sent on
 * schedule whether or not earlier ones have answered, after `warmup` seconds at the same rate. Prints JSON lines:
 * latency from each command's scheduled send (queueing in the generator counts), errors (every status but
 * `okStatus`, by problem code), command-to-read-model visibility, CPU per command of every process, the
 * engine's commands per command, and peak RSS. Returns the measured run's p99 and error count.
 */
export async function measureCommandPath(o: OpenLoopOptions): Promise<{ p99: number; errors: number }> {
  const { rate, seconds, warmup, series } = o.args;
  const gen = new LoadGenerator(o);
  const underTest = Object.keys(o.pids).filter((n) => o.services.includes(n.split('#')[0]!));
  const total = Math.round(rate * seconds);
  gen.startPolling();
  // First commands one at a time, not measured: connections, JIT, the first documents of each collection.
  for (let k = 0; k < 20; k++) {
    const before = gen.done;
    gen.send(total + k, performance.now());
    while (gen.done === before) await sleep(5);
  }
  if (warmup > 0) {
    const count = Math.round(rate * warmup);
    await gen.openLoop(total + 20, count);
    const sorted = gen.latencies.sort((a, b) => a - b);
    emitBenchLine('command_latency_warmup_ms_p99', percentile(sorted, 0.99), {
      command: o.command,
      p50_ms: percentile(sorted, 0.5),
      max_ms: percentile(sorted, 1),
      seconds: warmup,
      requests: count,
      statuses: Object.fromEntries(gen.statuses),
      note: 'the warm-up at the target rate before the measured run (not in the figures below)',
    });
  }
  await gen.settle(30_000);
  gen.visibleMs = [];
  const commands0 = await serverCommands(o.admin);
  const polls0 = gen.polls;
  const cpu0 = cpuOf(o.pids);
  const self0 = process.cpuUsage();
  const { sentAt, late } = await gen.openLoop(0, total);
  const stuck = await gen.settle(30_000);
  await gen.stop();
  const cpu1 = cpuOf(o.pids);
  const commands1 = await serverCommands(o.admin);

  if (series) emitSeries(o.command, gen.series);
  const latencies = gen.latencies.sort((a, b) => a - b);
  const visible = gen.visibleMs.sort((a, b) => a - b);
  const errors = total - (gen.statuses.get(String(o.okStatus)) ?? 0);
  const p99 = percentile(latencies, 0.99);
  emitBenchLine('command_latency_ms_p99', p99, {
    command: o.command,
    p50_ms: percentile(latencies, 0.5),
    p90_ms: percentile(latencies, 0.9),
    max_ms: percentile(latencies, 1),
    target_rate_per_s: rate,
    seconds,
    requests: total,
    sent_rate_per_s: Number((total / ((sentAt - gen.t0) / 1000)).toFixed(1)),
    late_sends: late,
    errors,
    statuses: Object.fromEntries(gen.statuses),
    target_p99_ms: 50,
    ...o.context,
  });
  emitBenchLine('visibility_ms_p99', percentile(visible, 0.99), {
    command: o.command,
    p50_ms: percentile(visible, 0.5),
    max_ms: percentile(visible, 1),
    seen: visible.length,
    not_seen_after_30s: stuck,
    poll_ms: 10,
    target_ms: 1000,
  });
  const per = (n: number): number => Number((n / total).toFixed(2));
  const polls = gen.polls - polls0;
  // the generator's own visibility finds are taken out of the engine's counts
  const engine = Object.fromEntries(
    Object.entries(commands1)
      .map(([n, c]) => [n, per(c.total - (commands0[n]?.total ?? 0) - (n === 'find' ? polls : 0))] as const)
      .filter(([n, v]) => v > 0 && !['ismaster', 'hello', 'serverStatus'].includes(n)),
  );
  const cpu = Object.fromEntries(
    Object.keys(o.pids).map((n) => [n, Math.round((cpu1[n]! - cpu0[n]!) / total)]),
  );
  const self = process.cpuUsage(self0);
  emitBenchLine(
    'cpu_micros_per_command',
    underTest.reduce((sum, n) => sum + cpu[n]!, 0),
    {
      command: o.command,
      process: underTest.join(' + '),
      ...cpu,
      // this process: the HTTP client and the visibility poll, on the same cores
      'load-generator': Math.round((self.user + self.system) / total),
      mongo_commands_per_command: engine,
      mongo_round_trips_per_command: Number(
        Object.values(engine)
          .reduce((a, b) => a + b, 0)
          .toFixed(2),
      ),
      generator_visibility_finds_per_command: per(polls),
      note: 'CPU time per command (incl. relay, projections and consumers); mongo-lite incl. the visibility finds',
    },
  );
  emitBenchLine('peak_rss_mb', Math.max(...underTest.map((n) => processPeakRssMb(o.pids[n]) ?? 0)), {
    command: o.command,
    process: underTest.join(' + '),
    ...Object.fromEntries(Object.entries(o.pids).map(([n, pid]) => [n, processPeakRssMb(pid)])),
    'load-generator': Math.round(process.resourceUsage().maxRSS / 1024),
  });
  return { p99, errors };
}

/** A JSON request's status and parsed body (a bench's seeding and look-ups; not measured). */
export async function benchRequest(
  port: number,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: res.status, body: parsed };
}

/**
 * Runs `count` tasks with at most `concurrency` in flight (closed loop: a bench's seeding, e.g. registering the
 * enterprises whose commands it then measures). A task that throws stops the run.
 */
export async function closedLoop(
  count: number,
  concurrency: number,
  task: (k: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/**
 * Waits until `count()` reaches `target` (e.g. a consumer's view holding every enterprise a bench registered),
 * polling every 250 ms and printing progress on stderr; throws after `timeoutMs`.
 */
export async function awaitCount(
  what: string,
  target: number,
  count: () => Promise<number>,
  timeoutMs = 600_000,
): Promise<void> {
  const until = performance.now() + timeoutMs;
  for (let last = -1; ; await sleep(250)) {
    const seen = await count();
    if (seen >= target) return;
    if (performance.now() > until) throw new Error(`${what}: ${seen}/${target} after ${timeoutMs} ms`);
    if (seen !== last) process.stderr.write(`${what}: ${seen}/${target}\n`);
    last = seen;
  }
}
