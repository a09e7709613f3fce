import mongoose from 'mongoose';
import { ManualClock } from '../clock';
import { mongoLiteEnv, type TestEnv } from '../test-support/env';
import { loadStream } from '../command/load';
import { admin, ledgerDecider, ledgerRegistry } from '../test-support/ledger';
import { IntegrityError } from './errors';
import { MongoEventStore } from './mongo-store';

const meta = { actor: admin, correlationId: 'c-1', causationId: null };
const opened = (owner: string) => [{ type: 'LedgerOpened', data: { owner, openedOn: '2026-03-01' } }];
const credit = [{ type: 'LedgerCredited', data: { amount: 5, currency: 'CNY' } }];

describe('the command path reads heads coalesced and does not read a headless stream (issue 19 §2)', () => {
  let env: TestEnv;
  let connection: mongoose.Connection;
  let store: MongoEventStore;
  const commands: string[] = [];
  beforeAll(async () => {
    env = await mongoLiteEnv();
    connection = await mongoose
      .createConnection(env.mongoUri, { dbName: `heads_${process.pid}`, monitorCommands: true })
      .asPromise();
    store = await MongoEventStore.open({
      connection,
      clock: new ManualClock('2026-03-01T08:00:00Z'),
      codec: ledgerRegistry(),
    });
    const client = connection.getClient();
    client.on('commandStarted', (e: { commandName: string; command: Record<string, unknown> }) => {
      const target = e.command[e.commandName];
      commands.push(`${e.commandName} ${typeof target === 'string' ? target : ''}`);
    });
  });
  afterAll(async () => {
    await connection?.close();
    await env?.stop();
  });
  // as the command pipeline loads (it appends next)
  const load = (id: string) => loadStream(store, ledgerDecider, id, 'decide');
  const counted = async (work: () => Promise<unknown>) => {
    commands.length = 0;
    await work();
    return commands.filter((c) => c.startsWith('find '));
  };

  it('loads a new stream with one find and no read of its events', async () => {
    const finds = await counted(() => load('L-new'));
    expect(finds).toEqual(['find events_heads']);
  });

  it('twenty concurrent loads share head reads; each gets its own stream', async () => {
    for (let i = 0; i < 20; i++) await store.append(`L-c${i}`, 0, opened(`o${i}`), meta);
    let loaded: Array<{ version: number; state: { owner?: string } }> = [];
    const finds = await counted(async () => {
      loaded = await Promise.all(Array.from({ length: 20 }, (_, i) => load(`L-c${i}`)));
    });
    expect(loaded.map((l) => l.state.owner)).toEqual(Array.from({ length: 20 }, (_, i) => `o${i}`));
    expect(loaded.every((l) => l.version === 1)).toBe(true);
    const headFinds = finds.filter((f) => f === 'find events_heads').length;
    expect(headFinds).toBeGreaterThanOrEqual(1);
    expect(headFinds).toBeLessThanOrEqual(2); // one in flight, the other nineteen together
    expect(finds.filter((f) => f === 'find events')).toHaveLength(20);
  });

  it('a load after an append sees the new head (never a read that started before the call)', async () => {
    await store.append('L-seq', 0, opened('s'), meta);
    const pending = load('L-other');
    await store.append('L-seq', 1, credit, meta);
    const [after] = await Promise.all([load('L-seq'), pending]);
    expect(after).toMatchObject({ version: 2, state: { balance: 5 } });
  });

  it('events whose head record was deleted: the load answers a new stream, the append and the history read refuse', async () => {
    await store.append('L-gone', 0, opened('g'), meta);
    await store.heads.deleteOne({ _id: 'L-gone' });
    expect(await load('L-gone')).toMatchObject({
      version: 0,
    });
    await expect(store.append('L-gone', 0, opened('g2'), meta)).rejects.toBeInstanceOf(IntegrityError);
    await expect(store.readStreamVerified('L-gone')).rejects.toBeInstanceOf(IntegrityError);
    expect(await store.events.countDocuments({ streamId: 'L-gone' })).toBe(1);
  });

  it("a new stream's append reads nothing: insert, update, commit — the guards catch an existing stream", async () => {
    await store.append('L-warm', 0, opened('w'), meta); // the counter is known from here on
    commands.length = 0;
    await store.append('L-fresh', 0, opened('f'), meta);
    expect(commands).toEqual(['insert events', 'update events_heads', 'commitTransaction ']);
    // the same stream again: the insert meets its first event, and the careful path answers the race
    await expect(store.append('L-fresh', 0, opened('f2'), meta)).rejects.toThrow(
      'stream L-fresh: expected version 0, found 1',
    );
    expect(await store.events.countDocuments({ streamId: 'L-fresh' })).toBe(1);
  });

  it('onAppended listeners hear each committed append once, and not a refused one', async () => {
    const heard: Array<{ version: number; types: string[] }> = [];
    const off = store.onAppended((r) =>
      heard.push({ version: r.version, types: r.events.map((e) => e.type) }),
    );
    await store.append('L-hear', 0, opened('h'), meta);
    await expect(store.append('L-hear', 0, opened('h'), meta)).rejects.toThrow();
    await store.append('L-hear', 1, credit, meta);
    off();
    await store.append('L-hear', 2, credit, meta);
    expect(heard).toEqual([
      { version: 1, types: ['LedgerOpened'] },
      { version: 2, types: ['LedgerCredited'] },
    ]);
  });
});
