import { MongoClient } from 'mongodb';
import { startMongoLite } from '../server';

describe('TTL indexes over the wire', () => {
  it('are listed with expireAfterSeconds and expired documents disappear', async () => {
    const server = await startMongoLite({ ttlMonitorMs: 25, log: () => undefined });
    const client = new MongoClient(server.uri);
    try {
      await client.connect();
      const c = client.db('t').collection('idem');
      await c.createIndex({ expiresAt: 1 }, { name: 'ttl', expireAfterSeconds: 0 });
      const idx = (await c.listIndexes().toArray()).find((i) => i.name === 'ttl');
      expect(idx?.expireAfterSeconds).toBe(0);
      await c.insertMany([
        { _id: 'past' as never, expiresAt: new Date('2000-01-01T00:00:00Z') },
        { _id: 'future' as never, expiresAt: new Date('2999-01-01T00:00:00Z') },
      ]);
      // The monitor runs in the background; poll for its effect rather than sleeping a fixed time.
      for (let i = 0; i < 200 && (await c.countDocuments()) > 1; i++)
        await new Promise((r) => setTimeout(r, 25));
      expect((await c.find().toArray()).map((d) => d._id)).toEqual(['future']);
    } finally {
      await client.close();
      await server.stop();
    }
  });
});
