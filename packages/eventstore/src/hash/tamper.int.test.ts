import type mongoose from 'mongoose';
import { ManualClock } from '../clock';
import { MongoCheckpointStore } from '../checkpoint/store';
import { dbOf } from '../store/mongo-docs';
import { MongoEventStore } from '../store/mongo-store';
import { mongoLiteEnv, openDb, type TestEnv } from '../test-support/env';
import { ledgerRegistry } from '../test-support/ledger';
import { tamperSuite } from '../test-support/suites/tamper.suite';

describe('tampering with MongoDB behind the store (finding 4, over TCP against mongo-lite)', () => {
  let env: TestEnv;
  const conns: mongoose.Connection[] = [];
  beforeAll(async () => {
    env = await mongoLiteEnv();
  });
  afterAll(async () => {
    await Promise.all(conns.map((c) => c.close()));
    await env?.stop();
  });
  tamperSuite(async () => {
    const connection = await openDb(env);
    conns.push(connection);
    const clock = new ManualClock('2026-03-01T08:00:00Z');
    const store = await MongoEventStore.open({ connection, clock, codec: ledgerRegistry() });
    return {
      store,
      clock,
      checkpoints: await MongoCheckpointStore.open(dbOf(connection)),
      async rewrite(streamId, records) {
        // Straight to the collection, as an attacker with write access would.
        await store.events.deleteMany({ streamId });
        await store.events.insertMany(
          records.map((r) => ({ _id: r.eventId, ...r, hashAlg: 'sha256', published: true })),
        );
      },
      async deleteEvent(streamId, version) {
        await store.events.deleteOne({ streamId, streamVersion: version });
      },
      async setHead({ streamId, version, hash }) {
        await store.heads.updateOne({ _id: streamId }, { $set: { version, hash } });
      },
    };
  });
});
