import type { KafkaMessage } from 'kafkajs';
import { planEvents, type Projection } from '../projection/projection';
import type { EventEnvelope } from '../types';
import {
  collectDeadLetters,
  deadLetterMessage,
  guarded,
  MisroutedEventError,
  type Item,
} from './dead-letter';

const message = (offset: string, key: string): KafkaMessage => ({
  key: Buffer.from(key),
  value: Buffer.from(`v${offset}`),
  headers: { type: Buffer.from('Ticked') },
  offset,
  timestamp: '0',
  attributes: 0,
});
const event = (streamId: string, streamVersion: number, by: number) =>
  ({ streamId, streamVersion, type: 'Ticked', data: { by } }) as unknown as EventEnvelope;

const sum: Projection<{ total: number }> = {
  name: 'sum',
  apply: (doc, e) => {
    const by = (e.data as { by: number }).by;
    if (by < 0) throw new Error('negative');
    return { total: (doc?.total ?? 0) + by };
  },
};

describe('dead letters', () => {
  const items: Item[] = [
    { message: message('10', 'a'), event: event('a', 1, 1) },
    { message: message('11', 'junk'), error: new SyntaxError('bad json') },
    { message: message('12', 'b'), event: event('b', 1, -1) },
    { message: message('13', 'c'), event: event('c', 1, 2) },
  ];
  const events = items.filter((i) => i.event).map((i) => i.event!);

  it('collects undecodable messages and failed applies, mapped back to their messages', () => {
    const dead = collectDeadLetters(items, [planEvents(sum, new Map(), events)], ['sum']);
    expect(dead.map((d) => [d.item.message.offset, d.projection])).toEqual([
      ['11', undefined],
      ['12', 'sum'],
    ]);
  });

  it('keeps key, value and original headers and says where from and why', () => {
    const [, failed] = collectDeadLetters(items, [planEvents(sum, new Map(), events)], ['sum']);
    const m = deadLetterMessage(failed!, 'peiyu.x.y.v1', 3);
    expect(m.key?.toString()).toBe('b');
    expect(m.value?.toString()).toBe('v12');
    expect(m.headers).toEqual({
      type: Buffer.from('Ticked'),
      'dlq-error': 'Error: negative',
      'dlq-topic': 'peiyu.x.y.v1',
      'dlq-partition': '3',
      'dlq-offset': '12',
      'dlq-projection': 'sum',
    });
  });

  it('says `dlq-reason: misrouted` for an event of a type its topic owner does not emit', () => {
    const why =
      'misrouted: HnteCertified is emitted by certification, but arrived on peiyu.registry.enterprise.v1';
    const misrouted: Item = { message: message('14', 'x'), error: new MisroutedEventError(why) };
    const [dead] = collectDeadLetters([misrouted], [], []);
    const m = deadLetterMessage(dead!, 'peiyu.registry.enterprise.v1', 0);
    expect(m.headers).toMatchObject({
      'dlq-reason': 'misrouted',
      'dlq-error': `MisroutedEventError: ${why}`,
    });
    // other dead letters carry no reason header (unchanged shape)
    const [, failed] = collectDeadLetters(items, [planEvents(sum, new Map(), events)], ['sum']);
    expect(deadLetterMessage(failed!, 't', 0).headers).not.toHaveProperty('dlq-reason');
  });

  it('guarded projections fail exactly the rejected streams', () => {
    const plan = planEvents(guarded(sum, new Set(['c'])), new Map(), [event('a', 1, 1), event('c', 1, 2)]);
    expect(plan.outcomes).toEqual([
      'applied',
      { failed: expect.objectContaining({ message: expect.stringMatching(/unique index/) }) },
    ]);
    expect(guarded(sum, new Set())).toBe(sum);
  });
});
