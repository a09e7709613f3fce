import { EventEnvelopeSchema } from './envelope';
import { newEventId } from './ids';
import { dlqTopicOf, topicFor } from './topics';

const at = new Date('2026-03-02T01:02:03.004Z');
const valid = {
  eventId: newEventId(at),
  streamId: 'enterprise-91410402MA9G5XXX0X',
  streamVersion: 1,
  type: 'EnterpriseRegistered',
  schemaVersion: 1,
  occurredAt: '2026-03-02T09:02:03+08:00',
  recordedAt: '2026-03-02T01:02:03.004Z',
  actor: { role: 'county_reviewer', id: 'u-1', region: '410402' },
  correlationId: 'c-1',
  causationId: null,
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  data: { anything: true },
};

describe('event envelope', () => {
  it('accepts a complete envelope', () => {
    expect(EventEnvelopeSchema.parse(valid)).toEqual(valid);
  });

  it('issues time-ordered UUID v7 ids from the given time', () => {
    const a = newEventId(new Date('2026-01-01T00:00:00Z'));
    const b = newEventId(new Date('2026-01-01T00:00:01Z'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(a < b).toBe(true);
    expect(parseInt(a.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse('2026-01-01T00:00:00Z'));
  });

  it.each([
    ['eventId', { eventId: '6f1c0b1e-0000-4000-8000-000000000000' }],
    ['streamVersion', { streamVersion: 0 }],
    ['type', { type: 'enterprise_registered' }],
    ['occurredAt', { occurredAt: '2026-03-02' }],
    ['actor.role', { actor: { role: 'mayor', id: 'x' } }],
    ['actor.region', { actor: { role: 'auditor', id: 'x', region: '4104' } }],
    ['traceparent', { traceparent: 'abc' }],
    ['unknown field', { extra: 1 }],
  ])('rejects a bad %s', (_label, patch) => {
    expect(EventEnvelopeSchema.safeParse({ ...valid, ...patch }).success).toBe(false);
  });
});

describe('topics', () => {
  it('names topics per service aggregate with a version and a dlq companion', () => {
    expect(topicFor('assessment', 'sme-evaluation')).toBe('peiyu.assessment.sme-evaluation.v1');
    expect(topicFor('registry', 'enterprise', 2)).toBe('peiyu.registry.enterprise.v2');
    expect(dlqTopicOf('peiyu.registry.enterprise.v1')).toBe('peiyu.registry.enterprise.v1.dlq');
  });
  it('rejects names that Kafka or our convention would not accept', () => {
    expect(() => topicFor('Registry', 'enterprise')).toThrow(/kebab-case/);
    expect(() => topicFor('registry', 'a.b')).toThrow(/kebab-case/);
    expect(() => topicFor('registry', 'enterprise', 0)).toThrow(/positive/);
  });
});
