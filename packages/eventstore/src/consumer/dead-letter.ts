import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { Plan, Projection } from '../projection/projection';
import type { EventEnvelope } from '../types';

/** One message of a batch: decoded, or with the reason it could not be. */
export interface Item {
  message: KafkaMessage;
  event?: EventEnvelope;
  error?: Error;
}

/**
 * An event that arrived on a topic whose owner does not emit its type (contracts' `misroutedReason`): never
 * applied, dead-lettered with `dlq-reason: misrouted` (finding 1: a forged event on another service's topic).
 */
export class MisroutedEventError extends Error {
  override readonly name = 'MisroutedEventError';
  readonly reason = 'misrouted';
}

export interface DeadLetter {
  item: Item;
  error: unknown;
  projection?: string;
}

/** Undecodable messages, then every event some projection failed to apply (one entry per projection). */
export function collectDeadLetters(
  items: Item[],
  plans: Plan<object>[],
  projectionNames: string[],
): DeadLetter[] {
  const dead: DeadLetter[] = items.filter((i) => i.error).map((item) => ({ item, error: item.error }));
  const decoded = items.filter((i) => i.event);
  plans.forEach((plan, p) =>
    plan.outcomes.forEach((o, idx) => {
      if (typeof o === 'object')
        dead.push({ item: decoded[idx]!, error: o.failed, projection: projectionNames[p] });
    }),
  );
  return dead;
}

/** The original key, value and headers, plus where it came from and why it failed. */
export function deadLetterMessage(d: DeadLetter, topic: string, partition: number): Message {
  return {
    key: d.item.message.key,
    value: d.item.message.value,
    headers: {
      ...d.item.message.headers,
      'dlq-error': d.error instanceof Error ? `${d.error.name}: ${d.error.message}` : String(d.error),
      'dlq-topic': topic,
      'dlq-partition': String(partition),
      'dlq-offset': d.item.message.offset,
      ...(d.projection ? { 'dlq-projection': d.projection } : {}),
      ...(d.error instanceof MisroutedEventError ? { 'dlq-reason': d.error.reason } : {}),
    } as IHeaders,
  };
}

/** The projection, except that events of `rejected` streams fail (their documents broke a unique index). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function guarded(p: Projection<any>, rejected: ReadonlySet<string>): Projection<any> {
  if (rejected.size === 0) return p;
  return {
    name: p.name,
    apply(doc, e) {
      if (rejected.has(e.streamId)) throw new Error(`unique index of projection ${p.name} violated`);
      return p.apply(doc, e);
    },
  };
}
