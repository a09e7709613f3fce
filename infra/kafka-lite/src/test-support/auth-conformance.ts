import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import type { AuthConfigInput } from '../auth/config';
import { scramCredential } from '../auth/scram';
import { ApiKey } from '../protocol/api-keys';
import { Writer } from '../protocol/codec';
import { Err } from '../protocol/errors';
import { unique, waitFor } from './kafka';
import { RawClient } from './raw-client';

/**
 * The principals and ACLs the auth suite expects. kafka-lite takes this object as its `auth` option; a real
 * Kafka target creates the same SCRAM users and ACLs (kafka-configs / kafka-acls) before running the suite.
 */
export const AUTH_FIXTURE = {
  passwords: { admin: 'admin-secret', alice: 'alice-secret', bob: 'bob-secret', eve: 'eve-secret' },
  /** A topic alice may describe but not write (created by admin). */
  readOnlyTopic: 'shared.readonly',
} as const;

export function authFixtureConfig(): AuthConfigInput {
  const p = AUTH_FIXTURE.passwords;
  return {
    users: [
      { name: 'admin', password: p.admin },
      { name: 'alice', password: p.alice },
      { name: 'bob', scramSha256: scramCredential(p.bob, 4096) }, // stored keys only, no password
      { name: 'eve', password: p.eve },
    ],
    superUsers: ['User:admin'],
    acls: [
      {
        principal: 'User:alice',
        resourceType: 'topic',
        resourceName: 'alice.',
        patternType: 'prefixed',
        operations: ['read', 'write', 'create', 'describe'],
      },
      {
        principal: 'User:alice',
        resourceType: 'group',
        resourceName: 'alice-',
        patternType: 'prefixed',
        operations: ['read'],
      },
      {
        principal: 'User:alice',
        resourceType: 'topic',
        resourceName: AUTH_FIXTURE.readOnlyTopic,
        operations: ['describe'],
      },
      {
        principal: 'User:bob',
        resourceType: 'topic',
        resourceName: 'bob.',
        patternType: 'prefixed',
        operations: ['read', 'write', 'create'],
      },
      {
        principal: 'User:bob',
        resourceType: 'group',
        resourceName: 'bob-',
        patternType: 'prefixed',
        operations: ['read'],
      },
    ],
  };
}

type User = keyof typeof AUTH_FIXTURE.passwords;
type Mechanism = 'scram-sha-256' | 'plain';

function client(brokers: string[], sasl: SASLOptions | undefined): Kafka {
  return new Kafka({
    brokers,
    clientId: unique('auth'),
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    ...(sasl ? { sasl } : {}),
  });
}

function as(brokers: string[], user: User, mechanism: Mechanism = 'scram-sha-256', password?: string): Kafka {
  const sasl = {
    mechanism,
    username: user,
    password: password ?? AUTH_FIXTURE.passwords[user],
  } as SASLOptions;
  return client(brokers, sasl);
}

/** The error a promise rejects with (fails the test if it resolves). */
async function failure(
  p: Promise<unknown>,
): Promise<{ name: string; type?: string; code?: number; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { name: string; type?: string; code?: number; message: string };
  }
  throw new Error('expected a refusal, but the call succeeded');
}

/** A raw wire client authenticated with SaslHandshake v1 + SaslAuthenticate v1 (PLAIN). */
async function rawPlain(brokers: string[], user: string, password: string): Promise<RawClient> {
  const raw = await RawClient.open(brokers[0] as string);
  expect((await raw.request(ApiKey.SaslHandshake, 1, new Writer().string('PLAIN'))).int16()).toBe(Err.NONE);
  const auth = await raw.request(
    ApiKey.SaslAuthenticate,
    1,
    new Writer().bytes(Buffer.from(`\0${user}\0${password}`)),
  );
  expect(auth.int16()).toBe(Err.NONE);
  return raw;
}

/** kafkajs wraps broker errors (retries, aggregates); this finds the protocol error with the given code. */
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

/**
 * SASL authentication and ACLs through kafkajs, against a broker configured with AUTH_FIXTURE: authenticated
 * produce/consume works with SCRAM-SHA-256 and PLAIN; no credentials, a wrong password, and access outside a
 * principal's ACLs are each refused with the protocol's own error.
 */
