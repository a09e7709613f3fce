import { startKafkaLite, type KafkaLite } from './index';
import { ApiKey, SUPPORTED, isFlexible } from './protocol/api-keys';
import { Writer } from './protocol/codec';
import { Err } from './protocol/errors';
import { SCHEMAS } from './test-support/message-schemas';
import { encodeBatch, RawClient } from './test-support/raw-client';
import { decodeStruct, encodeStruct, type Value } from './test-support/schema';

type Struct = Record<string, Value>;
const T = 'layout-topic';
const at = (x: Value, ...path: (string | number)[]): Value =>
  path.reduce<Value>((v, k) => (v as Record<string | number, Value>)[k] as Value, x);

/** A request for each API and version (against T, which holds records) and what its answer must say. */
const CASES: Record<number, (v: number) => { request: Struct; check: (res: Struct) => void }> = {
  [ApiKey.Produce]: () => ({
    request: {
      acks: -1,
      timeoutMs: 5000,
      topics: [{ name: T, partitions: [{ index: 0, records: encodeBatch([{ key: 'k', value: 'v' }]) }] }],
    },
    check: (res) => expect(at(res, 'topics', 0, 'partitions', 0, 'errorCode')).toBe(Err.NONE),
  }),
  [ApiKey.Fetch]: () => ({
    request: {
      replicaId: -1,
      maxBytes: 1 << 20,
      sessionEpoch: -1,
      topics: [
        {
          topic: T,
          partitions: [
            {
              partition: 0,
              currentLeaderEpoch: -1,
              lastFetchedEpoch: -1,
              logStartOffset: -1,
              partitionMaxBytes: 1 << 20,
            },
          ],
        },
      ],
    },
    check: (res) => {
      expect(at(res, 'responses', 0, 'partitions', 0, 'errorCode')).toBe(Err.NONE);
      expect((at(res, 'responses', 0, 'partitions', 0, 'records') as Buffer).length).toBeGreaterThan(0);
    },
  }),
  [ApiKey.ListOffsets]: (v) => ({
    request: {
      replicaId: -1,
      topics: [{ name: T, partitions: [{ partition: 0, currentLeaderEpoch: -1, timestamp: -1 }] }],
    },
    check: (res) => {
      expect(at(res, 'topics', 0, 'partitions', 0, 'errorCode')).toBe(Err.NONE);
      if (v >= 1) expect(at(res, 'topics', 0, 'partitions', 0, 'offset')).toBeGreaterThan(0);
    },
  }),
  [ApiKey.Metadata]: () => ({
    request: { topics: [{ name: T }] },
    check: (res) =>
      expect(at(res, 'topics', 0)).toMatchObject({
        errorCode: Err.NONE,
        name: T,
        partitions: [expect.anything()],
      }),
  }),
  [ApiKey.OffsetCommit]: () => ({
    request: {
      groupId: 'layout-commits',
      generationId: -1,
      retentionTimeMs: -1,
      topics: [
        {
          name: T,
          partitions: [
            { partitionIndex: 0, committedOffset: 1, committedLeaderEpoch: -1, commitTimestamp: -1 },
          ],
        },
      ],
    },
    check: (res) => expect(at(res, 'topics', 0, 'partitions', 0, 'errorCode')).toBe(Err.NONE),
  }),
  [ApiKey.OffsetFetch]: () => ({
    request: { groupId: 'layout-commits', topics: [{ name: T, partitionIndexes: [0] }] },
    check: (res) =>
      expect(at(res, 'topics', 0, 'partitions', 0)).toMatchObject({
        committedOffset: 1,
        errorCode: Err.NONE,
      }),
  }),
  [ApiKey.FindCoordinator]: () => ({
    request: { key: 'some-group', keyType: 0 },
    check: (res) => expect(res).toMatchObject({ errorCode: Err.NONE, nodeId: 0 }),
  }),
  [ApiKey.JoinGroup]: (v) => ({
    request: {
      groupId: `layout-join-${v}`,
      sessionTimeoutMs: 30_000,
      rebalanceTimeoutMs: 30_000,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: Buffer.from([1]) }],
    },
    check: (res) => {
      // v4+ (KIP-394): first a member id with MEMBER_ID_REQUIRED; before, the join completes at once.
      if (v >= 4) expect(res).toMatchObject({ errorCode: Err.MEMBER_ID_REQUIRED, generationId: -1 });
      else
        expect(res).toMatchObject({
          errorCode: Err.NONE,
          generationId: 1,
          protocolName: 'range',
          members: [expect.anything()],
        });
      expect(res.memberId).not.toBe('');
    },
  }),
  [ApiKey.Heartbeat]: () => ({
    request: { groupId: 'layout-none', generationId: 1, memberId: 'nobody' },
    check: (res) => expect(res.errorCode).toBe(Err.UNKNOWN_MEMBER_ID),
  }),
  [ApiKey.LeaveGroup]: (v) => ({
    request: { groupId: 'layout-none', memberId: 'nobody', members: [{ memberId: 'nobody' }] },
    check: (res) =>
      v >= 3
        ? expect(at(res, 'members', 0, 'errorCode')).toBe(Err.UNKNOWN_MEMBER_ID)
        : expect(res.errorCode).toBe(Err.UNKNOWN_MEMBER_ID),
  }),
  [ApiKey.SyncGroup]: () => ({
    request: { groupId: 'layout-none', generationId: 1, memberId: 'nobody' },
    check: (res) => expect(res.errorCode).toBe(Err.UNKNOWN_MEMBER_ID),
  }),
  [ApiKey.DescribeGroups]: () => ({
    request: { groups: ['layout-commits'] },
    check: (res) => expect(at(res, 'groups', 0)).toMatchObject({ errorCode: Err.NONE, groupState: 'Empty' }),
  }),
  [ApiKey.ListGroups]: () => ({
    request: {},
    check: (res) => expect(res.errorCode).toBe(Err.NONE),
  }),
  [ApiKey.SaslHandshake]: () => ({
    request: { mechanism: 'PLAIN' },
    check: (res) => expect(res).toEqual({ errorCode: Err.ILLEGAL_SASL_STATE, mechanisms: [] }),
  }),
  [ApiKey.ApiVersions]: () => ({
    request: { clientSoftwareName: 'layout', clientSoftwareVersion: '1' },
    check: (res) => {
      expect(res.errorCode).toBe(Err.NONE);
      expect((res.apiKeys as Value[]).length).toBe(SUPPORTED.size);
    },
  }),
  [ApiKey.CreateTopics]: (v) => ({
    request: {
      topics: [{ name: `layout-created-${v}`, numPartitions: 2, replicationFactor: 1 }],
      timeoutMs: 1000,
    },
    check: (res) => {
      expect(at(res, 'topics', 0, 'errorCode')).toBe(Err.NONE);
      if (v >= 5) expect(at(res, 'topics', 0, 'numPartitions')).toBe(2);
    },
  }),
  [ApiKey.DeleteTopics]: (v) => ({
    // CreateTopics v2–v5 made layout-created-2…5; DeleteTopics v1–v4 removes them.
    request: { topicNames: [`layout-created-${v + 1}`], timeoutMs: 1000 },
    check: (res) => expect(at(res, 'responses', 0, 'errorCode')).toBe(Err.NONE),
  }),
  [ApiKey.InitProducerId]: () => ({
    request: { transactionalId: null, transactionTimeoutMs: 1000, producerId: -1, producerEpoch: -1 },
    check: (res) => expect(res).toMatchObject({ errorCode: Err.NONE, producerEpoch: 0 }),
  }),
  [ApiKey.SaslAuthenticate]: () => ({
    request: { authBytes: Buffer.from('\0u\0p') },
    check: (res) => expect(res.errorCode).toBe(Err.ILLEGAL_SASL_STATE),
  }),
};

