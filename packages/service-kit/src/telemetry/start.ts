import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface Telemetry {
  /** True when spans are exported over OTLP. */
  exporting: boolean;
  shutdown(): Promise<void>;
}

let local: Telemetry | undefined;

/**
 * Real trace ids, W3C propagation and async context, but no exporter: spans cost almost nothing and the
 * traceparent still links an HTTP request to the events and messages it causes (recorded on envelopes).
 */
export function registerLocalTracing(): Telemetry {
  if (local) return local;
  const provider = new NodeTracerProvider();
  provider.register();
  local = { exporting: false, shutdown: () => provider.shutdown() };
  return local;
}

/**
 * Starts tracing for a service. With `OTEL_EXPORTER_OTLP_ENDPOINT` set, the Node SDK exports spans over OTLP
 * HTTP (the exporter reads the endpoint and headers from the standard OTEL_* variables); without it nothing is
 * exported and only local tracing is registered. Call once, before the app is built.
 */
export function startTelemetry(serviceName: string, env: NodeJS.ProcessEnv = process.env): Telemetry {
  if (!env['OTEL_EXPORTER_OTLP_ENDPOINT']) return registerLocalTracing();
  const sdk = new NodeSDK({ serviceName, traceExporter: new OTLPTraceExporter(), instrumentations: [] });
  sdk.start();
  return { exporting: true, shutdown: () => sdk.shutdown() };
}
