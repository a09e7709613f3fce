import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { allEvents, dlqTopicOf, newEventId, REGISTRY_ENTERPRISE_TOPIC } from '@peiyu/contracts';
import { eventually } from '@peiyu/local';
import { useStackSuite } from '@peiyu/local/src/test-support/stack-suite';
import { exampleUscc } from '@peiyu/policy';
import { logLevel, type Kafka, type KafkaMessage } from 'kafkajs';

// Issue 12, finding 1 — "anyone who can reach Kafka can rewrite read models" — reproduced against the local stack
// as `npm start` runs it (the generated SCRAM principals and the catalog's ACLs): a forged EnterpriseRelocated
// without credentials, or with another service's, never reaches the registry's topic; and an event of a type its
// topic's owner does not emit is dead-lettered (`misrouted`) by the consumer, never applied. Runs twice, as every
// e2e test: on kafka-lite, then on real Apache Kafka (SCRAM + StandardAuthorizer), the same refusals.
// The local stack as `npm start` runs it, each service as its own process, driven over HTTP like any client.
const suite = useStackSuite({
  name: 'forged',
  startAt: '2026-09-21T09:00:00+08:00',
  only: ['registry', 'assessment'],
});
const registry = suite.client('registry');
const assessment = suite.client('assessment');
const E = exampleUscc('410402', 9301);
const LATER = exampleUscc('410402', 9302);

async function register(uscc: string): Promise<void> {
  const r = await registry.call(
    'POST',
    '/v1/enterprises',
    { role: 'county_reviewer', region: '410402' },
    {
      uscc,
      name: `伪造测试企业${uscc.slice(-4)}`,
      countyCode: '410402',
      foundedOn: '2018-06-01',
      hnteField: 'new_materials',
      contact: { name: '张三', phone: '0375-1234567', email: 'zhang.san@example.cn' },
    },
  );
  expect(r.status).toBe(201);
}

const inAssessmentView = (uscc: string) =>
  eventually(
    () =>
      assessment.call('GET', '/v1/sme-enterprises?region=410402', {
        role: 'county_reviewer',
        region: '410402',
      }),
    (r) => JSON.stringify(r.body).includes(uscc),
  );

/** A forged relocation of E to 湖南 (another province), as the review found it applied by both views. */
function forgedRelocation(): { key: string; value: string; headers: Record<string, string> } {
  const at = new Date().toISOString();
  const envelope = {
    eventId: newEventId(new Date()),
    streamId: `enterprise-${E}`,
    streamVersion: 2,
    type: 'EnterpriseRelocated',
    schemaVersion: 1,
    occurredAt: at,
    recordedAt: at,
    actor: { role: 'system', id: 'forger' },
    correlationId: 'forged',
    causationId: null,
    data: { uscc: E, fromDivisionCode: '410402', toDivisionCode: '430602', effectiveOn: at.slice(0, 10) },
  };
  return {
    key: envelope.streamId,
    value: JSON.stringify(envelope),
    headers: { type: envelope.type, schemaVersion: '1', eventId: envelope.eventId, streamVersion: '2' },
  };
}

async function highWatermark(topic: string): Promise<string> {
  const admin = suite.stack().kafkaClient('check').admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + BigInt(p.high), 0n).toString();
  } finally {
    await admin.disconnect();
  }
}

/** The error a promise rejects with (fails the test if it resolves). */
async function refusal(p: Promise<unknown>): Promise<Error & { type?: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { type?: string };
  }
  throw new Error('expected a refusal, but the call succeeded');
}

/** kafkajs wraps broker errors (retries, aggregates): the protocol error codes inside. */
function protocolCodes(e: unknown, seen = new Set<unknown>()): number[] {
  if (!e || typeof e !== 'object' || seen.has(e)) return [];
  seen.add(e);
  const o = e as { code?: unknown; originalError?: unknown; errors?: unknown[]; cause?: unknown };
  return [
    ...(typeof o.code === 'number' ? [o.code] : []),
    ...protocolCodes(o.originalError, seen),
    ...protocolCodes(o.cause, seen),
    ...(o.errors ?? []).flatMap((x) => protocolCodes(x, seen)),
  ];
}

async function produce(kafka: Kafka, topic: string, message: ReturnType<typeof forgedRelocation>) {
  const producer = kafka.producer({ retry: { retries: 1, initialRetryTime: 50 } });
  try {
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [message] });
  } finally {
    await producer.disconnect();
  }
}

