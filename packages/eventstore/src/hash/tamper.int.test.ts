import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type mongoose from 'mongoose';
import { startCheckpoints } from '../checkpoint/start';
import { ManualClock } from '../clock';
import { MongoCheckpointStore } from '../checkpoint/store';
import { dbOf } from '../store/mongo-docs';
import { MongoEventStore } from '../store/mongo-store';
import { mongoLiteEnv, openDb, type TestEnv } from '../test-support/env';
import { admin, ledgerRegistry } from '../test-support/ledger';
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

describe('startCheckpoints (a service start-up, local mode, over mongo-lite)', () => {
  let env: TestEnv;
  let home: string;
  beforeAll(async () => {
    env = await mongoLiteEnv();
    home = mkdtempSync(join(tmpdir(), 'cp-home-'));
  });
  afterAll(async () => {
    await env?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('writes a signed checkpoint at once that the verifier accepts; a bad interval is refused', async () => {
    const connection = await openDb(env);
    try {
      const clock = new ManualClock('2026-03-01T08:00:00Z');
      const store = await MongoEventStore.open({ connection, clock, codec: ledgerRegistry() });
      const opened = [{ type: 'LedgerOpened', data: { owner: 'acme', openedOn: '2026-03-01' } }];
      await store.append('L-1', 0, opened, { actor: admin, correlationId: 'c', causationId: null });
      const cpEnv = { PEIYU_HOME: home, PEIYU_CHECKPOINT_INTERVAL: '1h' };
      await expect(
        startCheckpoints({
          service: 'test',
          mode: 'local',
          store,
          clock,
          env: { ...cpEnv, PEIYU_CHECKPOINT_INTERVAL: '0s' },
        }),
      ).rejects.toThrow(/PEIYU_CHECKPOINT_INTERVAL/);
      const cp = await startCheckpoints({ service: 'test', mode: 'local', store, clock, env: cpEnv });
      await cp.stop();
      expect(await cp.verifier.verifyLatest()).toMatchObject({
        ok: true,
        streams: 1,
        checkpoint: { id: '000000000001' },
      });
    } finally {
      await connection.close();
    }
  });
});
