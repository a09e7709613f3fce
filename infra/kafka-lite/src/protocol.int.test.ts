import { Kafka, logLevel } from 'kafkajs';
import { startKafkaLite, type KafkaLite } from './index';
import { waitFor } from './test-support/kafka';
import { ApiKey, SUPPORTED } from './protocol/api-keys';
import { Writer, type Reader } from './protocol/codec';
import { Err } from './protocol/errors';
import { encodeBatch, produceBody, RawClient, readProduce } from './test-support/raw-client';

const metadataBody = (topics: string[] | null, allowAuto = false) =>
  new Writer().array(topics, (w, t) => w.string(t)).bool(allowAuto);

function readMetadataTopicError(r: Reader): number {
  r.int32(); // throttle
  r.array((r) => [r.int32(), r.string(), r.int32(), r.nullableString()]);
  r.nullableString();
  r.int32();
  r.int32(); // topic count
  return r.int16();
}

function fetchBody(
  topic: string,
  offset: number,
  o: { maxWait: number; maxBytes?: number; partMax?: number },
): Writer {
  return new Writer()
    .int32(-1)
    .int32(o.maxWait)
    .int32(1)
    .int32(o.maxBytes ?? 1_000_000)
    .int8(0)
    .int32(0)
    .int32(-1)
    .array([topic], (w, t) =>
      w.string(t).array([0], (w, p) =>
        w
          .int32(p)
          .int32(-1)
          .int64(offset)
          .int64(-1)
          .int32(o.partMax ?? 1_000_000),
      ),
    )
    .array([], () => undefined)
    .string('');
}

function readFetchRecordBytes(r: Reader): { code: number; highWatermark: number; records: Buffer } {
  r.int32();
  r.int16();
  r.int32();
  r.int32(); // topics
  r.string();
  r.int32(); // partitions
  r.int32();
  const code = r.int16();
  const highWatermark = r.int64();
  r.int64();
  r.int64();
  r.array((r) => [r.int64(), r.int64()]);
  r.int32();
  return { code, highWatermark, records: r.bytes() };
}