/** Every message of a topic (as the admin principal), from the beginning until `done` holds. */
async function readUntil(topic: string, done: (ms: KafkaMessage[]) => boolean): Promise<KafkaMessage[]> {
  const consumer = suite
    .stack()
    .kafkaClient('check')
    .consumer({ groupId: `peiyu-check-${randomUUID()}` });
  const seen: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${topic}: condition not met in 15 s`)), 15_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          seen.push(message);
          if (done(seen)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

describe('finding 1: authenticated Kafka on the local stack', () => {
  it('keeps the generated credentials private (0700 directory, 0600 files)', () => {
    const dir = suite.stack().credentials!.dir;
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of ['kafka.json', 'mongo-users.json'])
      expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    // one principal per service manifest (the stack may run a few of them) and the runner's admin
    expect(Object.keys(suite.stack().credentials!.kafka)).toEqual(
      expect.arrayContaining(['admin', 'assessment', 'registry']),
    );
  });

  it('refuses a producer without credentials: the broker closes the connection before any request', async () => {
    await register(E);
    await inAssessmentView(E);
    const before = await highWatermark(REGISTRY_ENTERPRISE_TOPIC);
    const e = await refusal(
      produce(suite.stack().kafkaClient('forger', null), REGISTRY_ENTERPRISE_TOPIC, forgedRelocation()),
    );
    expect(e.name).toMatch(/KafkaJSConnection(Closed)?Error|KafkaJSNumberOfRetriesExceeded/);
    expect(await highWatermark(REGISTRY_ENTERPRISE_TOPIC)).toBe(before);
  });

  it('refuses a wrong password with SASL_AUTHENTICATION_FAILED', async () => {
    const { createKafka } = await import('@peiyu/eventstore');
    const wrong = createKafka({
      clientId: 'forger',
      brokers: suite.stack().kafkaBrokers.split(','),
      credentials: { mechanism: 'scram-sha-256', username: 'registry', password: 'guessed' },
      logLevel: logLevel.NOTHING,
    });
    const e = await refusal(produce(wrong, REGISTRY_ENTERPRISE_TOPIC, forgedRelocation()));
    expect(e.name).toBe('KafkaJSSASLAuthenticationError');
  });

  it("refuses assessment's principal on the registry's topic with TOPIC_AUTHORIZATION_FAILED (29)", async () => {
    const before = await highWatermark(REGISTRY_ENTERPRISE_TOPIC);
    const e = await refusal(
      produce(
        suite.stack().kafkaClient('forger', 'assessment'),
        REGISTRY_ENTERPRISE_TOPIC,
        forgedRelocation(),
      ),
    );
    expect(protocolCodes(e)).toContain(29);
    expect(await highWatermark(REGISTRY_ENTERPRISE_TOPIC)).toBe(before);
    // The enterprise stays where it is in assessment's view: nothing forged was applied.
    const view = await inAssessmentView(E);
    expect(JSON.stringify(view.body)).toContain(E);
  });

  it('a consumer dead-letters an event its topic owner does not emit (misrouted), never applies it, and goes on', async () => {
    // A valid HnteCertified (certification's type) put on the registry's topic, as a principal allowed to write
    // there could: assessment's enterprise consumer must refuse it by the catalog, not by chance.
    const certified = {
      uscc: E,
      certificateNumber: 'GR202541000999',
      field: 'new_materials',
      issuedOn: '2025-12-01',
      validUntil: '2028-11-30',
    };
    allEvents().validate({ type: 'HnteCertified', schemaVersion: 1, data: certified });
    const at = new Date().toISOString();
    const envelope = {
      eventId: newEventId(new Date()),
      streamId: `hnte-certificate-${certified.certificateNumber}`,
      streamVersion: 1,
      type: 'HnteCertified',
      schemaVersion: 1,
      occurredAt: at,
      recordedAt: at,
      actor: { role: 'system', id: 'forger' },
      correlationId: 'misrouted',
      causationId: null,
      data: certified,
    };
    await produce(suite.stack().kafkaClient('admin'), REGISTRY_ENTERPRISE_TOPIC, {
      key: envelope.streamId,
      value: JSON.stringify(envelope),
      headers: { type: envelope.type, schemaVersion: '1', eventId: envelope.eventId, streamVersion: '1' },
    });
    const dead = await readUntil(dlqTopicOf(REGISTRY_ENTERPRISE_TOPIC), (ms) =>
      ms.some((m) => String(m.headers?.eventId) === envelope.eventId),
    );
    const m = dead.find((x) => String(x.headers?.eventId) === envelope.eventId)!;
    expect(String(m.headers!['dlq-reason'])).toBe('misrouted');
    expect(String(m.headers!['dlq-error'])).toContain(
      `HnteCertified is emitted by certification, but arrived on ${REGISTRY_ENTERPRISE_TOPIC} owned by registry`,
    );
    // The partition is not blocked: a genuine registration after it still reaches assessment's view.
    await register(LATER);
    const view = await inAssessmentView(LATER);
    expect(JSON.stringify(view.body)).toContain(LATER);
  });
});
