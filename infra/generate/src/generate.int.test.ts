import { startMongoLite, type MongoLite } from '@peiyu/mongo-lite';
import { storeLayout, verifyChain, type RecordedEvent } from '@peiyu/eventstore';
import { MongoClient } from 'mongodb';
import { generate } from './generate';
import { scenarioSpec, YUEYANG_2022 } from './scenario';
import { MongoSink, SERVICE_DBS } from './sink';
import { generateInMemory, smallCity } from './test-support/memory';
import { orderedAppends, planUnits } from './units';
import { unitRecords } from './records';
import { allEvents } from '@peiyu/contracts';

/** Where the event store keeps its position counter (beside the heads). */
const COUNTER = storeLayout().counter;

describe('generate into mongo-lite', () => {
  let mongo: MongoLite;
  let client: MongoClient;
  beforeAll(async () => {
    mongo = await startMongoLite({ port: 0, log: () => undefined });
    client = await MongoClient.connect(mongo.uri);
  });
  afterAll(async () => {
    await client.close();
    await mongo.stop();
  });

  it('resumes after an interruption, even inside a unit: no duplicates, the same final history', async () => {
    const spec = { seed: 3, year: 2026, area: smallCity(120) };
    const expected = await generateInMemory(spec);
    const sink = new MongoSink(client);
    const first = await generate({ ...spec, sink, stopAfter: 14 });
    expect(first.unitsDone).toBe(14);
    // A crash in the middle of unit 15: half its records are written, the checkpoint still says 14.
    const unit = planUnits(spec)[14]!;
    const codec = allEvents();
    const half = await unitRecords(
      unit.key,
      spec.seed,
      await orderedAppends(unit, sink),
      codec,
      () => Promise.reject(new Error('none')),
      first.positions[unit.db] + 1,
    );
    await sink.write(unit.db, half.slice(0, Math.ceil(half.length / 2)));

    const done = await generate({ ...spec, sink });
    expect(done.unitsDone).toBe(planUnits(spec).length);
    for (const db of ['registry', 'assessment', 'statistics', 'certification', 'subsidy'] as const) {
      const events = client.db(SERVICE_DBS[db]).collection<RecordedEvent>('events');
      expect(await events.countDocuments({})).toBe(expected[db].length);
      const stored = await events
        .find({}, { sort: { position: 1 }, projection: { _id: 0, published: 0, hashAlg: 0 } })
        .toArray();
      expect(stored.map((e) => e.eventId)).toEqual(expected[db].map((e) => e.eventId));
      const sample = stored.filter((e) => e.streamVersion === 1).slice(0, 20);
      for (const s of sample) {
        const chain = stored.filter((e) => e.streamId === s.streamId);
        expect(verifyChain(chain)).toMatchObject({ ok: true });
      }
      const head = await client
        .db(SERVICE_DBS[db])
        .collection(COUNTER.collection)
        .findOne({ _id: COUNTER.id as never });
      expect(head).toMatchObject({ seq: expected[db].length });
    }
    expect(done.events).toBe(
      (['registry', 'assessment', 'statistics', 'certification', 'subsidy'] as const).reduce(
        (n, db) => n + expected[db].length,
        0,
      ),
    );
    expect(done.written).toBe(done.events - first.events);
  });

  it('writes a scenario beside what a store holds: positions reserved after its counter; a rerun is a no-op', async () => {
    // A store a running service already appended 100 events to (another database name: the first test's
    // history stays apart).
    const dbs = {
      registry: 'scenario-registry',
      assessment: 'scenario-assessment',
      statistics: 'scenario-statistics',
      certification: 'scenario-certification',
      subsidy: 'scenario-subsidy',
    } as const;
    const written = [dbs.registry, dbs.assessment]; // the 岳阳 scenario has no statistics history
    for (const db of written)
      await client
        .db(db)
        .collection(COUNTER.collection)
        .insertOne({ _id: COUNTER.id, seq: 100 } as never);
    const sink = new MongoSink(client, dbs);
    const spec = scenarioSpec(YUEYANG_2022);
    const run = await generate({ ...spec, sink, positions: 'append' });
    for (const db of written) {
      const events = client.db(db).collection<RecordedEvent>('events');
      const positions = (await events.find({}, { sort: { position: 1 } }).toArray()).map((e) => e.position);
      expect(positions[0]).toBe(101);
      expect(positions).toEqual(positions.map((_, i) => 101 + i));
      const counter = await client
        .db(db)
        .collection(COUNTER.collection)
        .findOne({ _id: COUNTER.id as never });
      expect(counter).toMatchObject({ seq: 100 + positions.length });
    }
    const again = await generate({ ...spec, sink, positions: 'append' });
    expect([again.events, again.written]).toEqual([run.events, 0]);
  }, 60_000);
});
