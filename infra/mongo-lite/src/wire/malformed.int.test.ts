import * as net from 'node:net';
import { MongoClient } from 'mongodb';
import { startMongoLite, type MongoLite } from '../server';

function sendRaw(port: number, bytes: Buffer): Promise<'closed'> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(bytes));
    s.on('close', () => resolve('closed'));
    s.on('error', reject);
  });
}

const frame = (opCode: number, payload: Buffer): Buffer => {
  const h = Buffer.alloc(16);
  h.writeInt32LE(16 + payload.length, 0);
  h.writeInt32LE(1, 4);
  h.writeInt32LE(opCode, 12);
  return Buffer.concat([h, payload]);
};

describe('malformed input', () => {
  let server: MongoLite;
  const lines: string[] = [];
  beforeAll(async () => {
    server = await startMongoLite({ log: (l) => lines.push(l) });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('closes only the offending connection and keeps serving others', async () => {
    const client = new MongoClient(server.uri);
    await client.connect();
    await client.db('m').collection('c').insertOne({ ok: true });

    const badLength = Buffer.alloc(8);
    badLength.writeInt32LE(-5, 0);
    await expect(sendRaw(server.port, badLength)).resolves.toBe('closed');
    const badBson = Buffer.concat([Buffer.alloc(5), Buffer.from([0xff, 0xff, 0xff, 0x7f, 1, 2, 3])]);
    await expect(sendRaw(server.port, frame(2013, badBson))).resolves.toBe('closed');
    await expect(sendRaw(server.port, frame(2001, Buffer.alloc(10)))).resolves.toBe('closed');

    expect(lines.filter((l) => l.includes('closing connection'))).toHaveLength(3);
    expect(await client.db('m').collection('c').countDocuments()).toBe(1);
    await client.close();
  });

  it('names unsupported features instead of answering wrongly', async () => {
    const client = new MongoClient(server.uri);
    await client.connect();
    const c = client.db('m').collection('u');
    await expect(c.find({ $text: { $search: 'x' } }).toArray()).rejects.toThrow(/does not support \$text/);
    await expect(c.find({}).collation({ locale: 'fr' }).toArray()).rejects.toThrow(
      /does not support collation/,
    );
    await expect(c.aggregate([{ $out: 'x' }]).toArray()).rejects.toThrow(/does not support the \$out stage/);
    await expect(c.createIndex({ loc: '2dsphere' })).rejects.toThrow(/does not support 2dsphere indexes/);
    await expect(client.db('m').command({ frobnicate: 1 })).rejects.toMatchObject({ code: 59 });
    await client.close();
  });
});
