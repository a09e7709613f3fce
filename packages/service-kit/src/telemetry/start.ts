/* eslint-disable @typescript-eslint/no-require-imports -- loaded when tracing starts, see below */
import type * as OtlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as SdkNode from '@opentelemetry/sdk-node';
import type * as SdkTraceNode from '@opentelemetry/sdk-trace-node';

// The SDKs load when a service starts tracing, not with every module that imports the kit: the Node SDK brings
// every OTLP exporter (≈ 1,700 modules, ≈ 1 s of CPU to load), which each test file paid again in its own module
// registry, and a service without an OTLP endpoint never uses it.
const sdkNode = (): typeof SdkNode => require('@opentelemetry/sdk-node') as typeof SdkNode;
const sdkTraceNode = (): typeof SdkTraceNode =>
  require('@opentelemetry/sdk-trace-node') as typeof SdkTraceNode;
const otlpHttp = (): typeof OtlpHttp => require('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpHttp;

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
  const provider = new (sdkTraceNode().NodeTracerProvider)();
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
  const sdk = new (sdkNode().NodeSDK)({
    serviceName,
    traceExporter: new (otlpHttp().OTLPTraceExporter)(),
    instrumentations: [],
  });
  sdk.start();
  return { exporting: true, shutdown: () => sdk.shutdown() };
}
