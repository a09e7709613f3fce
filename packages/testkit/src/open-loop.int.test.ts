import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closedLoop, measureCommandPath, percentile } from './open-loop';

/** A service stand-in: odd serials are refused with a problem code; even ones succeed and become visible. */
function fakeService(seen: Set<string>): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const { k } = JSON.parse(body) as { k: number };
      if (k % 2 === 1) {
        res.writeHead(409, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({ code: 'already_registered' }));
        return;
      }
      seen.add(`key-${k}`);
      res.writeHead(201).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })),
  );
}

describe('measureCommandPath', () => {
  it('sends rate × seconds commands, counts refusals by problem code and waits for each success to show', async () => {
    const seen = new Set<string>();
    const { server, port } = await fakeService(seen);
    const lines: Array<Record<string, unknown>> = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      return true;
    });
    let result: { p99: number; errors: number };
    try {
      result = await measureCommandPath({
        command: 'fake',
        args: { rate: 100, seconds: 0.4, warmup: 0, series: false },
        okStatus: 201,
        make: (k) => ({
          port,
          method: 'POST',
          path: '/x',
          body: { k },
          token: 't',
          visibleKey: `key-${k}`,
        }),
        visible: (keys) => Promise.resolve(keys.filter((key) => seen.has(key))),
        pids: { self: process.pid },
        services: ['self'],
        admin: { command: () => Promise.resolve({ metrics: { commands: { insert: { total: 0 } } } }) },
      });
    } finally {
      write.mockRestore();
      server.close();
    }
    const latency = lines.find((l) => l['metric'] === 'command_latency_ms_p99')!;
    expect(latency['requests']).toBe(40);
    expect(latency['statuses']).toEqual({ '201': 20, '409 already_registered': 20 });
    expect(result.errors).toBe(20);
    expect(result.p99).toBe(latency['value']);
    const visibility = lines.find((l) => l['metric'] === 'visibility_ms_p99')!;
    expect(visibility['seen']).toBe(20);
    expect(visibility['not_seen_after_30s']).toBe(0);
  });
});

describe('percentile', () => {
  it('is the nearest rank of a sorted sample', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.99)).toBe(99);
    expect(percentile(sorted, 1)).toBe(100);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('closedLoop', () => {
  it('runs every task once with at most `concurrency` in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await closedLoop(50, 4, async (k) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setImmediate(r));
      done.push(k);
      inFlight--;
    });
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(most).toBe(4);
  });
});
