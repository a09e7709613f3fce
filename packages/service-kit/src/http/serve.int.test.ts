import { spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { capturingLogger } from '../test-support';
import { createApp } from './app';
import { serve, shutdownOnSignals, type RunningServer } from './serve';

interface Deferred<T = void> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}
function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function get(
  port: number,
  path: string,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function slowApp(entered: Deferred, release: Deferred) {
  return createApp({
    name: 'test',
    logger: capturingLogger().logger,
    routes: (app) => {
      app.get('/slow', async (_req, res) => {
        entered.resolve();
        await release.promise;
        res.json({ finished: true });
      });
    },
  });
}

describe('graceful shutdown', () => {
  let running: RunningServer | undefined;
  afterEach(async () => {
    await running?.shutdown('test cleanup');
    running = undefined;
  });

  it('finishes the in-flight request, refuses new connections, then closes resources in reverse order', async () => {
    const entered = deferred();
    const release = deferred();
    running = await serve(slowApp(entered, release), { port: 0, host: '127.0.0.1' });
    const closed: string[] = [];
    running.onShutdown({ name: 'mongo', close: async () => void closed.push('mongo') });
    running.onShutdown({ name: 'kafka', close: () => void closed.push('kafka') });

    const inFlight = get(running.port, '/slow');
    await entered.promise;
    const stopping = running.shutdown('SIGTERM');
    expect(running.shutdown('again')).toBe(stopping); // idempotent: the same shutdown

    await expect(get(running.port, '/healthz')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(closed).toEqual([]); // resources stay open while a request is in flight

    release.resolve();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ finished: true });
    expect(response.headers['connection']).toBe('close');

    await expect(stopping).resolves.toEqual({ forced: false, failed: [] });
    expect(closed).toEqual(['kafka', 'mongo']);
  });

  it('cuts requests still running at the deadline and reports resources that fail to close', async () => {
    const entered = deferred();
    const never = deferred();
    running = await serve(slowApp(entered, never), { port: 0, host: '127.0.0.1', shutdownDeadlineMs: 50 });
    running.onShutdown({
      name: 'broken',
      close: () => {
        throw new Error('already gone');
      },
    });
    const inFlight = get(running.port, '/slow');
    await entered.promise;
    await expect(running.shutdown()).resolves.toEqual({ forced: true, failed: ['broken'] });
    await expect(inFlight).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('SIGTERM triggers the shutdown and exits 0', async () => {
    running = await serve(slowApp(deferred(), deferred()), { port: 0 }); // all interfaces
    const exited = deferred<number>();
    const dispose = shutdownOnSignals(running, {
      exit: (code) => exited.resolve(code),
      signals: ['SIGTERM'],
    });
    try {
      process.emit('SIGTERM', 'SIGTERM'); // calls the handlers without signalling the test process
      expect(await exited.promise).toBe(0);
      await expect(get(running.port, '/healthz')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      dispose();
    }
  });

  it('shuts down when its parent (the stack runner) is gone, and not while it lives', async () => {
    running = await serve(slowApp(deferred(), deferred()), { port: 0 });
    const exited = deferred<number>();
    // Wait on the event that matters — the parent check having run (and found the parent) a few times — rather
    // than on a delay: each check is a `process.kill(parent, 0)`.
    const kill = jest.spyOn(process, 'kill');
    const checks = () =>
      kill.mock.calls.filter(([pid, signal]) => pid === process.ppid && signal === 0).length;
    const watching = shutdownOnSignals(running, {
      exit: (code) => exited.resolve(code),
      signals: [],
      parentPid: process.ppid,
      parentCheckMs: 20,
    });
    try {
      while (checks() < 3) await new Promise((r) => setImmediate(r));
    } finally {
      kill.mockRestore();
    }
    expect((await get(running.port, '/healthz')).status).toBe(200);
    watching();

    const gone = spawnSync(process.execPath, ['-e', '0']).pid; // a process that has already exited
    const dispose = shutdownOnSignals(running, {
      exit: (code) => exited.resolve(code),
      signals: [],
      parentPid: gone,
      parentCheckMs: 20,
    });
    try {
      expect(await exited.promise).toBe(0);
      await expect(get(running.port, '/healthz')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      dispose();
    }
  });
});
