import { EventValidationError } from '@peiyu/contracts';
import type mongoose from 'mongoose';
import { ManualClock } from '../../clock';
import { handleCommand } from '../decide-and-append';
import { IdempotencyStore } from '../../idempotency/idempotency-store';
import { ConcurrencyError } from '../../store/errors';
import { MongoEventStore } from '../../store/mongo-store';
import { dbOf, storeLayout } from '../../store/mongo-docs';
import { openDb, type EnvFactory, type TestEnv } from '../env';
import { admin, ctxAt, ledgerDecider, ledgerRegistry } from '../ledger';
import { tallyDecider, tallyRegistry } from '../tally';
import type { RecordedEvent } from '../../types';

const meta = { actor: admin, correlationId: 'c-1', causationId: null };

/** The event store against a real wire protocol (mongo-lite here, MongoDB in the container suite). */
export function storeSuite(startEnv: EnvFactory): void {
  let env: TestEnv;
  const conns: mongoose.Connection[] = [];
  beforeAll(async () => {
    env = await startEnv();
  });
  afterAll(async () => {
    await Promise.all(conns.map((c) => c.close()));
    await env?.stop();
  });
  async function open(codec = ledgerRegistry(), clock = new ManualClock('2026-03-01T08:00:00Z')) {
    const connection = await openDb(env);
    conns.push(connection);
    return { store: await MongoEventStore.open({ connection, clock, codec }), clock, connection };
  }

  it('50 concurrent appends with the same expected version: exactly one succeeds', async () => {
    const { store } = await open(tallyRegistry());
    await store.append('t-1', 0, [{ type: 'Ticked', data: { by: 0, n: 1, writer: 'w' } }], meta);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        store.append('t-1', 1, [{ type: 'Ticked', data: { by: i, n: 2, writer: `w${i}` } }], meta),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const l of lost) expect(l.reason).toBeInstanceOf(ConcurrencyError);
    const events = await store.readStream('t-1');
    expect(events.map((e) => e.streamVersion)).toEqual([1, 2]);
    expect(await store.verifyStream('t-1')).toMatchObject({ ok: true, checked: 2 });
  });

  /** Another service process's store on the same database (its own connection). */
  const secondProcess = async (dbName: string): Promise<MongoEventStore> => {
    const other = await openDb(env, dbName);
    conns.push(other);
    return MongoEventStore.open({
      connection: other,
      clock: new ManualClock('2026-03-01T08:00:00Z'),
      codec: tallyRegistry(),
    });
  };

  it('two store instances (two service processes) racing on one stream: exactly one append wins', async () => {
    const { store: a, connection } = await open(tallyRegistry());
    const b = await secondProcess(connection.name);
    await a.append('t-x', 0, [{ type: 'Ticked', data: { by: 0, n: 1, writer: 'a' } }], meta);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? a : b).append('t-x', 1, [{ type: 'Ticked', data: { by: i, n: 2, writer: `w${i}` } }], meta),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyError);
    expect((await b.readStream('t-x')).map((e) => e.streamVersion)).toEqual([1, 2]);
    expect(await a.verifyStream('t-x')).toMatchObject({ ok: true, checked: 2 });
  });

  it('50 appends from competing writers with retry: versions 1..50, no gap, each decided on fresh state', async () => {
    const { store, clock } = await open(tallyRegistry());
    const ctx = ctxAt(clock.now());
    await Promise.all(
      Array.from({ length: 5 }, async (_, w) => {
        for (let k = 0; k < 10; k++) {
          await handleCommand(store, tallyDecider, 't-2', { by: 1, writer: `w${w}` }, ctx, { retries: 60 });
        }
      }),
    );
    const events = await store.readStream('t-2');
    expect(events.map((e) => e.streamVersion)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(events.map((e) => (e.data as { n: number }).n)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    const positions = events.map((e) => e.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(await store.verifyStream('t-2')).toMatchObject({ ok: true, checked: 50 });
  });

  it('two stores (two processes) appending at once: positions unique, gapless, in commit order', async () => {
    const { store: a, connection } = await open(tallyRegistry());
    const b = await secondProcess(connection.name);
    const tick = (by: number, writer: string) => [{ type: 'Ticked', data: { by, n: 1, writer } }];
    // Strictly alternating, each append awaited: the counter a store last committed is never current (the
    // other store moved it since), and an append that finished before the next began holds the lower position.
    const alternating: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await (i % 2 ? b : a).append(`alt-${i}`, 0, tick(i, i % 2 ? 'b' : 'a'), meta);
      alternating.push(r.events[0]!.position);
    }
    expect(alternating).toEqual(alternating.map((_, i) => alternating[0]! + i));
    // Then both stores with four writers each, every writer on its own stream, all at once.
    const writers = Array.from({ length: 8 }, (_, w) => ({ store: w % 2 ? b : a, stream: `par-${w}` }));
    const seen = await Promise.all(
      writers.map(async ({ store, stream }) => {
        const positions: number[] = [];
        for (let v = 0; v < 6; v++) {
          const r = await store.append(stream, v, tick(v, stream), meta);
          positions.push(r.events[0]!.position);
        }
        return positions;
      }),
    );
    for (const positions of seen) expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    const all: RecordedEvent[] = [];
    for await (const e of b.readAll()) all.push(e);
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1));
    expect(all).toHaveLength(12 + 8 * 6);
    const positionOf = new Map(all.map((e) => [`${e.streamId}@${e.streamVersion}`, e.position]));
    writers.forEach(({ stream }, w) =>
      expect(seen[w]).toEqual([1, 2, 3, 4, 5, 6].map((v) => positionOf.get(`${stream}@${v}`))),
    );
    const counter = await dbOf(connection)
      .collection(storeLayout().counter.collection)
      .findOne({ _id: storeLayout().counter.id as never });
    expect(counter).toMatchObject({ seq: all.length });
  });

  it('carries the counter of a store written before (`counters`) over on open, once, never backwards', async () => {
    const connection = await openDb(env);
    conns.push(connection);
    const db = dbOf(connection);
    const layout = storeLayout();
    // As an older store left it: its counter in `counters`, ahead of the last event stored (41 positions taken).
    await db
      .collection(layout.legacyCounter.collection)
      .insertOne({ _id: layout.legacyCounter.id, seq: 41 } as never);
    const clock = new ManualClock('2026-03-01T08:00:00Z');
    // Two processes opening at once carry it over once.
    const [first, second] = await Promise.all(
      [0, 1].map(() => MongoEventStore.open({ connection, clock, codec: tallyRegistry() })),
    );
    const tick = [{ type: 'Ticked', data: { by: 1, n: 1, writer: 'w' } }];
    expect((await first!.append('t-1', 0, tick, meta)).events[0]!.position).toBe(42);
    expect((await second!.append('t-2', 0, tick, meta)).events[0]!.position).toBe(43);
    // Opening again does not move the counter back to the old document's value.
    const third = await MongoEventStore.open({ connection, clock, codec: tallyRegistry() });
    expect((await third.append('t-3', 0, tick, meta)).events[0]!.position).toBe(44);
    const counters = await db
      .collection(layout.counter.collection)
      .find({ _id: layout.counter.id as never })
      .toArray();
    expect(counters).toEqual([{ _id: layout.counter.id, seq: 44 }]);
    // The counter is no stream: not listed with the heads, and its id cannot be appended to.
    const heads: string[] = [];
    for await (const h of third.listHeads()) heads.push(h.streamId);
    expect(heads).toEqual(['t-1', 't-2', 't-3']);
    await expect(third.append(layout.counter.id, 0, tick, meta)).rejects.toMatchObject({
      name: 'InvalidAppendError',
    });
  });

  it('refuses an expected version ahead of the stream (no gap) and invalid data (nothing written)', async () => {
    const { store } = await open();
    await store.append(
      'L-1',
      0,
      [{ type: 'LedgerOpened', data: { owner: 'acme', openedOn: '2026-03-01' } }],
      meta,
    );
    const credit = [{ type: 'LedgerCredited', data: { amount: 1, currency: 'CNY' } }];
    await expect(store.append('L-1', 3, credit, meta)).rejects.toMatchObject({
      name: 'ConcurrencyError',
      actualVersion: 1,
    });
    await expect(
      store.append('L-1', 1, [{ type: 'LedgerCredited', data: { amount: 'x' } }], meta),
    ).rejects.toBeInstanceOf(EventValidationError);
    expect((await store.readStream('L-1')).map((e) => e.streamVersion)).toEqual([1]);
  });

  it('reads ranges and as-of prefixes, upcasts old versions, and reads all in position order', async () => {
    const { store, clock } = await open();
    await store.append(
      'L-1',
      0,
      [{ type: 'LedgerOpened', data: { owner: 'acme', openedOn: '2026-03-01' } }],
      meta,
    );
    clock.advance(86_400_000);
    await store.append(
      'L-2',
      0,
      [{ type: 'LedgerOpened', data: { owner: 'beta', openedOn: '2026-03-02' } }],
      meta,
    );
    await store.append(
      'L-1',
      1,
      [
        { type: 'LedgerCredited', schemaVersion: 1, data: { amount: 7 } },
        { type: 'LedgerCredited', data: { amount: 8, currency: 'CNY' } },
      ],
      meta,
    );
    const asOf = await store.readStream('L-1', { asOf: new Date('2026-03-01T23:59:59Z') });
    expect(asOf.map((e) => e.streamVersion)).toEqual([1]);
    clock.set('2026-03-01T12:00:00Z'); // the store clock steps back: v4 is recorded "before" v2 and v3
    await store.append('L-1', 3, [{ type: 'LedgerClosed', data: { reason: 'r' } }], meta);
    const asOfAfterStepBack = await store.readStream('L-1', { asOf: new Date('2026-03-01T23:59:59Z') });
    expect(asOfAfterStepBack.map((e) => e.streamVersion)).toEqual([1]);
    const range = await store.readStream('L-1', { fromVersion: 2, toVersion: 2 });
    expect(range).toHaveLength(1);
    expect(range[0]).toMatchObject({
      schemaVersion: 2,
      data: { amount: 7, currency: 'CNY' },
      recordedAt: '2026-03-02T08:00:00.000Z',
    });
    const all: string[] = [];
    for await (const e of store.readAll({ batchSize: 2 })) all.push(`${e.streamId}@${e.streamVersion}`);
    expect(all).toEqual(['L-1@1', 'L-2@1', 'L-1@2', 'L-1@3', 'L-1@4']);
    // The batched read: the same events, decoded and upcast alike, in batches of the requested size.
    const batches: RecordedEvent[][] = [];
    for await (const b of store.readAllBatches({ afterPosition: 1, batchSize: 2 })) batches.push(b);
    expect(batches.map((b) => b.map((e) => `${e.streamId}@${e.streamVersion}`))).toEqual([
      ['L-2@1', 'L-1@2'],
      ['L-1@3', 'L-1@4'],
    ]);
    const readOne: RecordedEvent[] = [];
    for await (const e of store.readAll({ afterPosition: 1 })) readOne.push(e);
    expect(batches.flat()).toEqual(readOne);
    expect(batches[0]![1]).toMatchObject({ schemaVersion: 2, data: { amount: 7, currency: 'CNY' } });
    const { state, version } = await store.load(
      'L-1',
      ledgerDecider.evolve as never,
      ledgerDecider.initialState,
    );
    expect({ state, version }).toEqual({
      state: { status: 'closed', owner: 'acme', balance: 15, credits: 2 },
      version: 4,
    });
    const everything = await store.replayAll(ledgerDecider.evolve as never, ledgerDecider.initialState, 2);
    expect(everything.get('L-1')).toEqual({ state, version: 4 });
    expect(everything.get('L-2')).toMatchObject({ version: 1, state: { owner: 'beta' } });
  });

  it('detects one tampered byte of one stored event at its version', async () => {
    const { store } = await open();
    await store.append(
      'L-9',
      0,
      [{ type: 'LedgerOpened', data: { owner: 'acme', openedOn: '2026-03-01' } }],
      meta,
    );
    for (let v = 1; v < 6; v++) {
      await store.append(
        'L-9',
        v,
        [{ type: 'LedgerCredited', data: { amount: v * 100, currency: 'CNY' } }],
        meta,
      );
    }
    expect(await store.verifyStream('L-9')).toMatchObject({ ok: true, checked: 6 });
    // 400 → 401: one byte of the stored document, written behind the store's back.
    await store.events.updateOne({ streamId: 'L-9', streamVersion: 5 }, { $set: { 'data.amount': 401 } });
    expect(await store.verifyStream('L-9')).toMatchObject({
      ok: false,
      brokenAt: 5,
      reason: 'hash-mismatch',
      checked: 4,
    });
    await expect(
      store.load('L-9', ledgerDecider.evolve as never, ledgerDecider.initialState),
    ).rejects.toThrow(/fails integrity at version 5 \(hash-mismatch\)/);
    await expect(store.replayAll(ledgerDecider.evolve as never, ledgerDecider.initialState)).rejects.toThrow(
      /stream L-9 fails integrity at version 5 \(hash-mismatch\)/,
    );
  });

  it('idempotent commands: first result for a repeated key, scoped per principal and route', async () => {
    const { connection, clock } = await open();
    const idem = await IdempotencyStore.open(dbOf(connection), clock, { ttlMs: 60_000, leaseMs: 5_000 });
    const u1 = { role: 'county_reviewer', sub: 'u1', region: '410402' };
    const scope = { principal: u1, route: 'POST /ledgers', key: 'k-1' };
    let calls = 0;
    const handler = async () => ({ status: 201, body: { id: `L-${++calls}` } });
    expect(await idem.run(scope, { owner: 'acme' }, handler)).toEqual({
      kind: 'done',
      response: { status: 201, body: { id: 'L-1' } },
    });
    expect(await idem.run(scope, { owner: 'acme' }, handler)).toEqual({
      kind: 'replay',
      response: { status: 201, body: { id: 'L-1' } },
    });
    expect(await idem.run(scope, { owner: 'other' }, handler)).toEqual({ kind: 'mismatch' });
    // The same subject in another region is another principal: no replay across regions.
    expect(
      await idem.run({ ...scope, principal: { ...u1, region: '410403' } }, { owner: 'acme' }, handler),
    ).toMatchObject({ kind: 'done', response: { body: { id: 'L-2' } } });
    expect(await idem.begin({ ...scope, key: 'k-2' }, {})).toEqual({ kind: 'new' });
    expect(await idem.begin({ ...scope, key: 'k-2' }, {})).toEqual({ kind: 'in-progress' });
    clock.advance(60_001);
    expect(await idem.run(scope, { owner: 'acme' }, handler)).toMatchObject({
      kind: 'done',
      response: { body: { id: 'L-3' } },
    });
    expect(calls).toBe(3);
  });

  it('idempotency: a pending record left by a crash is taken over once its lease has run out', async () => {
    const { connection, clock } = await open();
    const idem = await IdempotencyStore.open(dbOf(connection), clock, { ttlMs: 60_000, leaseMs: 5_000 });
    const scope = { principal: { role: 'enterprise', sub: 'e1', uscc: 'X' }, route: 'POST /x', key: 'k' };
    expect(await idem.begin(scope, { a: 1 })).toEqual({ kind: 'new' }); // …and the process dies here
    clock.advance(4_999);
    expect(await idem.begin(scope, { a: 1 })).toEqual({ kind: 'in-progress' });
    clock.advance(1);
    expect(await idem.begin(scope, { a: 1 })).toEqual({ kind: 'new' });
    expect(await idem.begin(scope, { a: 1 })).toEqual({ kind: 'in-progress' });
    await idem.complete(scope, { status: 201, body: { ok: true } });
    expect(await idem.begin(scope, { a: 1 })).toEqual({
      kind: 'replay',
      response: { status: 201, body: { ok: true } },
    });
  });

  it('idempotency: expiry follows the clock port alone (no TTL index on the server clock)', async () => {
    const { connection, clock } = await open();
    const db = dbOf(connection);
    const idem = await IdempotencyStore.open(db, clock, { ttlMs: 60_000 });
    const indexes = await db.collection('idempotency').listIndexes().toArray();
    expect(indexes.some((ix) => 'expireAfterSeconds' in ix)).toBe(false);
    const scope = { principal: { role: 'admin', sub: 'a' }, route: 'POST /x', key: 'k' };
    await idem.run(scope, {}, async () => ({ status: 200, body: 1 }));
    clock.advance(60_000);
    expect(await idem.purgeExpired()).toBe(1);
    expect(await db.collection('idempotency').countDocuments({})).toBe(0);
  });
}
