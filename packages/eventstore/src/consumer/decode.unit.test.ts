import type { KafkaMessage } from 'kafkajs';
import { ledgerRegistry } from '../test-support/ledger';
import { toMessage } from '../outbox/relay';
import type { RecordedEvent } from '../types';
import { decodeMessage, headerText } from './decode';

const record: RecordedEvent = {
  eventId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  streamId: 'L-1',
  streamVersion: 2,
  type: 'LedgerCredited',
  schemaVersion: 1,
  occurredAt: '2026-01-01T00:00:00.000Z',
  recordedAt: '2026-01-01T00:00:00.000Z',
  actor: { role: 'admin', id: 'u1' },
  correlationId: 'c',
  causationId: null,
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  data: { amount: 5 },
  position: 7,
  prevHash: 'p',
  hash: 'h',
};

function asKafka(m: ReturnType<typeof toMessage>): KafkaMessage {
  const headers = Object.fromEntries(
    Object.entries(m.headers ?? {}).map(([k, v]) => [k, Buffer.from(String(v))]),
  );
  return {
    key: Buffer.from(String(m.key)),
    value: Buffer.from(String(m.value)),
    headers,
    offset: '0',
    timestamp: '0',
    attributes: 0,
  };
}

describe('relay message ↔ consumer decoding', () => {
  it('publishes the envelope only, keyed by stream, with type/version/id/traceparent headers', () => {
    const m = toMessage(record);
    expect(m.key).toBe('L-1');
    expect(JSON.parse(String(m.value))).not.toHaveProperty('position');
    expect(JSON.parse(String(m.value))).not.toHaveProperty('hash');
    expect(m.headers).toEqual({
      type: 'LedgerCredited',
      schemaVersion: '1',
      eventId: record.eventId,
      streamVersion: '2',
      traceparent: record.traceparent,
    });
  });

  it('decodes and upcasts to the latest schema version', () => {
    const d = decodeMessage(asKafka(toMessage(record)), ledgerRegistry());
    expect(d).toMatchObject({
      ok: true,
      event: { schemaVersion: 2, data: { amount: 5, currency: 'CNY' }, streamVersion: 2 },
    });
    expect(headerText(asKafka(toMessage(record)).headers, 'type')).toBe('LedgerCredited');
  });

  it('reports undecodable messages instead of throwing', () => {
    const bad = (value: string) =>
      decodeMessage({ ...asKafka(toMessage(record)), value: Buffer.from(value) }, ledgerRegistry());
    expect(bad('{nope')).toMatchObject({ ok: false, error: expect.any(SyntaxError) });
    expect(bad(JSON.stringify({ ...record, data: { amount: 'x' } }))).toMatchObject({ ok: false });
    expect(bad(JSON.stringify({ streamId: 'L-1' }))).toMatchObject({ ok: false });
  });
});
