import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface RunningChild {
  name: string;
  process: ChildProcess;
  /** port the child reported in its `listening` log line */
  port: number;
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

/**
 * Starts a Node process and resolves once it logs a JSON line `{ "msg": "listening", "port": N }`
 * (service-kit's serve() does). Other lines are forwarded with a name prefix so the terminal stays readable.
 */
export function startChild(opts: {
  name: string;
  entry: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
  log: (line: string) => void;
  /** How a line is shown (e.g. humanLine in a TTY); the ready check always reads the raw JSON. */
  format?: (line: string) => string;
  /** Node's own options, before the entry (a service's: SERVICE_NODE_ARGS). */
  nodeArgs?: readonly string[];
}): Promise<RunningChild> {
  // Its own process group: a terminal's Ctrl-C reaches only the runner, which then stops each service once,
  // with SIGTERM, so services drain gracefully instead of seeing two signals and exiting at once.
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), opts.entry], {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  // The last lines the child printed, so a start-up failure carries its own reason instead of a bare exit code.
  const tail: string[] = [];
  const remember = (line: string) => {
    tail.push(line);
    if (tail.length > 30) tail.shift();
  };
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      void stop('SIGKILL');
      reject(new Error(`${opts.name} did not report "listening" within ${opts.readyTimeoutMs ?? 30_000} ms`));
    }, opts.readyTimeoutMs ?? 30_000);
    const show = opts.format ?? ((l: string) => l);
    const onLine = (line: string) => {
      remember(line);
      opts.log(`[${opts.name}] ${show(line)}`);
      if (settled || !line.startsWith('{')) return;
      try {
        const rec = JSON.parse(line) as { msg?: string; port?: number };
        if (rec.msg === 'listening' && typeof rec.port === 'number') {
          settled = true;
          clearTimeout(timer);
          resolve({ name: opts.name, process: child, port: rec.port, stop });
        }
      } catch {
        /* not JSON: just a log line */
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', (l) => {
      remember(l);
      opts.log(`[${opts.name}] ${show(l)}`);
    });
    // 'close', not 'exit': by then both pipes are drained, so the tail holds the child's last words.
    child.once('close', (code, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(
        new Error(
          `${opts.name} exited before it was ready (code ${code ?? 'none'}, signal ${signal ?? 'none'})` +
            (tail.length ? `; its last lines:\n${tail.join('\n')}` : ''),
        ),
      );
    });
  });
}
