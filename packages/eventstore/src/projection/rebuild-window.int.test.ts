import { ManualClock } from '../clock';
import { MemoryEventStore } from '../store/memory-store';
import { dbOf } from '../store/mongo-docs';
import { mongoLiteEnv, openDb, type TestEnv } from '../test-support/env';
import { admin } from '../test-support/ledger';
import { tallyProjection } from '../test-support/tally';
import { rebuildProjection, type RebuildProgress } from './rebuild';

// rebuildProjection's replay in windows (issue 19 §2) against the same rebuild batch by batch: twelve streams,
// interleaved, batches of 4 events, a window written at 5 documents or 9 events — documents are folded in
// memory, written, loaded again by a later window; a poisoned event is recorded as skipped either way.
describe('rebuildProjection in windows', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await mongoLiteEnv();
  });
  afterAll(() => env.stop());

  it('fills the new collection with the very documents of the batch-by-batch replay, progress per window', async () => {
    const connection = await openDb(env);
    const db = dbOf(connection);
    const clock = new ManualClock('2026-05-01T00:00:00Z');
    const store = new MemoryEventStore({ clock });
    const meta = { actor: admin, correlationId: 'c', causationId: null };
    const versions = new Map<string, number>();
    for (let i = 0; i < 70; i++) {
      const id = `s-${(i * 5) % 12}`;
      const v = versions.get(id) ?? 0;
      const by = i === 33 ? -1 : i % 7; // one poison event: skipped, listed in _skipped
      await store.append(id, v, [{ type: 'Ticked', data: { by, n: v + 1, writer: `w${i % 4}` } }], meta);
      versions.set(id, v + 1);
    }
    try {
      const build = async (window: { docs: number; events: number } | false) => {
        clock.advance(1000);
        const progress: RebuildProgress[] = [];
        const r = await rebuildProjection({
          store,
          db,
          projection: tallyProjection,
          clock,
          batchSize: 4,
          window,
          swap: false,
          onProgress: (p) => progress.push(p),
        });
        const docs = await db.collection(r.collection).find().sort({ _id: 1 }).toArray();
        return { r, docs, progress };
      };
      const careful = await build(false);
      const windowed = await build({ docs: 5, events: 9 });
      expect(careful.docs).toHaveLength(12);
      expect(careful.docs.some((d) => Array.isArray(d['_skipped']))).toBe(true);
      expect(windowed.docs).toEqual(careful.docs);
      expect(windowed.r.events).toBe(70);
      const replay = windowed.progress.filter((p) => p.phase === 'replay');
      expect(replay.length).toBeGreaterThan(1);
      expect(replay.length).toBeLessThan(careful.progress.filter((p) => p.phase === 'replay').length);
      expect(replay.at(-1)).toMatchObject({ events: 70, position: 70 });
    } finally {
      await connection.close();
    }
  });
});
