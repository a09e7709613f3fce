/**
 * Behaviour the project relies on, written once against a `uri` provider: it runs against mongo-lite
 * (conformance.int.test.ts) and against a real MongoDB replica set (conformance.container.test.ts).
 */
import {
  Double,
  Int32,
  Long,
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  ObjectId,
  type Db,
  type Document,
  type UpdateFilter,
} from 'mongodb';
import mongoose from 'mongoose';

let dbCounter = 0;
/** Array operators on untyped documents: the driver's typings cannot see the fields. */
const loose = (u: object): UpdateFilter<Document> => u as UpdateFilter<Document>;

const freshDbName = (): string => `conf_${process.pid}_${++dbCounter}`;

export function conformanceSuite(getUri: () => string): void {
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    client = new MongoClient(getUri(), { serverSelectionTimeoutMS: 10_000 });
    await client.connect();
  });
  afterAll(async () => {
    await client?.close();
  });
  beforeEach(() => {
    db = client.db(freshDbName());
  });

  describe('driver CRUD', () => {
    it('inserts, finds, updates and deletes, storing _id first', async () => {
      const c = db.collection('crud');
      const r = await c.insertMany([
        { name: 'a', n: 1 },
        { name: 'b', n: 2 },
        { name: 'c', n: 3 },
      ]);
      expect(r.insertedCount).toBe(3);
      const raw = await c.findOne({ name: 'b' });
      expect(Object.keys(raw ?? {})[0]).toBe('_id');
      expect(await c.countDocuments({ n: { $gt: 1 } })).toBe(2);
      const u = await c.updateMany({ n: { $lt: 3 } }, { $set: { small: true } });
      expect([u.matchedCount, u.modifiedCount]).toEqual([2, 2]);
      const d = await c.deleteOne({ name: 'a' });
      expect(d.deletedCount).toBe(1);
      expect(
        (
          await c
            .find({}, { projection: { _id: 0, name: 1 } })
            .sort({ name: 1 })
            .toArray()
        ).map((x) => x.name),
      ).toEqual(['b', 'c']);
    });

    it('keeps Int32, Int64 and Double apart through round trips, updates and projections', async () => {
      const c = db.collection('types');
      const typeOf = (v: unknown): string | undefined => (v as { _bsontype?: string })?._bsontype;
      await c.insertOne({
        _id: 1 as never,
        i: new Int32(5),
        d: new Double(5),
        f: new Double(2.5),
        l: Long.fromNumber(5),
        nested: { l: Long.fromNumber(7), arr: [new Double(1), new Int32(1)] },
      });
      await c.updateOne({ _id: 1 as never }, { $inc: { l: 1, i: 1 }, $set: { d2: new Double(3) } });
      const raw = await c.findOne({ _id: 1 as never }, { promoteValues: false });
      expect([typeOf(raw?.i), typeOf(raw?.d), typeOf(raw?.f), typeOf(raw?.l), typeOf(raw?.d2)]).toEqual([
        'Int32',
        'Double',
        'Double',
        'Long',
        'Double',
      ]);
      expect(String(raw?.l)).toBe('6');
      const nested = raw?.nested as { l: unknown; arr: unknown[] };
      expect([typeOf(nested.l), typeOf(nested.arr[0]), typeOf(nested.arr[1])]).toEqual([
        'Long',
        'Double',
        'Int32',
      ]);
      const projected = await c.findOne({ l: 6 }, { projection: { l: 1, _id: 0 }, promoteValues: false });
      expect(typeOf(projected?.l)).toBe('Long');
    });

    it('accepts a multi-megabyte insert batch and returns it across batches', async () => {
      const c = db.collection('large');
      const pad = 'p'.repeat(1000);
      await c.insertMany(Array.from({ length: 6000 }, (_, i) => ({ i, pad })));
      expect(await c.countDocuments()).toBe(6000);
      const all = await c.find({}, { projection: { _id: 0, i: 1 } }).toArray();
      expect(all).toHaveLength(6000);
    });

    it('upserts with $setOnInsert seeded from the filter', async () => {
      const c = db.collection('upsert');
      const first = await c.updateOne(
        { key: 'k1' },
        { $set: { v: 1 }, $setOnInsert: { created: 'once' } },
        { upsert: true },
      );
      expect(first.upsertedCount).toBe(1);
      await c.updateOne(
        { key: 'k1' },
        { $set: { v: 2 }, $setOnInsert: { created: 'twice' } },
        { upsert: true },
      );
      const doc = await c.findOne({ key: 'k1' }, { projection: { _id: 0 } });
      expect(doc).toEqual({ key: 'k1', v: 2, created: 'once' });
    });

    it('applies the update operators', async () => {
      const c = db.collection('ops');
      await c.insertOne({
        _id: 'x' as never,
        n: 1,
        m: 3,
        lo: 5,
        hi: 5,
        tags: ['a'],
        set: [1],
        gone: 1,
        old: 'o',
        items: [
          { k: 1, v: 0 },
          { k: 2, v: 0 },
        ],
      });
      await c.updateOne(
        { _id: 'x' as never },
        loose({
          $inc: { n: 2 },
          $mul: { m: 2 },
          $min: { lo: 1 },
          $max: { hi: 9 },
          $push: { tags: { $each: ['b', 'c'], $slice: -2 } },
          $addToSet: { set: { $each: [1, 2] } },
          $unset: { gone: '' },
          $rename: { old: 'renamed' },
          $set: { 'items.$[it].v': 7, 'nested.deep': true },
        }),
        { arrayFilters: [{ 'it.k': 2 }] },
      );
      const doc = await c.findOne({ _id: 'x' as never });
      expect(doc).toEqual({
        _id: 'x',
        n: 3,
        m: 6,
        lo: 1,
        hi: 9,
        tags: ['b', 'c'],
        set: [1, 2],
        renamed: 'o',
        items: [
          { k: 1, v: 0 },
          { k: 2, v: 7 },
        ],
        nested: { deep: true },
      });
      await c.updateOne({ _id: 'x' as never }, loose({ $pull: { set: 1 }, $pop: { tags: -1 } }));
      expect(await c.findOne({ _id: 'x' as never }, { projection: { set: 1, tags: 1, _id: 0 } })).toEqual({
        set: [2],
        tags: ['c'],
      });
    });

    it('raises the server type errors for $inc on a string and $push on a non-array', async () => {
      const c = db.collection('typeerr');
      await c.insertOne({ _id: 1 as never, s: 'text' });
      const inc = await c.updateOne({ _id: 1 as never }, { $inc: { s: 1 } }).catch((e: unknown) => e);
      expect(inc).toBeInstanceOf(MongoServerError);
      expect((inc as MongoServerError).code).toBe(14);
      const push = await c
        .updateOne({ _id: 1 as never }, loose({ $push: { s: 1 } }))
        .catch((e: unknown) => e);
      expect((push as MongoServerError).code).toBe(2);
      expect(await c.findOne({ _id: 1 as never })).toEqual({ _id: 1, s: 'text' });
    });

    it('sorts, skips, limits and projects', async () => {
      const c = db.collection('sort');
      await c.insertMany(Array.from({ length: 20 }, (_, i) => ({ i, g: i % 3, name: `n${i}` })));
      const page = await c
        .find({ g: { $in: [0, 1] } }, { projection: { _id: 0, i: 1 } })
        .sort({ g: -1, i: 1 })
        .skip(2)
        .limit(4)
        .toArray();
      expect(page).toEqual([{ i: 7 }, { i: 10 }, { i: 13 }, { i: 16 }]);
    });

    it('serves cursors past the first batch with getMore, and kills them', async () => {
      const c = db.collection('cursor');
      await c.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
      const all = await c.find({}).sort({ i: 1 }).batchSize(40).toArray();
      expect(all.map((d) => d.i)).toEqual(Array.from({ length: 250 }, (_, i) => i));
      const cur = c.find({}).batchSize(10);
      await cur.next();
      await cur.close();
      expect(cur.killed).toBe(true);
      await expect(cur.next()).rejects.toThrow();
    });

    it('finds and modifies atomically', async () => {
      const c = db.collection('fam');
      const created = await c.findOneAndUpdate(
        { name: 'seq' },
        { $inc: { value: 1 } },
        { upsert: true, returnDocument: 'after' },
      );
      expect(created?.value).toBe(1);
      const before = await c.findOneAndUpdate(
        { name: 'seq' },
        { $inc: { value: 1 } },
        { returnDocument: 'before' },
      );
      expect(before?.value).toBe(1);
      const removed = await c.findOneAndDelete({ name: 'seq' });
      expect(removed?.value).toBe(2);
      expect(await c.countDocuments()).toBe(0);
    });

    it('runs bulkWrite with mixed operations', async () => {
      const c = db.collection('bulk');
      const r = await c.bulkWrite([
        { insertOne: { document: { _id: 1 as never, v: 1 } } },
        { insertOne: { document: { _id: 2 as never, v: 2 } } },
        { updateOne: { filter: { _id: 1 as never }, update: { $set: { v: 10 } } } },
        { updateOne: { filter: { _id: 3 as never }, update: { $set: { v: 3 } }, upsert: true } },
        { replaceOne: { filter: { _id: 2 as never }, replacement: { v: 20 } } },
        { deleteOne: { filter: { _id: 1 as never } } },
      ]);
      expect([r.insertedCount, r.matchedCount, r.modifiedCount, r.upsertedCount, r.deletedCount]).toEqual([
        2, 2, 2, 1, 1,
      ]);
      expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([
        { _id: 2, v: 20 },
        { _id: 3, v: 3 },
      ]);
    });
  });

  describe('catalog', () => {
    it('lists, creates and drops collections and databases', async () => {
      await db.createCollection('alpha');
      await db.collection('beta').insertOne({ x: 1 });
      await expect(db.createCollection('alpha')).rejects.toMatchObject({ code: 48 });
      const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
      expect(names).toEqual(['alpha', 'beta']);
      const dbs = await client.db('admin').admin().listDatabases();
      expect(dbs.databases.map((d) => d.name)).toContain(db.databaseName);
      expect(await db.collection('alpha').drop()).toBe(true);
      expect((await db.listCollections().toArray()).map((c) => c.name)).toEqual(['beta']);
      await db.dropDatabase();
      expect(await db.listCollections().toArray()).toEqual([]);
    });
  });

  describe('aggregation', () => {
    it('groups, sorts, projects, unwinds and counts', async () => {
      const c = db.collection('sales');
      await c.insertMany([
        { region: 'n', amount: 5, tags: ['x', 'y'] },
        { region: 's', amount: 7, tags: ['y'] },
        { region: 'n', amount: 3, tags: [] },
      ]);
      const grouped = await c
        .aggregate([
          { $match: { amount: { $gte: 3 } } },
          { $group: { _id: '$region', total: { $sum: '$amount' }, n: { $sum: 1 } } },
          { $sort: { total: -1 } },
          { $project: { _id: 0, region: '$_id', total: 1, n: 1 } },
        ])
        .toArray();
      expect(grouped).toEqual([
        { total: 8, n: 2, region: 'n' },
        { total: 7, n: 1, region: 's' },
      ]);
      const tags = await c.aggregate([{ $unwind: '$tags' }, { $count: 'n' }]).toArray();
      expect(tags).toEqual([{ n: 3 }]);
      expect((await c.distinct('region')).sort()).toEqual(['n', 's']);
      expect(await c.estimatedDocumentCount()).toBe(3);
    });

    it('updates with an aggregation pipeline and joins with a $lookup sub-pipeline', async () => {
      const c = db.collection('pipe');
      await c.insertMany([
        { _id: 1 as never, a: 2, b: 3 },
        { _id: 2 as never, a: 5, b: 1 },
      ]);
      await c.updateMany({}, [{ $set: { sum: { $add: ['$a', '$b'] } } }, { $unset: 'b' }]);
      expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([
        { _id: 1, a: 2, sum: 5 },
        { _id: 2, a: 5, sum: 6 },
      ]);
      await db.collection('limits').insertOne({ _id: 'l' as never, max: 5 });
      const joined = await c
        .aggregate([
          {
            $lookup: {
              from: 'limits',
              pipeline: [{ $match: { _id: 'l' } }, { $project: { _id: 0, max: 1 } }],
              as: 'lim',
            },
          },
          { $project: { _id: 1, over: { $gt: ['$sum', { $first: '$lim.max' }] } } },
          { $sort: { _id: 1 } },
        ])
        .toArray();
      expect(joined).toEqual([
        { _id: 1, over: false },
        { _id: 2, over: true },
      ]);
    });

    it('joins with $lookup and merges with $unionWith', async () => {
      await db.collection('orders').insertMany([
        { _id: 1 as never, customer: 'c1' },
        { _id: 2 as never, customer: 'c2' },
      ]);
      await db.collection('customers').insertMany([
        { _id: 'c1' as never, name: 'Ann' },
        { _id: 'c2' as never, name: 'Bo' },
      ]);
      await db.collection('archived').insertOne({ _id: 9 as never, customer: 'c1' });
      const joined = await db
        .collection('orders')
        .aggregate([
          { $unionWith: { coll: 'archived' } },
          { $lookup: { from: 'customers', localField: 'customer', foreignField: '_id', as: 'who' } },
          { $project: { _id: 1, name: { $first: '$who.name' } } },
          { $sort: { _id: 1 } },
        ])
        .toArray();
      expect(joined).toEqual([
        { _id: 1, name: 'Ann' },
        { _id: 2, name: 'Bo' },
        { _id: 9, name: 'Ann' },
      ]);
    });
  });

  describe('indexes', () => {
    it('enforces a compound unique index with the server error shape', async () => {
      const c = db.collection('events');
      await c.createIndex({ streamId: 1, streamVersion: 1 }, { unique: true });
      await c.insertOne({ streamId: 's1', streamVersion: 1 });
      const err = (await c
        .insertOne({ streamId: 's1', streamVersion: 1 })
        .catch((e: unknown) => e)) as MongoServerError;
      expect(err).toBeInstanceOf(MongoServerError);
      expect(err.code).toBe(11000);
      expect(err.keyPattern).toEqual({ streamId: 1, streamVersion: 1 });
      expect(err.keyValue).toEqual({ streamId: 's1', streamVersion: 1 });
      expect(err.message).toContain(
        `E11000 duplicate key error collection: ${db.databaseName}.events index: streamId_1_streamVersion_1 dup key: { streamId: "s1", streamVersion: 1 }`,
      );
      await c.insertOne({ streamId: 's1', streamVersion: 2 });
      const names = (await c.listIndexes().toArray()).map((i) => i.name);
      expect(names).toEqual(['_id_', 'streamId_1_streamVersion_1']);
    });

    it('reports duplicates in insertMany as a MongoBulkWriteError', async () => {
      const c = db.collection('bulkdup');
      await c.createIndex({ email: 1 }, { unique: true });
      const err = (await c
        .insertMany([{ email: 'a' }, { email: 'b' }, { email: 'a' }, { email: 'c' }], { ordered: false })
        .catch((e: unknown) => e)) as MongoBulkWriteError;
      expect(err).toBeInstanceOf(MongoBulkWriteError);
      expect(err.code).toBe(11000);
      expect(err.writeErrors).toHaveLength(1);
      expect(err.result.insertedCount).toBe(3);
    });

    it('enforces partial unique indexes only where the filter holds, and drops indexes', async () => {
      const c = db.collection('partial');
      await c.createIndex(
        { code: 1 },
        { unique: true, partialFilterExpression: { active: true }, name: 'active_code' },
      );
      await c.insertMany([
        { code: 'x', active: false },
        { code: 'x', active: false },
        { code: 'x', active: true },
      ]);
      await expect(c.insertOne({ code: 'x', active: true })).rejects.toMatchObject({ code: 11000 });
      await c.dropIndex('active_code');
      await c.insertOne({ code: 'x', active: true });
      expect(await c.countDocuments({ code: 'x' })).toBe(4);
    });

    it('refuses a unique index over existing duplicates', async () => {
      const c = db.collection('late');
      await c.insertMany([{ k: 1 }, { k: 1 }]);
      await expect(c.createIndex({ k: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
    });

    it('answers range queries with sort and limit on an indexed field', async () => {
      const c = db.collection('range');
      await c.createIndex({ t: 1 });
      await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ t: (i * 7) % 300, s: `v${i}` })));
      const r = await c
        .find({ t: { $gte: 100, $lt: 200 } })
        .sort({ t: -1 })
        .limit(3)
        .toArray();
      expect(r.map((d) => d.t)).toEqual([199, 198, 197]);
      expect(await c.countDocuments({ t: { $gt: 290 } })).toBe(9);
      const agg = await c
        .aggregate([
          { $match: { t: { $lt: 50 } } },
          { $sort: { t: -1 } },
          { $skip: 1 },
          { $limit: 2 },
          { $project: { _id: 0, t: 1 } },
        ])
        .toArray();
      expect(agg).toEqual([{ t: 48 }, { t: 47 }]);
    });
  });

  describe('transactions', () => {
    it('commits all writes at once and abort discards them', async () => {
      const c = db.collection('tx');
      await c.insertOne({ _id: 'base' as never, v: 0 });
      const s = client.startSession();
      try {
        s.startTransaction();
        await c.insertOne({ _id: 't1' as never }, { session: s });
        await c.updateOne({ _id: 'base' as never }, { $inc: { v: 1 } }, { session: s });
        expect(await c.countDocuments({}, { session: s })).toBe(2);
        expect(await c.findOne({ _id: 't1' as never })).toBeNull();
        await s.commitTransaction();
        expect(await c.findOne({ _id: 'base' as never })).toEqual({ _id: 'base', v: 1 });
        s.startTransaction();
        await c.insertOne({ _id: 't2' as never }, { session: s });
        await s.abortTransaction();
        expect(await c.findOne({ _id: 't2' as never })).toBeNull();
      } finally {
        await s.endSession();
      }
    });

    it('reads one snapshot inside a transaction while others commit', async () => {
      const c = db.collection('snap');
      await c.insertMany([
        { _id: 1 as never, v: 0 },
        { _id: 2 as never, v: 0 },
      ]);
      const s = client.startSession();
      try {
        s.startTransaction({ readConcern: { level: 'snapshot' } });
        expect((await c.findOne({ _id: 1 as never }, { session: s }))?.v).toBe(0);
        await c.updateOne({ _id: 2 as never }, { $set: { v: 9 } });
        await c.insertOne({ _id: 3 as never, v: 0 });
        await c.deleteOne({ _id: 1 as never });
        expect(await c.find({ v: 0 }, { session: s }).sort({ _id: 1 }).toArray()).toEqual([
          { _id: 1, v: 0 },
          { _id: 2, v: 0 },
        ]);
        await s.commitTransaction();
        expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([
          { _id: 2, v: 9 },
          { _id: 3, v: 0 },
        ]);
      } finally {
        await s.endSession();
      }
    });

    it('raises WriteConflict with TransientTransactionError for a document held by another transaction', async () => {
      const c = db.collection('conflict');
      await c.insertOne({ _id: 1 as never, v: 0 });
      const a = client.startSession();
      const b = client.startSession();
      try {
        a.startTransaction();
        b.startTransaction();
        await c.updateOne({ _id: 1 as never }, { $set: { v: 'a' } }, { session: a });
        const err = (await c
          .updateOne({ _id: 1 as never }, { $set: { v: 'b' } }, { session: b })
          .catch((e: unknown) => e)) as MongoServerError;
        expect(err.code).toBe(112);
        expect(err.hasErrorLabel('TransientTransactionError')).toBe(true);
        await a.commitTransaction();
        await b.abortTransaction().catch(() => undefined);
        expect(await c.findOne({ _id: 1 as never })).toEqual({ _id: 1, v: 'a' });
      } finally {
        await a.endSession();
        await b.endSession();
      }
    });

    it('retries a conflicting callback through withTransaction', async () => {
      const c = db.collection('retry');
      await c.insertOne({ _id: 1 as never, v: 0 });
      const blocker = client.startSession();
      const worker = client.startSession();
      try {
        blocker.startTransaction();
        await c.updateOne({ _id: 1 as never }, { $inc: { v: 100 } }, { session: blocker });
        let attempts = 0;
        await worker.withTransaction(async () => {
          attempts++;
          if (attempts === 2) await blocker.commitTransaction();
          await c.updateOne({ _id: 1 as never }, { $inc: { v: 1 } }, { session: worker });
        });
        expect(attempts).toBeGreaterThanOrEqual(2);
        expect((await c.findOne({ _id: 1 as never }))?.v).toBe(101);
      } finally {
        await blocker.endSession();
        await worker.endSession();
      }
    });

    it('makes concurrent transactions appending the same stream version conflict, then see the duplicate', async () => {
      const c = db.collection('streams');
      await c.createIndex({ streamId: 1, streamVersion: 1 }, { unique: true });
      const a = client.startSession();
      const b = client.startSession();
      try {
        a.startTransaction();
        b.startTransaction();
        await c.insertOne({ streamId: 'x', streamVersion: 1, by: 'a' }, { session: a });
        const clash = (await c
          .insertOne({ streamId: 'x', streamVersion: 1, by: 'b' }, { session: b })
          .catch((e: unknown) => e)) as MongoServerError;
        expect(clash.code).toBe(112);
        expect(clash.hasErrorLabel('TransientTransactionError')).toBe(true);
        await a.commitTransaction();
        await b.abortTransaction().catch(() => undefined);
        b.startTransaction();
        const dup = (await c
          .insertOne({ streamId: 'x', streamVersion: 1, by: 'b' }, { session: b })
          .catch((e: unknown) => e)) as MongoServerError;
        expect(dup.code).toBe(11000);
        await b.abortTransaction().catch(() => undefined);
        expect(await c.find({}, { projection: { _id: 0, by: 1 } }).toArray()).toEqual([{ by: 'a' }]);
      } finally {
        await a.endSession();
        await b.endSession();
      }
    });

    it('answers WriteConflict, not a duplicate, for a key committed after the transaction began', async () => {
      // Two replicas' group commits taking the same positions (issue 19): the loser retries, never a 409.
      const c = db.collection('positions');
      await c.createIndex({ position: 1 }, { unique: true });
      await c.insertOne({ position: 1, by: 'before' });
      const s = client.startSession();
      try {
        s.startTransaction();
        await c.findOne({}, { session: s }); // the snapshot is taken
        await c.insertOne({ position: 2, by: 'other' }); // another writer commits meanwhile
        const late = (await c
          .insertOne({ position: 2, by: 'mine' }, { session: s })
          .catch((e: unknown) => e)) as MongoServerError;
        expect(late.code).toBe(112);
        expect(late.hasErrorLabel('TransientTransactionError')).toBe(true);
        await s.abortTransaction().catch(() => undefined);
        // a key the snapshot already held is a duplicate, as ever
        s.startTransaction();
        const early = (await c
          .insertOne({ position: 1, by: 'mine' }, { session: s })
          .catch((e: unknown) => e)) as MongoServerError;
        expect(early.code).toBe(11000);
        await s.abortTransaction().catch(() => undefined);
        expect(
          await c
            .find({}, { projection: { _id: 0, by: 1 } })
            .sort({ position: 1 })
            .toArray(),
        ).toEqual([{ by: 'before' }, { by: 'other' }]);
      } finally {
        await s.endSession();
      }
    });

    it('checks unique indexes inside a transaction', async () => {
      const c = db.collection('txunique');
      await c.createIndex({ streamId: 1, streamVersion: 1 }, { unique: true });
      await c.insertOne({ streamId: 's', streamVersion: 1 });
      const s = client.startSession();
      try {
        const err = await s
          .withTransaction(async () => {
            await c.insertOne({ streamId: 's', streamVersion: 2 }, { session: s });
            await c.insertOne({ streamId: 's', streamVersion: 1 }, { session: s });
          })
          .catch((e: unknown) => e);
        expect((err as MongoServerError).code).toBe(11000);
        expect(await c.countDocuments({ streamId: 's' })).toBe(1);
      } finally {
        await s.endSession();
      }
    });
  });

  describe('mongoose', () => {
    let conn: mongoose.Connection;
    beforeAll(async () => {
      conn = await mongoose.createConnection(getUri(), { dbName: freshDbName() }).asPromise();
    });
    afterAll(async () => {
      await conn?.close();
    });

    const eventSchema = new mongoose.Schema({
      streamId: String,
      streamVersion: Number,
      type: String,
      data: Object,
    });
    eventSchema.index({ streamId: 1, streamVersion: 1 }, { unique: true });
    const stateSchema = new mongoose.Schema({
      key: { type: String, unique: true },
      count: Number,
      tags: [String],
    });

    it('creates, queries, upserts and reports duplicates like the server', async () => {
      const Event = conn.model('Event', eventSchema);
      await Event.init();
      await Event.create({ streamId: 's', streamVersion: 1, type: 'A', data: { x: 1 } });
      await Event.insertMany([
        { streamId: 's', streamVersion: 2, type: 'B' },
        { streamId: 's', streamVersion: 3, type: 'C' },
      ]);
      const dup = await Event.create({ streamId: 's', streamVersion: 2, type: 'X' }).catch((e: unknown) => e);
      expect((dup as MongoServerError).code).toBe(11000);
      expect((dup as MongoServerError).keyValue).toEqual({ streamId: 's', streamVersion: 2 });
      const bulk = await Event.insertMany([{ streamId: 's', streamVersion: 3 }]).catch((e: unknown) => e);
      expect((bulk as { code?: number }).code).toBe(11000);
      const latest = await Event.find({ streamId: 's' }).sort({ streamVersion: -1 }).limit(2).lean();
      expect(latest.map((e) => e.streamVersion)).toEqual([3, 2]);
    });

    it('runs findOneAndUpdate, updateOne upsert, bulkWrite and aggregate', async () => {
      const State = conn.model('State', stateSchema);
      await State.init();
      await State.updateOne(
        { key: 'k' },
        { $inc: { count: 1 }, $setOnInsert: { tags: ['new'] } },
        { upsert: true },
      );
      const after = await State.findOneAndUpdate(
        { key: 'k' },
        { $inc: { count: 1 }, $push: { tags: 'two' } },
        { returnDocument: 'after' },
      ).lean();
      expect(after).toMatchObject({ key: 'k', count: 2, tags: ['new', 'two'] });
      await State.bulkWrite([
        { insertOne: { document: { key: 'b', count: 5 } } },
        { updateOne: { filter: { key: 'c' }, update: { $set: { count: 7 } }, upsert: true } },
      ]);
      const totals = await State.aggregate([{ $group: { _id: null, total: { $sum: '$count' } } }]);
      expect(totals).toEqual([{ _id: null, total: 14 }]);
    });

    it('commits and aborts through connection.transaction', async () => {
      const Event = conn.model('Event', eventSchema);
      await Event.init();
      await conn.transaction(async (session) => {
        await Event.create([{ streamId: 'tx', streamVersion: 1 }], { session });
        await Event.create([{ streamId: 'tx', streamVersion: 2 }], { session });
      });
      expect(await Event.countDocuments({ streamId: 'tx' })).toBe(2);
      const failed = await conn
        .transaction(async (session) => {
          await Event.create([{ streamId: 'tx', streamVersion: 3 }], { session });
          await Event.create([{ streamId: 'tx', streamVersion: 1 }], { session });
        })
        .catch((e: unknown) => e);
      expect((failed as MongoServerError).code).toBe(11000);
      expect(await Event.countDocuments({ streamId: 'tx' })).toBe(2);
    });
  });
}

export { ObjectId };
// Authentication and per-database permissions, as MongoDB enforces them with --auth.
export {
  AUTH_ASSESSMENT,
  AUTH_REGISTRY,
  AUTH_REGISTRY_READER,
  AUTH_ROOT,
  AUTH_USERS,
  authConformanceSuite,
  type AuthTarget,
} from './auth-conformance';
