import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import request from 'supertest';
import { createApp } from '../http/app';
import { capturingLogger } from '../test-support';
import { currentTraceparent, extractContext, injectTraceparent, type MessageHeaders } from './propagation';

// A real tracer provider (ids, W3C propagator, async context) recording spans in memory: no backend needed.
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();
afterAll(() => provider.shutdown());
beforeEach(() => exporter.reset());

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

describe('traceparent in message headers', () => {
  it('round-trips through string and Buffer header values', () => {
    const tracer = trace.getTracer('test');
    const span = tracer.startSpan('produce');
    const headers: MessageHeaders = { 'event-type': 'EnterpriseRegistered' };
    context.with(trace.setSpan(context.active(), span), () => injectTraceparent(headers));
    span.end();
    const header = headers['traceparent'];
    expect(typeof header).toBe('string');
    expect(header).toMatch(TRACEPARENT);
    expect(header).toContain(span.spanContext().traceId);

    // kafkajs hands consumers Buffers.
    const received: MessageHeaders = {
      traceparent: Buffer.from(header as string),
      'event-type': Buffer.from('x'),
    };
    for (const carrier of [headers, received]) {
      const remote = trace.getSpanContext(extractContext(carrier));
      expect(remote).toMatchObject({
        traceId: span.spanContext().traceId,
        spanId: span.spanContext().spanId,
      });
      expect(remote?.isRemote).toBe(true);
    }
  });

  it('a consumer span continues the producer trace', () => {
    const tracer = trace.getTracer('test');
    const producer = tracer.startSpan('produce');
    const headers = context.with(trace.setSpan(context.active(), producer), () => injectTraceparent({}));
    const consumer = tracer.startSpan('consume', {}, extractContext(headers));
    expect(consumer.spanContext().traceId).toBe(producer.spanContext().traceId);
    expect(consumer.spanContext().spanId).not.toBe(producer.spanContext().spanId);
    consumer.end();
    producer.end();
  });

  it('injects nothing and extracts nothing without a trace', () => {
    expect(injectTraceparent({})).toEqual({});
    expect(currentTraceparent()).toBeUndefined();
    expect(trace.getSpanContext(extractContext({ traceparent: 'garbage' }))).toBeUndefined();
  });
});

describe('request spans', () => {
  const log = capturingLogger();
  const app = createApp({
    name: 'test-service',
    logger: log.logger,
    routes: (r) => {
      r.get('/enterprises/:uscc', async (req, res) => {
        await Promise.resolve(); // the span stays active across awaits
        req.log.info('looked up');
        res.json({ traceparent: currentTraceparent() });
      });
      r.get('/boom', () => {
        throw new Error('boom');
      });
    },
  });

  it('creates one server span per request, named by route, continuing an incoming traceparent', async () => {
    const incoming = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const res = await request(app).get('/enterprises/91410402MA40000001').set('traceparent', incoming);
    expect(res.status).toBe(200);
    const inner = TRACEPARENT.exec(res.body.traceparent as string);
    expect(inner?.[1]).toBe('0af7651916cd43dd8448eb211c80319c');

    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(1);
    const [span] = spans;
    expect(span?.name).toBe('GET /enterprises/:uscc');
    expect(span?.attributes).toMatchObject({
      'http.route': '/enterprises/:uscc',
      'http.response.status_code': 200,
    });
    expect(span?.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(span?.spanContext().spanId).toBe(inner?.[2]);
    const line = log.lines().find((l) => l['msg'] === 'looked up');
    expect(line).toMatchObject({ trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: inner?.[2] });
  });

  it('marks 5xx spans as errors', async () => {
    await request(app).get('/boom');
    const [span] = exporter.getFinishedSpans();
    expect(span?.attributes['http.response.status_code']).toBe(500);
    expect(span?.status.code).toBe(2); // SpanStatusCode.ERROR
  });
});
