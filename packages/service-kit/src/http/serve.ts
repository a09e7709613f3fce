import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { markDraining } from './app';

/** Something to close on shutdown (database client, consumer, telemetry…). */
export interface Resource {
  name: string;
  close: () => unknown;
}

export interface ServeOptions {
  port: number;
  host?: string;
  /** How long in-flight requests may take to finish after shutdown starts (default 10 s). */
  shutdownDeadlineMs?: number;
  logger?: Logger;
}

export interface ShutdownReport {
  /** True when the deadline passed and remaining connections were cut. */
  forced: boolean;
  /** Names of resources whose close failed. */
  failed: string[];
}

export interface RunningServer {
  server: Server;
  port: number;
  url: string;
  /** Registers a resource; resources close in reverse order of registration, after the HTTP server. */
  onShutdown(resource: Resource): void;
  /** Stops accepting, lets in-flight requests finish (up to the deadline), closes resources. Idempotent. */
  shutdown(reason?: string): Promise<ShutdownReport>;
}

async function closeServer(server: Server, deadlineMs: number): Promise<boolean> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // close() stops listening and drops idle keep-alive sockets; busy ones end after their response.
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), deadlineMs);
  });
  const outcome = await Promise.race([closed.then(() => 'closed' as const), deadline]);
  clearTimeout(timer);
  if (outcome === 'deadline') {
    server.closeAllConnections();
    await closed;
    return true;
  }
  return false;
}

async function closeResources(resources: Resource[], logger: Logger | undefined): Promise<string[]> {
  const failed: string[] = [];
  for (const resource of [...resources].reverse()) {
    try {
      await resource.close();
    } catch (err) {
      failed.push(resource.name);
      logger?.error({ err, resource: resource.name }, 'resource failed to close');
    }
  }
  return failed;
}

/** Listens on `port` (0 = any free port) and returns a handle with graceful shutdown. */
export async function serve(app: Express, options: ServeOptions): Promise<RunningServer> {
  // No host: Node listens on every interface (IPv6 and IPv4 where available).
  const server =
    options.host === undefined ? app.listen(options.port) : app.listen(options.port, options.host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const resources: Resource[] = [];
  let stopping: Promise<ShutdownReport> | undefined;

  const shutdown = (reason = 'shutdown'): Promise<ShutdownReport> => {
    stopping ??= (async () => {
      options.logger?.info({ reason }, 'shutting down');
      markDraining(app);
      const forced = await closeServer(server, options.shutdownDeadlineMs ?? 10_000);
      const failed = await closeResources(resources, options.logger);
      options.logger?.info({ forced, failed }, 'shut down');
      return { forced, failed };
    })();
    return stopping;
  };

  return {
    server,
    port,
    url: `http://${options.host === undefined || options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host}:${port}`,
    onShutdown: (resource) => {
      resources.push(resource);
    },
    shutdown,
  };
}

export interface SignalOptions {
  signals?: readonly NodeJS.Signals[];
  exit?: (code: number) => void;
  logger?: Logger;
  /**
   * Also shut down when this process (the local stack runner, which passes `PEIYU_PARENT_PID`) is gone, so a
   * runner that was killed outright leaves no service holding its port. Default: `PEIYU_PARENT_PID` if set.
   */
  parentPid?: number;
  /** How often the parent is checked (default 1 s). */
  parentCheckMs?: number;
}

/** Whether a process exists (signal 0 checks without signalling; EPERM means it exists but is not ours). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * SIGTERM/SIGINT → graceful shutdown, then exit 0 (1 if a resource failed). A second signal exits at once.
 * Returns a function removing the handlers.
 */
export function shutdownOnSignals(
  running: Pick<RunningServer, 'shutdown'>,
  options: SignalOptions = {},
): () => void {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let received = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (received) {
      options.logger?.warn({ signal }, 'second signal: exiting now');
      exit(1);
      return;
    }
    received = true;
    running.shutdown(signal).then(
      (report) => exit(report.failed.length > 0 ? 1 : 0),
      (err: unknown) => {
        options.logger?.error({ err }, 'shutdown failed');
        exit(1);
      },
    );
  };
  for (const signal of signals) process.on(signal, handler);
  const envParent = Number(process.env['PEIYU_PARENT_PID']);
  const parent = options.parentPid ?? (Number.isInteger(envParent) && envParent > 0 ? envParent : undefined);
  const watchdog =
    parent === undefined
      ? undefined
      : setInterval(() => {
          if (process.ppid === parent && alive(parent)) return;
          options.logger?.warn({ parent }, 'parent process is gone: shutting down');
          clearInterval(watchdog);
          handler('SIGTERM');
        }, options.parentCheckMs ?? 1000);
  watchdog?.unref();
  return () => {
    for (const signal of signals) process.off(signal, handler);
    if (watchdog) clearInterval(watchdog);
  };
}
