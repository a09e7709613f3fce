import { context, trace } from '@opentelemetry/api';
import { currentTraceparent } from './propagation';
import { startTelemetry } from './start';

describe('startTelemetry without an OTLP endpoint', () => {
  it('exports nothing but gives spans real ids, so traceparents still link work together', async () => {
    const telemetry = startTelemetry('test-service', {});
    try {
      expect(telemetry.exporting).toBe(false);
      expect(startTelemetry('again', {})).toBe(telemetry); // registered once per process
      const span = trace.getTracer('t').startSpan('work');
      const traceparent = context.with(trace.setSpan(context.active(), span), () => currentTraceparent());
      span.end();
      expect(traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
      expect(span.spanContext().traceId).not.toBe('00000000000000000000000000000000');
    } finally {
      await telemetry.shutdown();
    }
  });
});
