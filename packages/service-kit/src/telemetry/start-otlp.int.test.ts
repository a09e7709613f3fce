import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

// A stand-in OTLP/HTTP collector on port 0 records what the SDK posts. The service side runs in a child process
// on the built package: the exporter loads node:http through a dynamic import, which jest's module sandbox
// cannot run (and a real service runs the built code anyway).
const SERVICE = `
  const { trace } = require('@opentelemetry/api');
  const { startTelemetry } = require(process.argv[1]);
  const telemetry = startTelemetry('otlp-test-service');
  const span = trace.getTracer('t').startSpan('exported-span');
  span.end();
  telemetry.shutdown().then(() => console.log(JSON.stringify({ exporting: telemetry.exporting, traceId: span.spanContext().traceId })));
`;

describe('startTelemetry with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  let server: Server;
  const received: { url: string; body: Buffer }[] = [];
  let endpoint = '';

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ url: req.url ?? '', body: Buffer.concat(chunks) });
        res.setHeader('Content-Type', 'application/json');
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('exports spans over OTLP HTTP to /v1/traces', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-e', SERVICE, join(__dirname, '..', '..', 'dist', 'index.js')],
      {
        cwd: join(__dirname, '..', '..'),
        env: { PATH: process.env['PATH'], OTEL_EXPORTER_OTLP_ENDPOINT: endpoint },
      },
    );
    const { exporting, traceId } = JSON.parse(stdout) as { exporting: boolean; traceId: string };
    expect(exporting).toBe(true);
    const traces = received.filter((r) => r.url === '/v1/traces');
    expect(traces.length).toBeGreaterThanOrEqual(1);
    // This exporter posts OTLP/JSON.
    interface Export {
      resourceSpans: {
        resource: { attributes: { key: string; value: { stringValue?: string } }[] };
        scopeSpans: { spans: { name: string; traceId: string }[] }[];
      }[];
    }
    const exports = traces.map((t) => JSON.parse(t.body.toString('utf8')) as Export);
    const resourceSpans = exports.flatMap((e) => e.resourceSpans);
    const spans = resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    expect(spans).toEqual([expect.objectContaining({ name: 'exported-span', traceId })]);
    const serviceName = resourceSpans[0]?.resource.attributes.find((a) => a.key === 'service.name');
    expect(serviceName?.value.stringValue).toBe('otlp-test-service');
  });
});
