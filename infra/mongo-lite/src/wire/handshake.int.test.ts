import { readFileSync } from 'node:fs';
import { MongoClient } from 'mongodb';
import { startMongoLite, type MongoLite } from '../server';
import { type Frame, startRecordingProxy } from '../test-support/recording-proxy';

/**
 * What the installed driver sends was captured for this exact version. A driver upgrade must fail here so the
 * handshake is re-captured and reviewed, instead of drifting silently.
 */
const PINNED_DRIVER_VERSION = '7.9.0';
const installed = (
  JSON.parse(readFileSync(require.resolve('mongodb/package.json'), 'utf8')) as { version: string }
).version;

describe(`driver handshake (pinned to mongodb ${PINNED_DRIVER_VERSION})`, () => {
  let server: MongoLite;
  let frames: Frame[];

  beforeAll(async () => {
    server = await startMongoLite({ log: () => undefined });
    const proxy = await startRecordingProxy(server.port);
    // directConnection keeps the driver on the proxy although hello names the server's own address.
    const client = new MongoClient(`mongodb://127.0.0.1:${proxy.port}/?directConnection=true`);
    await client.connect();
    await client
      .db('h')
      .collection('x')
      .insertMany([{ a: 1 }, { a: 2 }, { a: 3 }]);
    await client.db('h').collection('x').find().toArray();
    await client.close();
    await new Promise((r) => setTimeout(r, 100));
    frames = proxy.frames;
    await proxy.close();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('runs against the driver version it was captured with', () => {
    if (installed !== PINNED_DRIVER_VERSION) {
      throw new Error(
        `mongodb driver ${installed} is installed but the handshake was captured with ${PINNED_DRIVER_VERSION}: ` +
          're-capture the first messages (see this file), review mongo-lite against them, then update the pin',
      );
    }
  });

  it('opens every connection with a legacy OP_QUERY ismaster to admin.$cmd', () => {
    const firsts = new Map<number, Frame>();
    for (const f of frames) if (!firsts.has(f.connection)) firsts.set(f.connection, f);
    expect(firsts.size).toBeGreaterThanOrEqual(2); // monitoring + pooled connection
    for (const f of firsts.values()) {
      expect(f.opCode).toBe(2004);
      expect(f.collection).toBe('admin.$cmd');
      expect(Object.keys(f.body)).toEqual(['ismaster', 'backpressure', 'helloOk', 'client', 'compression']);
      expect(f.body.helloOk).toBe(true);
      expect(f.body.compression).toEqual(['none']);
    }
  });

  it('uses OP_MSG only after the handshake, with inserts in a kind-1 documents sequence', () => {
    const later = frames.filter((f, i) => frames.findIndex((g) => g.connection === f.connection) !== i);
    expect(later.every((f) => f.opCode === 2013)).toBe(true);
    const insert = later.find((f) => 'insert' in f.body);
    expect(insert?.sections).toEqual([{ kind: 0 }, { kind: 1, identifier: 'documents', count: 3 }]);
    expect(insert?.body).toHaveProperty('lsid');
    expect(insert?.body).toHaveProperty('txnNumber');
  });

  it('sends endSessions with moreToCome, expecting no reply', () => {
    const end = frames.find((f) => 'endSessions' in f.body);
    expect(end?.opCode).toBe(2013);
    expect((end?.flags ?? 0) & 2).toBe(2);
  });
});
