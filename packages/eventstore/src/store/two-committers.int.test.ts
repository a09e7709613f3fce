import mongoose from 'mongoose';
import { ManualClock } from '../clock';
import { mongoLiteEnv, type TestEnv } from '../test-support/env';
import { admin, ledgerRegistry } from '../test-support/ledger';
import { MongoEventStore } from './mongo-store';

// Two replicas of a service append to one store: their group committers take positions from the one counter.
// Losing a position to the other process's commit is not a conflict of the caller's stream — every append of a
// new stream must succeed, however the two interleave. The command-path bench with `--replicas 2` answered 409
// already_registered to 1–2 % of new registrations: mongo-lite answered the careful path's insert at a taken
// position with a duplicate key, where MongoDB answers a write conflict that the transaction retries.
const meta = { actor: admin, correlationId: 'c', causationId: null };
const opened = (owner: string) => [{ type: 'LedgerOpened', data: { owner, openedOn: '2026-03-01' } }];

describe('two processes appending new streams to one store', () => {
  let env: TestEnv;
  const connections: mongoose.Connection[] = [];
  beforeAll(async () => {
    env = await mongoLiteEnv();
  });
  afterAll(async () => {
    for (const c of connections) await c.close();
    await env?.stop();
  });

  it('commits every append, with positions 1..n each taken once', async () => {
    const dbName = `two_${process.pid}`;
    const clock = new ManualClock('2026-03-01T08:00:00Z');
    const stores: MongoEventStore[] = [];
    for (let i = 0; i < 2; i++) {
      const connection = await mongoose.createConnection(env.mongoUri, { dbName }).asPromise();
      connections.push(connection);
      stores.push(await MongoEventStore.open({ connection, clock, codec: ledgerRegistry() }));
    }
    // four writers per process, each appending one new stream after another: small groups, interleaved
    const WRITERS = 8;
    const EACH = 50;
    const N = WRITERS * EACH;
    const failed: string[] = [];
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; i < EACH; i++) {
          const k = w * EACH + i;
          await stores[w % 2]!.append(`L-${k}`, 0, opened(`o${k}`), meta).catch((err: unknown) => {
            failed.push(String(err));
          });
        }
      }),
    );
    expect(failed).toEqual([]);
    const positions = (await stores[0]!.events.find({}, { projection: { position: 1 } }).toArray())
      .map((d) => d.position)
      .sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: N }, (_, i) => i + 1));
  }, 60_000);
});