const versions = [...SUPPORTED].flatMap(([key, [min, max]]) =>
  Array.from({ length: max - min + 1 }, (_, i) => {
    const name = Object.entries(ApiKey).find(([, k]) => k === key)?.[0] ?? String(key);
    return { key, name, v: min + i };
  }),
);

/**
 * Every advertised (API, version) pair, encoded from a transcription of Kafka's message schemas: the broker must
 * answer each with exactly the bytes that version's response layout has (decoded to the last byte) and the
 * expected outcome — so no version is advertised without being implemented.
 */
describe('every advertised API version has its exact wire layout', () => {
  let broker: KafkaLite;
  beforeAll(async () => {
    broker = await startKafkaLite({ autoCreateTopics: false });
    const raw = await RawClient.open(broker.brokers[0] as string);
    const schema = SCHEMAS[ApiKey.CreateTopics];
    if (!schema) throw new Error('no CreateTopics schema');
    const create = encodeStruct(
      new Writer(),
      schema.request,
      { topics: [{ name: T, numPartitions: 1, replicationFactor: 1 }] },
      3,
    );
    await raw.request(ApiKey.CreateTopics, 3, create);
    raw.close();
  });
  afterAll(() => broker.stop());

  it('has a schema and a case for every advertised API', () => {
    for (const [key] of SUPPORTED) {
      expect(SCHEMAS[key]).toBeDefined();
      expect(CASES[key]).toBeDefined();
    }
  });

  it.each(versions)('$name v$v', async ({ key, v }) => {
    const schema = SCHEMAS[key];
    const makeCase = CASES[key];
    if (!schema || !makeCase) throw new Error(`no schema or case for API ${key}`);
    const { request, check } = makeCase(v);
    const flexible = isFlexible(key, v);
    const raw = await RawClient.open(broker.brokers[0] as string);
    try {
      const body = encodeStruct(new Writer(flexible), schema.request, request, v);
      const r = flexible
        ? await raw.requestFlexible(key, v, body, key !== ApiKey.ApiVersions)
        : await raw.request(key, v, body);
      const response = decodeStruct(r, schema.response, v);
      expect(r.buf.length - r.pos).toBe(0); // not a byte more or less than the layout
      check(response);
    } finally {
      raw.close();
    }
  });
});
