import type { IncomingMessage, ServerResponse } from 'node:http';
import { trace } from '@opentelemetry/api';
import pino, { type Logger, type LoggerOptions } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { requestIdFrom } from './request-id';

export type { Logger } from 'pino';

/** Log lines written inside a span carry its ids, so a log line leads to its trace and back. */
function traceFields(): Record<string, string> {
  const span = trace.getActiveSpan()?.spanContext();
  return span && trace.isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}

/**
 * A JSON logger for a service. Authorization and cookie headers are redacted in case a caller logs a raw
 * request; the HTTP logger below does not log headers at all.
 */
export function createLogger(
  name: string,
  options: LoggerOptions = {},
  destination?: pino.DestinationStream,
): Logger {
  const opts: LoggerOptions = {
    name,
    level: process.env['LOG_LEVEL'] ?? 'info',
    redact: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
    mixin: traceFields,
    ...options,
  };
  return destination ? pino(opts, destination) : pino(opts);
}

const PROBE_PATHS = new Set(['/healthz', '/readyz']);

/**
 * What a request line records of the URL: the path, and of the query string only its parameter names. Query
 * values are search terms, company names, personal names (finding 15: `q` searches were logged) — never logged.
 */
export function loggableUrl(url: string): { url: string; queryKeys?: string[] } {
  const at = url.indexOf('?');
  if (at < 0) return { url };
  const keys = [...new URLSearchParams(url.slice(at + 1)).keys()];
  const queryKeys = [...new Set(keys)].slice(0, 20).map((k) => k.slice(0, 40));
  return { url: url.slice(0, at), queryKeys };
}

/** One structured line per request, tagged with the request id, which is also echoed as `X-Request-Id`. */
export function httpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestIdFrom(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string; originalUrl?: string }) => ({
        id: req.id,
        method: req.method,
        ...loggableUrl(req.originalUrl ?? req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    // Probes hit every few seconds; a line each would drown the log.
    autoLogging: { ignore: (req: IncomingMessage) => PROBE_PATHS.has(loggableUrl(req.url ?? '').url) },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
  });
}
