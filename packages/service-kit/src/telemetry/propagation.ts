import {
  type Context,
  context,
  propagation,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';

/** Message headers as kafkajs types them: values arrive as Buffers, are sent as strings. */
export type MessageHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

const headerText = (value: Buffer | string): string =>
  typeof value === 'string' ? value : value.toString('utf8');

const getter: TextMapGetter<MessageHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    if (value === undefined) return undefined;
    return Array.isArray(value) ? value.map(headerText) : headerText(value);
  },
};

const setter: TextMapSetter<MessageHeaders> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

/**
 * Writes the W3C `traceparent` (and `tracestate`) of `ctx` — the active context by default — into message
 * headers, so a consumer's span continues the producer's trace. Returns the same object.
 */
export function injectTraceparent<H extends MessageHeaders>(headers: H, ctx: Context = context.active()): H {
  propagation.inject(ctx, headers, setter);
  return headers;
}

/** The context carried by message headers (string or Buffer values), to run a consumer's work under. */
export function extractContext(headers: MessageHeaders, base: Context = context.active()): Context {
  return propagation.extract(base, headers, getter);
}

/** The active `traceparent`, e.g. to record on an event envelope; undefined when there is no sampled span. */
export function currentTraceparent(ctx: Context = context.active()): string | undefined {
  const carrier: MessageHeaders = {};
  injectTraceparent(carrier, ctx);
  const value = carrier['traceparent'];
  return typeof value === 'string' ? value : undefined;
}
