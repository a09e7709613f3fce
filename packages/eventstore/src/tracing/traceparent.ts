import { context, trace, TraceFlags, type Context, type Span } from '@opentelemetry/api';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The OpenTelemetry context whose remote parent is the W3C `traceparent` (carried in event metadata and Kafka
 * headers). Parsed here rather than through the global propagator so it works whether or not an SDK is set up.
 */
export function contextFromTraceparent(
  traceparent: string | undefined,
  base: Context = context.active(),
): Context {
  const m = traceparent ? TRACEPARENT.exec(traceparent) : null;
  if (!m || /^0+$/.test(m[1]!) || /^0+$/.test(m[2]!)) return base;
  return trace.setSpanContext(base, {
    traceId: m[1]!,
    spanId: m[2]!,
    traceFlags: parseInt(m[3]!, 16) & TraceFlags.SAMPLED,
    isRemote: true,
  });
}

/** The traceparent naming `span` as parent, to put in headers of what it sends. */
export function traceparentOf(span: Span): string {
  const c = span.spanContext();
  return `00-${c.traceId}-${c.spanId}-0${c.traceFlags & TraceFlags.SAMPLED}`;
}