export function authSuite(brokers: () => string[]): void {
  const topicOf = async (owner: 'alice' | 'bob', name = unique(`${owner}.t`)): Promise<string> => {
    const admin = as(brokers(), 'admin').admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: name, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    return name;
  };

  const roundTrip = async (kafka: Kafka, topic: string, groupId: string): Promise<string[]> => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 3 } });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: ['one', 'two', 'three'].map((value) => ({ value })) });
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId, heartbeatInterval: 100, maxWaitTimeInMs: 100 });
    const seen: string[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(String(message.value)) });
      await waitFor('three messages', () => seen.length >= 3);
    } finally {
      await consumer.disconnect();
    }
    return seen;
  };

  it('SCRAM-SHA-256: a principal creates, produces to and consumes (as a group) its own topic', async () => {
    const kafka = as(brokers(), 'alice');
    const admin = kafka.admin();
    await admin.connect();
    const topic = unique('alice.events');
    await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
    await admin.disconnect();
    expect(await roundTrip(kafka, topic, unique('alice-group'))).toEqual(['one', 'two', 'three']);
  });

  it('PLAIN: produce and consume work, also for a user stored only as SCRAM keys', async () => {
    const topic = await topicOf('bob');
    expect(await roundTrip(as(brokers(), 'bob', 'plain'), topic, unique('bob-group'))).toEqual([
      'one',
      'two',
      'three',
    ]);
  });

  it('refuses a client without credentials: the connection is closed before any request is served', async () => {
    const admin = client(brokers(), undefined).admin();
    const e = await failure(admin.connect().then(() => admin.listTopics()));
    expect(e.name).toMatch(/KafkaJSConnection(Closed)?Error|KafkaJSNumberOfRetriesExceeded/);
    await admin.disconnect();
  });

  it.each(['scram-sha-256', 'plain'] as const)(
    '%s: refuses a wrong password with SASL_AUTHENTICATION_FAILED',
    async (mechanism) => {
      const admin = as(brokers(), 'alice', mechanism, 'not-the-password').admin();
      const e = await failure(admin.connect());
      expect(e.name).toBe('KafkaJSSASLAuthenticationError');
      // kafkajs reports the broker's error message, not the code (asserted on the wire below).
      expect(e.message).toMatch(/authentication failed: Authentication failed/);
      await admin.disconnect();
    },
  );

  it('answers a wrong password with SASL_AUTHENTICATION_FAILED (58) on the wire, then closes the connection', async () => {
    const raw = await RawClient.open(brokers()[0] as string);
    expect((await raw.request(ApiKey.SaslHandshake, 1, new Writer().string('PLAIN'))).int16()).toBe(Err.NONE);
    const token = Buffer.from('\0alice\0not-the-password');
    const auth = await raw.request(ApiKey.SaslAuthenticate, 1, new Writer().bytes(token));
    expect(auth.int16()).toBe(Err.SASL_AUTHENTICATION_FAILED);
    await raw.whenClosed();
  });

  it('refuses a produce to a topic the principal may describe but not write with TOPIC_AUTHORIZATION_FAILED', async () => {
    await topicOf('alice', AUTH_FIXTURE.readOnlyTopic).catch(() => undefined);
    const producer = as(brokers(), 'alice').producer();
    await producer.connect();
    const e = await failure(producer.send({ topic: AUTH_FIXTURE.readOnlyTopic, messages: [{ value: 'x' }] }));
    expect(protocolCodes(e)).toContain(29);
    await producer.disconnect();
  });

  it("refuses a produce to another principal's topic with TOPIC_AUTHORIZATION_FAILED", async () => {
    const topic = await topicOf('bob');
    const producer = as(brokers(), 'alice').producer();
    await producer.connect();
    const e = await failure(producer.send({ topic, messages: [{ value: 'forged' }] }));
    expect(protocolCodes(e)).toContain(29);
    await producer.disconnect();
    const admin = as(brokers(), 'admin').admin();
    await admin.connect();
    const [offsets] = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    expect(offsets?.high).toBe('0');
  });

  it("refuses another principal's group with GROUP_AUTHORIZATION_FAILED (FindCoordinator, JoinGroup, OffsetCommit)", async () => {
    // kafkajs hides a FindCoordinator refusal behind "No brokers in the broker pool", so this is asserted on the wire.
    const topic = await topicOf('alice');
    const raw = await rawPlain(brokers(), 'alice', AUTH_FIXTURE.passwords.alice);
    try {
      const group = unique('bob-group');
      const find = await raw.request(ApiKey.FindCoordinator, 2, new Writer().string(group).int8(0));
      find.int32(); // throttle
      expect(find.int16()).toBe(Err.GROUP_AUTHORIZATION_FAILED);
      const join = new Writer()
        .string(group)
        .int32(10_000)
        .int32(10_000)
        .string('')
        .string(null)
        .string('consumer')
        .array(['range'], (w, n) => w.string(n).bytes(Buffer.alloc(0)));
      const joined = await raw.request(ApiKey.JoinGroup, 5, join);
      joined.int32();
      expect(joined.int16()).toBe(Err.GROUP_AUTHORIZATION_FAILED);
      const commit = new Writer()
        .string(group)
        .int32(-1)
        .string('')
        .string(null)
        .array([topic], (w, t) =>
          w.string(t).array([0], (w, p) => w.int32(p).int64(0).int32(-1).string(null)),
        );
      const committed = await raw.request(ApiKey.OffsetCommit, 7, commit);
      committed.int32();
      const codes = committed.array((r) => [r.string(), r.array((r) => [r.int32(), r.int16()])]);
      expect(codes).toEqual([[topic, [[0, Err.GROUP_AUTHORIZATION_FAILED]]]]);
    } finally {
      raw.close();
    }
  });

  it('serves nothing but ApiVersions and the SASL exchange before authentication', async () => {
    const raw = await RawClient.open(brokers()[0] as string);
    const versions = await raw.request(ApiKey.ApiVersions, 2, new Writer());
    expect(versions.int16()).toBe(Err.NONE);
    const handshake = await raw.request(ApiKey.SaslHandshake, 1, new Writer().string('DIGEST-MD5'));
    expect(handshake.int16()).toBe(Err.UNSUPPORTED_SASL_MECHANISM);
    expect(handshake.array((r) => r.string())).toEqual(expect.arrayContaining(['PLAIN', 'SCRAM-SHA-256']));
    void raw.request(ApiKey.Metadata, 6, new Writer().array([], () => undefined).bool(false));
    await raw.whenClosed();
  });

  it('accepts SaslHandshake v0 followed by a bare PLAIN token (the pre-KIP-152 exchange)', async () => {
    const raw = await RawClient.open(brokers()[0] as string);
    try {
      expect((await raw.request(ApiKey.SaslHandshake, 0, new Writer().string('PLAIN'))).int16()).toBe(
        Err.NONE,
      );
      const token = Buffer.from(`\0bob\0${AUTH_FIXTURE.passwords.bob}`);
      const frame = Buffer.alloc(4 + token.length);
      frame.writeInt32BE(token.length);
      token.copy(frame, 4);
      const empty = raw.nextRawFrame();
      raw.writeRaw(frame);
      expect((await empty).length).toBe(0);
      const md = await raw.request(ApiKey.Metadata, 6, new Writer().array([], () => undefined).bool(false));
      md.int32(); // throttle
      expect(md.array((r) => [r.int32(), r.string(), r.int32(), r.nullableString()]).length).toBeGreaterThan(
        0,
      );
    } finally {
      raw.close();
    }
  });

  it("refuses creating a topic outside the principal's ACLs with TOPIC_AUTHORIZATION_FAILED", async () => {
    const admin = as(brokers(), 'alice').admin();
    await admin.connect();
    const e = await failure(admin.createTopics({ topics: [{ topic: unique('bob.by-alice') }] }));
    expect(protocolCodes(e)).toContain(29);
    await admin.disconnect();
  });

  it('lists only the topics the principal may describe', async () => {
    const mine = await topicOf('alice');
    const theirs = await topicOf('bob');
    const admin = as(brokers(), 'alice').admin();
    await admin.connect();
    const listed = await admin.listTopics();
    await admin.disconnect();
    expect(listed).toContain(mine);
    expect(listed).not.toContain(theirs);
  });

  it('refuses an idempotent producer to a principal that may write no topic with CLUSTER_AUTHORIZATION_FAILED', async () => {
    const producer = as(brokers(), 'eve').producer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { retries: 1 },
    });
    const e = await failure(
      producer.connect().then(() => producer.send({ topic: 'alice.x', messages: [{ value: 'x' }] })),
    );
    expect(protocolCodes(e)).toContain(31);
    await producer.disconnect();
  });
}
