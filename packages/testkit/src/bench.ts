import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/**
 * One benchmark figure as a JSON line on stdout (`npm run bench`). The machine is shared: every line carries
 * the load average it was measured under (1/5/15 min), this process's peak RSS so far and the Node options it
 * runs with (a service's `--max-semi-space-size` moves the read figures), so a figure is never read without its
 * conditions.
 */
export function emitBenchLine(metric: string, value: unknown, extra: Record<string, unknown> = {}): void {
  const line = {
    metric,
    value,
    ...extra,
    loadavg: loadavg().map((l) => Number(l.toFixed(2))),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    node_args: process.execArgv,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/**
 * The Node options of an embedded engine (mongo-lite, kafka-lite) a bench starts as its own process. mongo-lite
 * keeps its data on the heap, which grows with every write, and from V8's small starting limit it marked the
 * whole heap every 2–6 seconds while it grew: 18 full collections in the command-path bench's 80 seconds, each
 * taking a core of the two from the registry under load for tens of milliseconds — a cost of the JavaScript
 * stand-in that MongoDB and Kafka do not have. With a 512 MB start it did 2–3 (issue 19 §2;
 * `docs/performance.md`, "Eighth round"). A province with every service's events (840,707) takes mongo-lite
 * 7.2 GB of RSS, past V8's default limit of 4 GB, where the rebuild bench's server ran out of memory. `npm start`
 * runs the engines inside its runner process instead.
 */
export const ENGINE_NODE_ARGS: readonly string[] = [
  '--initial-old-space-size=512',
  '--max-old-space-size=12288',
];

/**
 * Starts a Node bin (an embedded server: mongo-lite, kafka-lite) as its own process with ENGINE_NODE_ARGS, as a
 * database runs beside its services, and resolves once its stdout matches `ready` (e.g. `/uri=(\S+)/`), with
 * the match.
 */
export function startBenchServer(
  bin: string,
  argv: string[],
  ready: RegExp,
): Promise<{ child: ChildProcess; m: RegExpExecArray }> {
  // e.g. BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the servers of a bench
  const nodeArgs = [
    ...ENGINE_NODE_ARGS,
    ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ];
  const child = spawn(process.execPath, [...nodeArgs, bin, ...argv], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) resolve({ child, m });
    });
    child.once('exit', (code) => reject(new Error(`${bin} exited ${code}`)));
  });
}

/** CPU time (user + system) of a process so far, in microseconds, from /proc (clock ticks of 10 ms). */
export function processCpuMicros(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** Peak RSS (VmHWM) of a running process, in MB, from /proc; undefined once it has gone. */
export function processPeakRssMb(pid: number | undefined): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}
