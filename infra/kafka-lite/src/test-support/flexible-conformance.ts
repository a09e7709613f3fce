import { ApiKey } from '../protocol/api-keys';
import { Reader, Writer } from '../protocol/codec';
import { Err } from '../protocol/errors';
import { kafkaFor, unique, type ConformanceTarget } from './kafka';
import { encodeBatch, RawClient } from './raw-client';

type Table = Map<number, [number, number]>;

function readTable(r: Reader): Table {
  return new Map(
    r.array((r) => {
      const entry: [number, [number, number]] = [r.int16(), [r.int16(), r.int16()]];
      r.tags();
      return entry;
    }),
  );
}

/**
 * What librdkafka-based clients (kcat, confluent-kafka) rely on below kafkajs: the ApiVersions v3 handshake with
 * its v0 fallback (KIP-511) and the flexible (KIP-482) layouts of Metadata, Produce and Fetch — phrased on the
 * wire only, so the suite runs against kafka-lite and a real Kafka broker alike.
 */
export function flexibleProtocolSuite(target: () => ConformanceTarget): void {
  let raw: RawClient;
  beforeEach(async () => {
    raw = await RawClient.open(target().brokers()[0] as string);
  });
  afterEach(() => raw.close());

  it('answers ApiVersions v3 in the flexible layout, and a version it does not know with the v0-layout table', async () => {
    const hello = new Writer(true).string('peiyu-conformance').string('1.0').tags();
    const r = await raw.requestFlexible(ApiKey.ApiVersions, 3, hello, false); // response header v0 (KIP-511)
    expect(r.int16()).toBe(Err.NONE);
    const table = readTable(r);
    expect(r.int32()).toBe(0); // throttle time
    expect(table.get(ApiKey.ApiVersions)?.[1]).toBeGreaterThanOrEqual(3);
    expect(table.get(ApiKey.Metadata)?.[1]).toBeGreaterThanOrEqual(9);
    expect(table.get(ApiKey.Produce)?.[1]).toBeGreaterThanOrEqual(9);
    expect(table.get(ApiKey.Fetch)?.[1]).toBeGreaterThanOrEqual(12);

    const future = await raw.requestFlexible(ApiKey.ApiVersions, 127, new Writer(true).tags(), false);
    const fallback = new Reader(future.buf);
    fallback.pos = future.pos;
    expect(fallback.int16()).toBe(Err.UNSUPPORTED_VERSION);
    const v0 = new Map(fallback.array((r) => [r.int16(), [r.int16(), r.int16()]] as const));
    expect(v0.get(ApiKey.ApiVersions)).toEqual(table.get(ApiKey.ApiVersions));
  });

  it('round-trips records through flexible Produce v9 and Fetch v12 and lists the topic in Metadata v9', async () => {
    const topic = unique('flex');
    const admin = kafkaFor(target().brokers()).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();

    const batch = encodeBatch([
      { key: 'k', value: 'flex-one' },
      { key: null, value: 'flex-two' },
    ]);
    const produce = new Writer(true)
      .string(null)
      .int16(-1)
      .int32(5000)
      .array([topic], (w, t) =>
        w
          .string(t)
          .array([0], (w, p) => w.int32(p).bytes(batch).tags())
          .tags(),
      )
      .tags();
    const pr = await raw.requestFlexible(ApiKey.Produce, 9, produce);
    const produced = pr.array((r) => {
      const name = r.string();
      const parts = r.array((r) => {
        const p = { index: r.int32(), code: r.int16(), baseOffset: r.int64() };
        r.int64(); // log append time
        r.int64(); // log start offset
        r.array((r) => [r.int32(), r.nullableString(), r.tags()]); // record errors
        r.nullableString(); // error message
        r.tags();
        return p;
      });
      r.tags();
      return { name, parts };
    });
    expect(produced).toEqual([{ name: topic, parts: [{ index: 0, code: Err.NONE, baseOffset: 0 }] }]);

    const fetch = new Writer(true)
      .int32(-1) // replica id
      .int32(0) // max wait
      .int32(1) // min bytes
      .int32(1 << 20)
      .int8(0) // isolation level
      .int32(0) // session id
      .int32(-1) // session epoch: full fetch, no session
      .array([topic], (w, t) =>
        w
          .string(t)
          .array([0], (w, p) =>
            w
              .int32(p)
              .int32(-1)
              .int64(0)
              .int32(-1)
              .int64(-1)
              .int32(1 << 20)
              .tags(),
          )
          .tags(),
      )
      .array([], () => undefined) // forgotten topics
      .string('') // rack id
      .tags();
    const fr = await raw.requestFlexible(ApiKey.Fetch, 12, fetch);
    fr.int32(); // throttle
    expect(fr.int16()).toBe(Err.NONE);
    fr.int32(); // session id
    const fetched = fr.array((r) => {
      r.string();
      return r.array((r) => {
        const p = { index: r.int32(), code: r.int16(), highWatermark: r.int64() };
        r.int64(); // last stable offset
        r.int64(); // log start offset
        r.nullableArray((r) => [r.int64(), r.int64(), r.tags()]); // aborted transactions
        r.int32(); // preferred read replica
        const records = r.nullableBytes() ?? Buffer.alloc(0);
        r.tags();
        return { ...p, records };
      });
    });
    const part = fetched[0]?.[0];
    expect(part).toMatchObject({ index: 0, code: Err.NONE, highWatermark: 2 });
    expect(part?.records.includes(Buffer.from('flex-one'))).toBe(true);
    expect(part?.records.includes(Buffer.from('flex-two'))).toBe(true);

    const metadata = new Writer(true)
      .array([topic], (w, t) => w.string(t).tags())
      .bool(false) // allow auto-creation
      .bool(false) // include cluster authorized operations
      .bool(false) // include topic authorized operations
      .tags();
    const mr = await raw.requestFlexible(ApiKey.Metadata, 9, metadata);
    mr.int32(); // throttle
    const brokers = mr.array((r) => {
      const b = { node: r.int32(), host: r.string(), port: r.int32() };
      r.nullableString(); // rack
      r.tags();
      return b;
    });
    expect(brokers.length).toBeGreaterThanOrEqual(1);
    mr.nullableString(); // cluster id
    mr.int32(); // controller id
    const topics = mr.array((r) => {
      const t = { code: r.int16(), name: r.string() };
      r.bool(); // internal
      const partitions = r.array((r) => {
        const p = { code: r.int16(), index: r.int32(), leader: r.int32() };
        r.int32(); // leader epoch
        r.array((r) => r.int32());
        r.array((r) => r.int32());
        r.array((r) => r.int32());
        r.tags();
        return p;
      });
      r.int32(); // authorized operations
      r.tags();
      return { ...t, partitions: partitions.map((p) => [p.code, p.index]) };
    });
    expect(topics).toEqual([{ code: Err.NONE, name: topic, partitions: [[Err.NONE, 0]] }]);
  });
}
