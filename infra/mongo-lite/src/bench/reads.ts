/**
 * Read path against its floor, measured in the same run: a cursor over event-sized documents (~600 bytes)
 * compared with the driver's own BSON decoding of the very same documents (issue 19 §2, "mongo-lite reads").
 * The event store's own whole-store read (find / getMore commands, each reply decoded whole) is measured
 * against the same floor by `BENCH_ONLY=reads npm run bench -w @peiyu/eventstore` (src/bench/store-read.ts).
 */
import { performance } from 'node:perf_hooks';
import { BSON, type Collection, type Db, type Document } from 'mongodb';

export const READ_DOCS = 50_000;
// Seven rounds, each read beside its own decode floor: on 7 Dec the floor alone swung between 72,000 and
// 128,000 docs/s from one run to the next, and a median of three moved the ratio from 0.43 to 0.96.
const ROUNDS = 7;

/** An event record as the event store keeps it: ids, stream position, hashes, a nested payload. */
export function eventDoc(i: number): Document {
  const stream = `enterprise-${String(i % 5000).padStart(6, '0')}`;
  const version = Math.floor(i / 5000) + 1;
  return {
    _id: `${stream}:${version}`,
    streamId: stream,
    streamVersion: version,
    position: i + 1,
    type: 'EnterpriseRegistered',
    schemaVersion: 1,
    occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
    recordedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000 + 15),
    actor: { role: 'county-bureau', subject: `officer-${i % 97}`, region: '410482' },
    payload: {
      uscc: `91410482MA${String(i).padStart(8, '0')}`,
      name: `汝州市第${i}号科技有限公司`,
      countyCode: '410482',
      registeredCapitalFen: 5_000_000_00 + i,
      establishedOn: '2019-05-17',
    },
    hashAlg: 'sha256',
    prevHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
    published: true,
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function seed(db: Db): Promise<Collection> {
  const events = db.collection('events');
  await events.drop().catch(() => undefined);
  for (let b = 0; b < READ_DOCS; b += 1000) {
    await events.insertMany(Array.from({ length: 1000 }, (_, j) => eventDoc(b + j)));
  }
  return events;
}

export interface ReadFigures {
  docs: number;
  avgDocBytes: number;
  cursorDocsPerSecond: number;
  decodeFloorDocsPerSecond: number;
  ratio: number;
  /** The same cursor with `raw: true`, each document then decoded with BSON.deserialize by the caller. */
  rawCursorDecodeDocsPerSecond: number;
  rawRatio: number;
  /** CPU per document, robust to a loaded machine: the server's, the client's iterating, the bare decode. */
  serverCpuMicrosPerDoc: number;
  clientCpuMicrosPerDoc: number;
  decodeCpuMicrosPerDoc: number;
}

const cpuMicros = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/**
 * Median of three full cursor reads (`for await` over `find({})`, default batch sizes) and of three decode
 * passes (`BSON.deserialize`) over the bytes of the same documents. `serverCpu` reads the server's CPU
 * microseconds (serverStatus).
 */
export async function benchCursorRead(db: Db, serverCpu: () => Promise<number>): Promise<ReadFigures> {
  const events = await seed(db);
  const raw = (await events.find({}, { raw: true }).toArray()) as unknown as Uint8Array[];
  const avgDocBytes = Math.round(raw.reduce((s, b) => s + b.length, 0) / raw.length);
  const cursorRates: number[] = [];
  const floorRates: number[] = [];
  const rawRates: number[] = [];
  let serverCpuUsed = 0;
  let clientCpuUsed = 0;
  let decodeCpuUsed = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const s0 = await serverCpu();
    let c0 = cpuMicros();
    let t0 = performance.now();
    let n = 0;
    for await (const doc of events.find({})) if (doc) n++;
    cursorRates.push(n / ((performance.now() - t0) / 1000));
    clientCpuUsed += cpuMicros() - c0;
    serverCpuUsed += (await serverCpu()) - s0;
    if (n !== READ_DOCS) throw new Error(`cursor returned ${n} of ${READ_DOCS} documents`);
    c0 = cpuMicros();
    t0 = performance.now();
    for (const b of raw) BSON.deserialize(b);
    floorRates.push(raw.length / ((performance.now() - t0) / 1000));
    decodeCpuUsed += cpuMicros() - c0;
    t0 = performance.now();
    let m = 0;
    for await (const b of events.find({}, { raw: true }))
      if (BSON.deserialize(b as unknown as Uint8Array)) m++;
    rawRates.push(m / ((performance.now() - t0) / 1000));
  }
  const cursor = median(cursorRates);
  const floor = median(floorRates);
  const perDoc = (micros: number): number => Number((micros / (ROUNDS * READ_DOCS)).toFixed(1));
  return {
    docs: READ_DOCS,
    avgDocBytes,
    cursorDocsPerSecond: Math.round(cursor),
    decodeFloorDocsPerSecond: Math.round(floor),
    ratio: Number((cursor / floor).toFixed(2)),
    rawCursorDecodeDocsPerSecond: Math.round(median(rawRates)),
    rawRatio: Number((median(rawRates) / floor).toFixed(2)),
    serverCpuMicrosPerDoc: perDoc(serverCpuUsed),
    clientCpuMicrosPerDoc: perDoc(clientCpuUsed),
    decodeCpuMicrosPerDoc: perDoc(decodeCpuUsed),
  };
}