describe('kafka-lite protocol edges', () => {
  let broker: KafkaLite;
  let raw: RawClient;
  let other: RawClient;
  let topicN = 0;
  let fetchesReceived = 0;
  const newTopic = async (): Promise<string> => {
    const name = `edge-${++topicN}`;
    const body = new Writer()
      .array([name], (w, t) => w.string(t).int32(1).int16(1).int32(0).int32(0))
      .int32(1000)
      .bool(false);
    await raw.request(ApiKey.CreateTopics, 3, body);
    return name;
  };

  beforeAll(async () => {
    broker = await startKafkaLite({
      autoCreateTopics: false,
      maxMessageBytes: 4096,
      onRequest: (key) => void (key === ApiKey.Fetch && fetchesReceived++),
    });
  });
  beforeEach(async () => {
    raw = await RawClient.open(broker.brokers[0] as string);
    other = await RawClient.open(broker.brokers[0] as string);
  });
  afterEach(() => {
    raw.close();
    other.close();
  });
  afterAll(() => broker.stop());

  it('advertises exactly the implemented API versions', async () => {
    const r = await raw.request(ApiKey.ApiVersions, 2, new Writer());
    expect(r.int16()).toBe(Err.NONE);
    const advertised = r.array((r) => [r.int16(), r.int16(), r.int16()]);
    expect(r.int32()).toBe(0); // throttle time, v1+
    expect(new Map(advertised.map(([k, min, max]) => [k, [min, max]]))).toEqual(new Map(SUPPORTED));
  });

  it('answers UNSUPPORTED_VERSION for unadvertised APIs and versions, and keeps the connection', async () => {
    expect((await raw.request(ApiKey.ApiVersions, 9, new Writer())).int16()).toBe(Err.UNSUPPORTED_VERSION);
    expect((await raw.request(32 /* DescribeConfigs */, 0, new Writer())).int16()).toBe(
      Err.UNSUPPORTED_VERSION,
    );
    expect((await raw.request(ApiKey.Produce, 2, new Writer())).int16()).toBe(Err.UNSUPPORTED_VERSION);
    expect((await raw.request(ApiKey.ApiVersions, 0, new Writer())).int16()).toBe(Err.NONE);
  });

  it('closes only the connection that sent a malformed frame', async () => {
    const truncatedMetadata = Buffer.from([0, 0, 0, 12, 0, 3, 0, 6, 0, 0, 0, 9, 0, 0, 0, 0]);
    raw.writeRaw(truncatedMetadata); // array length says 0, then the allowAutoTopicCreation byte is missing
    await raw.whenClosed();
    const bad = await RawClient.open(broker.brokers[0] as string);
    bad.writeRaw(Buffer.from([0xff, 0xff, 0xff, 0xf0])); // negative frame size
    await bad.whenClosed();
    expect(readMetadataTopicError(await other.request(ApiKey.Metadata, 6, metadataBody(['nope'])))).toBe(
      Err.UNKNOWN_TOPIC_OR_PARTITION,
    );
  });

  it('rejects a batch whose CRC does not match with CORRUPT_MESSAGE and stores nothing', async () => {
    const topic = await newTopic();
    const batch = encodeBatch([{ key: 'k', value: 'v' }]);
    batch.writeUInt8(batch.readUInt8(batch.length - 1) ^ 0xff, batch.length - 1);
    expect(readProduce(await raw.request(ApiKey.Produce, 7, produceBody(topic, 0, batch))).code).toBe(
      Err.CORRUPT_MESSAGE,
    );
    const good = encodeBatch([{ key: 'k', value: 'v' }]);
    expect(readProduce(await raw.request(ApiKey.Produce, 7, produceBody(topic, 0, good)))).toEqual({
      code: Err.NONE,
      baseOffset: 0,
    });
  });

  it('rejects an oversized batch with MESSAGE_TOO_LARGE', async () => {
    const topic = await newTopic();
    const big = encodeBatch([{ key: null, value: 'x'.repeat(5000) }]);
    expect(readProduce(await raw.request(ApiKey.Produce, 7, produceBody(topic, 0, big))).code).toBe(
      Err.MESSAGE_TOO_LARGE,
    );
  });

  it('sends no response to acks=0 but still appends', async () => {
    const topic = await newTopic();
    await raw.request(
      ApiKey.Produce,
      7,
      produceBody(topic, 0, encodeBatch([{ key: null, value: 'a' }]), 0),
      false,
    );
    const r = await raw.request(ApiKey.Fetch, 11, fetchBody(topic, 0, { maxWait: 0 }));
    expect(readFetchRecordBytes(r).highWatermark).toBe(1);
    expect(raw.received).toEqual([1, 3]); // CreateTopics and Fetch answered; the acks=0 produce (2) was not
  });

  it('reports unknown topics (no auto-creation when disabled) and refuses produce to them', async () => {
    expect(readMetadataTopicError(await raw.request(ApiKey.Metadata, 6, metadataBody(['ghost'], true)))).toBe(
      Err.UNKNOWN_TOPIC_OR_PARTITION,
    );
    const r = await raw.request(
      ApiKey.Produce,
      7,
      produceBody('ghost', 0, encodeBatch([{ key: null, value: 'a' }])),
    );
    expect(readProduce(r).code).toBe(Err.UNKNOWN_TOPIC_OR_PARTITION);
  });

  it('long-polls: an empty fetch answers empty at maxWait, and an append wakes a parked one', async () => {
    const topic = await newTopic();
    const idle = readFetchRecordBytes(
      await raw.request(ApiKey.Fetch, 11, fetchBody(topic, 0, { maxWait: 300 })),
    );
    expect(idle.records.length).toBe(0);

    // A poll far longer than the test may run: only the append can answer it. We produce once the broker has
    // received the fetch (the event that matters), not after a guessed delay.
    const received = fetchesReceived;
    let answered = false;
    const pending = raw
      .request(ApiKey.Fetch, 11, fetchBody(topic, 0, { maxWait: 600_000 }))
      .finally(() => (answered = true));
    await waitFor('the broker to receive the fetch', () => fetchesReceived > received);
    expect(answered).toBe(false); // parked, not answered empty at once
    await other.request(
      ApiKey.Produce,
      7,
      produceBody(topic, 0, encodeBatch([{ key: null, value: 'wake' }])),
    );
    const woke = readFetchRecordBytes(await pending);
    expect(woke.records.length).toBeGreaterThan(0);
  });

  it('honours maxBytes with whole batches, but always returns at least one batch', async () => {
    const topic = await newTopic();
    const batch = () => encodeBatch([{ key: null, value: 'y'.repeat(1000) }]);
    const size = batch().length;
    for (let i = 0; i < 3; i++) await raw.request(ApiKey.Produce, 7, produceBody(topic, 0, batch()));
    const limited = readFetchRecordBytes(
      await raw.request(ApiKey.Fetch, 11, fetchBody(topic, 0, { maxWait: 0, maxBytes: size * 2 + 10 })),
    );
    expect(limited.records.length).toBe(size * 2);
    const tiny = readFetchRecordBytes(
      await raw.request(ApiKey.Fetch, 11, fetchBody(topic, 1, { maxWait: 0, partMax: 10 })),
    );
    expect(tiny.records.length).toBe(size);
    expect(tiny.records.readBigInt64BE(0)).toBe(1n);
  });

  it('keeps responses in request order on a connection held by JoinGroup, without blocking others', async () => {
    const join = (memberId: string) =>
      new Writer()
        .string('held')
        .int32(10_000)
        .int32(10_000)
        .string(memberId)
        .string(null)
        .string('consumer')
        .array(['range'], (w, n) => w.string(n).bytes(Buffer.alloc(0)));
    const readJoin = (r: Reader) => {
      r.int32();
      const code = r.int16();
      const generation = r.int32();
      r.string();
      r.string();
      return { code, generation, memberId: r.string() };
    };
    // member A forms generation 1 alone
    const a0 = readJoin(await other.request(ApiKey.JoinGroup, 5, join('')));
    expect(a0.code).toBe(Err.MEMBER_ID_REQUIRED);
    const a1 = readJoin(await other.request(ApiKey.JoinGroup, 5, join(a0.memberId)));
    expect(a1).toMatchObject({ code: Err.NONE, generation: 1 });
    const syncA = new Writer()
      .string('held')
      .int32(1)
      .string(a0.memberId)
      .string(null)
      .array([], () => undefined);
    await other.request(ApiKey.SyncGroup, 3, syncA);

    // member B's join is held until A rejoins; a Metadata request behind it on the same connection waits too
    const b0 = readJoin(await raw.request(ApiKey.JoinGroup, 5, join('')));
    const heldJoin = raw.request(ApiKey.JoinGroup, 5, join(b0.memberId));
    const behind = raw.request(ApiKey.Metadata, 6, metadataBody([]));
    const third = await RawClient.open(broker.brokers[0] as string);
    await third.request(ApiKey.Metadata, 6, metadataBody([])); // another connection is served meanwhile
    third.close();
    const answeredBefore = raw.received.length;

    const hb = await other.request(
      ApiKey.Heartbeat,
      3,
      new Writer().string('held').int32(1).string(a0.memberId).string(null),
    );
    hb.int32();
    expect(hb.int16()).toBe(Err.REBALANCE_IN_PROGRESS);
    const rejoinA = other.request(ApiKey.JoinGroup, 5, join(a0.memberId));
    expect(readJoin(await heldJoin)).toMatchObject({ code: Err.NONE, generation: 2 });
    await behind;
    await rejoinA;
    expect(answeredBefore).toBe(1); // only B's first (MEMBER_ID_REQUIRED) join had been answered
    expect(raw.received.slice(1)).toEqual([2, 3]);

    const commit = (generation: number, member: string) =>
      new Writer()
        .string('held')
        .int32(generation)
        .string(member)
        .array(['t'], (w, t) => w.string(t).array([0], (w, p) => w.int32(p).int64(1).string(null)));
    const stale = await other.request(ApiKey.OffsetCommit, 5, commit(1, a0.memberId));
    stale.int32();
    stale.int32();
    stale.string();
    stale.int32();
    stale.int32();
    expect(stale.int16()).toBe(Err.ILLEGAL_GENERATION);
    const unknown = await other.request(ApiKey.OffsetCommit, 5, commit(2, 'nobody'));
    unknown.int32();
    unknown.int32();
    unknown.string();
    unknown.int32();
    unknown.int32();
    expect(unknown.int16()).toBe(Err.UNKNOWN_MEMBER_ID);
  });

  it('makes kafkajs transactions fail clearly instead of half-working', async () => {
    const kafka = new Kafka({
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 2, initialRetryTime: 20 },
    });
    const producer = kafka.producer({ transactionalId: 'tx-1', idempotent: true, maxInFlightRequests: 1 });
    const error = await producer
      .connect()
      .then(() => producer.transaction())
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toMatchObject({ type: 'INVALID_REQUEST', retriable: false });
    expect(String(error)).toMatch(/incompatible broker/);
    await producer.disconnect();
  });
});
