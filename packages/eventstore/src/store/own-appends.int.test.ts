import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { ManualClock } from '../clock';
import { OutboxRelay, type OutboxRelayOptions } from '../outbox/relay';
import { StoreProjector } from '../projection/store-projection';
import { eventually, liteEnv, type TestEnv } from '../test-support/env';
import { admin, ledgerBalances, ledgerCredited, ledgerOpened, ledgerRegistry } from '../test-support/ledger';
import { dbOf } from './mongo-docs';
import { MongoEventStore } from './mongo-store';

// Issue 19 §2, command path: the relay and the projector of a process take what it has just appended from
// its own recent appends instead of reading the events back — and read the store whenever those do not hold
// every event (another process's append between), so nothing is skipped.
const meta = { actor: admin, correlationId: 'c-1', causationId: null };
const opened = ledgerOpened;
const credit = ledgerCredited;
const balances = ledgerBalances;

describe('own recent appends feed the relay and the projector without reading them back', () => {
  let env: TestEnv;
  let connection: mongoose.Connection;
  let other: mongoose.Connection;
  let store: MongoEventStore;
  let otherStore: MongoEventStore; // another replica of the service on the same database
  let projector: StoreProjector;
  const commands: string[] = [];
  beforeAll(async () => {
    env = await liteEnv();
    const open = (monitorCommands: boolean) =>
      mongoose.createConnection(env.mongoUri, { dbName: `own_${process.pid}`, monitorCommands }).asPromise();
    connection = await open(true);
    other = await open(false);
    const clock = new ManualClock('2026-03-01T08:00:00Z');
    store = await MongoEventStore.open({ connection, clock, codec: ledgerRegistry() });
    otherStore = await MongoEventStore.open({ connection: other, clock, codec: ledgerRegistry() });
    connection
      .getClient()
      .on('commandStarted', (e: { commandName: string; command: Record<string, unknown> }) => {
        const target = e.command[e.commandName];
        const outbox = 'published' in ((e.command['filter'] as object | undefined) ?? {});
        commands.push(
          `${e.commandName} ${typeof target === 'string' ? target : ''}${outbox ? ' (outbox)' : ''}`,
        );
      });
    projector = new StoreProjector({
      store,
      db: dbOf(connection),
      projections: [balances],
      own: store.ownAppends,
    });
    await projector.start();
  });
  afterAll(async () => {
    await connection?.close();
    await other?.close();
    await env?.stop();
  });
  const eventReads = () => commands.filter((c) => c === 'find events');
  const outboxReads = () => commands.filter((c) => c === 'find events (outbox)');
  const balance = async (stream: string) =>
    (await (await projector.collection('balances')).findOne({ _id: stream }))?.['balance'];

  it('applies its own appends without a find on the events', async () => {
    await store.append('L-a', 0, opened('a'), meta);
    await store.append('L-a', 1, credit(5), meta);
    commands.length = 0;
    await projector.catchUpOwn();
    expect(await balance('L-a')).toBe(5);
    expect(eventReads()).toEqual([]);
  });

  it("reads the store when another process's event lies between, and applies both in order", async () => {
    await otherStore.append('L-b', 0, opened('b'), meta);
    await store.append('L-a', 2, credit(7), meta);
    commands.length = 0;
    await projector.catchUpOwn();
    expect(await balance('L-b')).toBe(0);
    expect(await balance('L-a')).toBe(12);
    expect(eventReads()).toEqual(['find events']);
  });

  it('a pass for appends an earlier pass already applied reads nothing at all', async () => {
    await store.append('L-a', 3, credit(1), meta);
    await projector.catchUpOwn();
    commands.length = 0;
    await projector.catchUpOwn();
    expect(commands).toEqual([]);
    expect(await balance('L-a')).toBe(13);
  });

  it("catchUp() still reads the store: another process's later event is applied", async () => {
    await otherStore.append('L-b', 1, credit(2), meta);
    await projector.catchUpOwn(); // nothing of this process after the projection: not read
    expect(await balance('L-b')).toBe(0);
    await projector.catchUp();
    expect(await balance('L-b')).toBe(2);
  });

  /**
   * A relay on this store whose poll waits until the test calls `poll()`: `idle()` resolves when the relay next
   * waits, once `nextIdle()` was called before what should end in a wait.
   */
  const steppedRelay = (clientId: string, options: Partial<OutboxRelayOptions> = {}) => {
    const kafka = new Kafka({ clientId, brokers: env.brokers, logLevel: logLevel.NOTHING });
    let poll = (): void => undefined;
    let waiting = (): void => undefined;
    let idle = new Promise<void>((r) => (waiting = r));
    const relay = new OutboxRelay({
      kafka,
      events: store.events,
      own: store.ownAppends,
      topicOf: () => 'own.v1',
      clock: new ManualClock('2026-03-01T09:00:00Z'),
      sleep: () =>
        new Promise<void>((resolve) => {
          poll = resolve;
          waiting();
        }),
      ...options,
    });
    return {
      kafka,
      relay,
      idle: () => idle,
      nextIdle: () => void (idle = new Promise<void>((r) => (waiting = r))),
      poll: () => poll(),
    };
  };

  it('the relay publishes its own appends without reading the outbox, and the poll finds the other process', async () => {
    const { kafka, relay, idle, nextIdle, poll } = steppedRelay('own');
    const adminClient = kafka.admin();
    await adminClient.connect();
    await adminClient.createTopics({ waitForLeaders: true, topics: [{ topic: 'own.v1', numPartitions: 1 }] });
    await adminClient.disconnect();
    const unpublished = () => store.events.countDocuments({ published: false });
    const stop = store.onAppended(() => relay.notify());
    relay.start();
    try {
      await idle(); // the first pass read the outbox and published what the tests above appended
      await eventually(async () => expect(await unpublished()).toBe(0)); // marked within MARK_DELAY_MS
      commands.length = 0;
      nextIdle();
      await store.append('L-c', 0, opened('c'), meta);
      await idle();
      await eventually(async () => expect(await unpublished()).toBe(0)); // marked within MARK_DELAY_MS
      expect(outboxReads()).toEqual([]);
      expect(commands.filter((c) => c === 'update events')).toHaveLength(1);
      // another replica's append, which this process is not told of: the poll reads the outbox
      await otherStore.append('L-d', 0, opened('d'), meta);
      expect(await unpublished()).toBe(1);
      nextIdle();
      poll();
      await idle();
      await eventually(async () => expect(await unpublished()).toBe(0)); // marked within MARK_DELAY_MS
      expect(outboxReads().length).toBeGreaterThanOrEqual(1);
      // the other's event before an own append: the own pass finds a hole and reads the outbox
      commands.length = 0;
      nextIdle();
      await otherStore.append('L-d', 1, credit(3), meta);
      await store.append('L-c', 1, credit(4), meta);
      await idle();
      await eventually(async () => expect(await unpublished()).toBe(0)); // marked within MARK_DELAY_MS
      expect(outboxReads().length).toBeGreaterThanOrEqual(1);
    } finally {
      stop();
      poll();
      await relay.stop();
    }
    // Everything reached Kafka once, in position order.
    const consumer = kafka.consumer({ groupId: `own-${process.pid}` });
    await consumer.connect();
    await consumer.subscribe({ topic: 'own.v1', fromBeginning: true });
    const stored = (await store.events.find({}, { sort: { position: 1 } }).toArray()).map((d) => d._id);
    const seen: string[] = [];
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(String(message.headers!['eventId']));
      },
    });
    await eventually(() => expect(seen).toHaveLength(stored.length), 20_000);
    await consumer.disconnect();
    expect(seen).toEqual(stored);
  });

  it('the loop marks several batches published in one update, and before it reads the outbox', async () => {
    const { relay, idle, nextIdle, poll } = steppedRelay('marks', {
      clock: new ManualClock('2026-03-01T10:00:00Z'),
      markDelayMs: 3_600_000, // held until the outbox is read or the relay stops
    });
    const published = () => relay.counters.get('outbox_published') ?? 0;
    const unpublished = () => store.events.countDocuments({ published: false });
    const stop = store.onAppended(() => relay.notify());
    relay.start();
    try {
      await idle(); // nothing left unpublished by the test above
      commands.length = 0;
      for (const version of [0, 1]) {
        nextIdle();
        await store.append('L-e', version, version === 0 ? opened('e') : credit(1), meta);
        await idle();
      }
      expect(published()).toBe(2); // two batches, one per wake-up
      expect(await unpublished()).toBe(2);
      expect(commands.filter((c) => c === 'update events')).toEqual([]);
      // the poll reads the outbox: the held marks go first, in one update, so nothing is published twice
      nextIdle();
      poll();
      await idle();
      expect(commands.filter((c) => c === 'update events' || c.endsWith('(outbox)'))).toEqual([
        'update events',
        'find events (outbox)',
      ]);
      expect(await unpublished()).toBe(0);
      expect(published()).toBe(2);
      await otherStore.append('L-f', 0, opened('f'), meta); // another replica's event: the poll finds it
      nextIdle();
      poll();
      await idle();
      expect(published()).toBe(3);
    } finally {
      stop();
      poll();
      await relay.stop();
    }
    expect(await unpublished()).toBe(0);
  });
});
