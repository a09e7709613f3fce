import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild, type RunningChild } from './child';
import { SERVICE_NODE_ARGS } from './node-args';
import { DEFAULT_BACKOFF, restartDelay, Supervisor } from './supervise';

// A stand-in service: listens on PORT (0 = any), logs service-kit's `listening` line, answers its pid and the
// Node options it was started with.
const FAKE_SERVICE = `
const http = require('node:http');
const server = http.createServer((_req, res) =>
  res.end(JSON.stringify({ pid: process.pid, execArgv: process.execArgv })));
server.listen(Number(process.env.PORT), '127.0.0.1', () =>
  console.log(JSON.stringify({ msg: 'listening', port: server.address().port })));
`;

describe('finding 10 — npm start restarts a crashed service', () => {
  const dir = mkdtempSync(join(tmpdir(), 'supervise-'));
  const entry = join(dir, 'fake-service.js');
  writeFileSync(entry, FAKE_SERVICE);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('backs off 0.5 s doubling to 10 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => restartDelay(n))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    expect(DEFAULT_BACKOFF.resetAfterMs).toBe(60_000);
  });

  it("a stack's service process runs with SERVICE_NODE_ARGS", async () => {
    const child = await startChild({
      name: 'fake',
      entry,
      cwd: dir,
      log: () => undefined,
      env: { ...process.env, PORT: '0' },
      nodeArgs: SERVICE_NODE_ARGS,
    });
    try {
      const answer = (await (await fetch(`http://127.0.0.1:${child.port}/`)).json()) as {
        execArgv: string[];
      };
      expect(answer.execArgv).toEqual(['--max-semi-space-size=64']);
    } finally {
      await child.stop();
    }
  });

  it('a SIGKILLed service comes back healthy on the same port, and the runner says so', async () => {
    const lines: string[] = [];
    const restarted: Array<(c: RunningChild) => void> = [];
    const nextRestart = () => new Promise<RunningChild>((resolve) => restarted.push(resolve));
    const supervisor = await Supervisor.start(
      {
        name: 'fake',
        log: (l) => lines.push(l),
        start: (port) =>
          startChild({
            name: 'fake',
            entry,
            cwd: dir,
            log: () => undefined,
            env: { ...process.env, PORT: String(port) },
          }),
        onRestart: (child) => restarted.shift()?.(child),
      },
      0,
    );
    try {
      const health = async () =>
        (await (await fetch(`http://127.0.0.1:${supervisor.port}/healthz`)).json()) as { pid: number };
      const first = await health();
      expect(first.pid).toBe(supervisor.current.process.pid);

      let back = nextRestart();
      process.kill(first.pid, 'SIGKILL');
      const second = await back;
      expect(second.port).toBe(supervisor.port);
      expect((await health()).pid).toBe(second.process.pid);
      expect(second.process.pid).not.toBe(first.pid);

      // A second quick crash waits longer.
      back = nextRestart();
      process.kill(second.process.pid!, 'SIGKILL');
      await back;
      expect(supervisor.restarts).toBe(2);
      expect(lines.filter((l) => l.includes('restarting'))).toEqual([
        expect.stringMatching(/^\[runner\] fake exited \(signal SIGKILL\) after .* s; restarting in 0\.5 s$/),
        expect.stringMatching(/^\[runner\] fake exited \(signal SIGKILL\) after .* s; restarting in 1\.0 s$/),
      ]);
      expect(lines).toContain(`[runner] fake restarted (restart #1) on port ${supervisor.port}`);
    } finally {
      await supervisor.stop();
    }
    // Stopped on purpose: no restart follows.
    expect(supervisor.current.process.signalCode ?? supervisor.current.process.exitCode).not.toBeNull();
    expect(lines.filter((l) => l.includes('restarting'))).toHaveLength(2);
  });
});
