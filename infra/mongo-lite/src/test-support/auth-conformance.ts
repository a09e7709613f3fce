/**
 * Authentication and per-database authorisation as MongoDB does them with `--auth`: SCRAM-SHA-256 through the
 * driver and mongoose, 13 Unauthorized before authentication and outside the user's databases, 18
 * AuthenticationFailed for bad credentials. Runs against mongo-lite (users configured at start) and a real
 * MongoDB with a root user (service users created with createUser).
 */
import { Long, MongoClient, MongoServerError } from 'mongodb';
import mongoose from 'mongoose';
import type { UserSpec } from '../auth/users';

export const AUTH_ROOT: UserSpec = {
  user: 'conf-root',
  password: 'root-secret',
  db: 'admin',
  roles: [{ role: 'root', db: 'admin' }],
};
/** U+2168 ROMAN NUMERAL NINE: SASLprep (NFKC) makes it "IX", on the driver's side and the server's. */
export const AUTH_REGISTRY: UserSpec = {
  user: 'conf-registry',
  password: 'r-\u2168-pässwörd',
  db: 'admin',
  roles: [{ role: 'readWrite', db: 'conf_auth_registry' }],
};
export const AUTH_ASSESSMENT: UserSpec = {
  user: 'conf-assessment',
  password: 'a-secret',
  db: 'admin',
  roles: [{ role: 'readWrite', db: 'conf_auth_assessment' }],
};
/** A second user on the registry database, reading only. */
export const AUTH_REGISTRY_READER: UserSpec = {
  user: 'conf-registry-reader',
  password: 'reader-secret',
  db: 'admin',
  roles: [{ role: 'read', db: 'conf_auth_registry' }],
};
export const AUTH_USERS: UserSpec[] = [AUTH_ROOT, AUTH_REGISTRY, AUTH_ASSESSMENT, AUTH_REGISTRY_READER];

export interface AuthTarget {
  /** host:port of the server. */
  hostPort: string;
  /** Extra URL options, e.g. `&directConnection=true` for a container. */
  params?: string;
  /** Creates the service users with createUser through the root user (real MongoDB); mongo-lite has them. */
  createUsers?: boolean;
}

const enc = encodeURIComponent;

export function authConformanceSuite(getTarget: () => AuthTarget): void {
  const url = (u?: { user: string; password: string }, db = 'test'): string => {
    const t = getTarget();
    const cred = u ? `${enc(u.user)}:${enc(u.password)}@` : '';
    return `mongodb://${cred}${t.hostPort}/${db}?authSource=admin${t.params ?? ''}`;
  };
  const clients: MongoClient[] = [];
  const connect = async (u?: { user: string; password: string }, db?: string): Promise<MongoClient> => {
    const c = new MongoClient(url(u, db), { serverSelectionTimeoutMS: 5_000 });
    clients.push(c);
    await c.connect();
    return c;
  };
  const refusal = (p: Promise<unknown>): Promise<MongoServerError> =>
    p.then(
      () => {
        throw new Error('expected the server to refuse');
      },
      (e: unknown) => e as MongoServerError,
    );

  beforeAll(async () => {
    if (!getTarget().createUsers) return;
    const root = await connect(AUTH_ROOT);
    for (const u of [AUTH_REGISTRY, AUTH_ASSESSMENT, AUTH_REGISTRY_READER]) {
      await root.db('admin').command({ createUser: u.user, pwd: u.password, roles: u.roles });
    }
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
  });

  it('lets a service user read and write its own database and commit transactions there', async () => {
    const client = await connect(AUTH_REGISTRY, 'conf_auth_registry');
    const c = client.db().collection('events');
    await c.insertOne({ _id: 'e1' as never, v: 1 });
    await c.updateOne({ _id: 'e1' as never }, { $inc: { v: 1 } });
    await client.withSession((s) =>
      s.withTransaction(async () => {
        await c.insertOne({ _id: 'e2' as never, v: 10 }, { session: s });
        await c.updateOne({ _id: 'e1' as never }, { $inc: { v: 1 } }, { session: s });
      }),
    );
    expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'e1', v: 3 },
      { _id: 'e2', v: 10 },
    ]);
    await c.deleteOne({ _id: 'e2' as never });
    expect(await c.countDocuments()).toBe(1);
  });

  it('runs mongoose with credentials in the URL, including connection.transaction', async () => {
    const conn = await mongoose
      .createConnection(url(AUTH_ASSESSMENT, 'conf_auth_assessment'), { serverSelectionTimeoutMS: 5_000 })
      .asPromise();
    try {
      const Item = conn.model(
        'Item',
        new mongoose.Schema({ key: { type: String, unique: true }, n: Number }),
      );
      await Item.init();
      await conn.transaction(async (session) => {
        await Item.create([{ key: 'a', n: 1 }], { session });
        await Item.create([{ key: 'b', n: 2 }], { session });
      });
      expect(await Item.find().sort({ key: 1 }).select({ _id: 0, key: 1, n: 1 }).lean()).toEqual([
        { key: 'a', n: 1 },
        { key: 'b', n: 2 },
      ]);
      const dup = await refusal(Item.create({ key: 'a', n: 3 }));
      expect(dup.code).toBe(11000);
    } finally {
      await conn.close();
    }
  });

  it('answers the handshake and ping without credentials but refuses other commands with 13', async () => {
    const anon = await connect(undefined, 'conf_auth_registry');
    expect((await anon.db('admin').command({ ping: 1 })).ok).toBe(1);
    const read = await refusal(anon.db().collection('events').findOne({}));
    expect([read.code, read.codeName]).toEqual([13, 'Unauthorized']);
    expect(read.message).toMatch(/command find requires authentication/);
    const write = await refusal(anon.db().collection('events').insertOne({ x: 1 }));
    expect(write.code).toBe(13);
    const list = await refusal(anon.db('admin').admin().listDatabases());
    expect(list.code).toBe(13);
  });

  it('refuses a wrong password and an unknown user with 18 AuthenticationFailed', async () => {
    const wrong = await refusal(connect({ user: AUTH_REGISTRY.user, password: 'not-it' }));
    expect([wrong.code, wrong.codeName]).toEqual([18, 'AuthenticationFailed']);
    const unknown = await refusal(connect({ user: 'nobody', password: 'x' }));
    expect(unknown.code).toBe(18);
  });

  it('compares passwords after SASLprep', async () => {
    const client = await connect(
      { user: AUTH_REGISTRY.user, password: 'r-IX-pässwörd' },
      'conf_auth_registry',
    );
    expect(
      await client
        .db()
        .collection('events')
        .countDocuments({ _id: 'e1' as never }),
    ).toBe(1);
  });

  it("refuses a service user another service's database with 13, and lists only its own", async () => {
    const client = await connect(AUTH_REGISTRY, 'conf_auth_registry');
    const other = client.db('conf_auth_assessment').collection('items');
    const read = await refusal(other.findOne({}));
    expect([read.code, read.codeName]).toEqual([13, 'Unauthorized']);
    expect(read.message).toMatch(/^not authorized on conf_auth_assessment to execute command/);
    expect((await refusal(other.insertOne({ x: 1 }))).code).toBe(13);
    expect((await refusal(other.drop())).code).toBe(13);
    const names = (await client.db('admin').admin().listDatabases({ nameOnly: true })).databases.map(
      (d) => d.name,
    );
    expect(names).toContain('conf_auth_registry');
    expect(names).not.toContain('conf_auth_assessment');
  });

  it('lets a read-only user read but not write, and not continue a cursor another user opened', async () => {
    const writer = await connect(AUTH_REGISTRY, 'conf_auth_registry');
    await writer
      .db()
      .collection('cursors')
      .insertMany([{ n: 1 }, { n: 2 }, { n: 3 }]);
    // Real cursor ids use all 64 bits: keep them as Long.
    const opened = await writer.db().command({ find: 'cursors', batchSize: 1 }, { promoteLongs: false });
    const id = (opened.cursor as { id: Long }).id;
    expect(id.isZero()).toBe(false);
    const reader = await connect(AUTH_REGISTRY_READER, 'conf_auth_registry');
    expect(await reader.db().collection('cursors').countDocuments()).toBe(3);
    expect((await refusal(reader.db().collection('cursors').insertOne({ n: 4 }))).code).toBe(13);
    const stolen = await refusal(reader.db().command({ getMore: id, collection: 'cursors' }));
    expect([stolen.code, stolen.codeName]).toEqual([13, 'Unauthorized']);
    const more = await writer.db().command({ getMore: id, collection: 'cursors' });
    expect((more.cursor as { nextBatch: unknown[] }).nextBatch).toHaveLength(2);
  });

  it('lets the root user reach every database', async () => {
    const root = await connect(AUTH_ROOT);
    expect(await root.db('conf_auth_assessment').collection('items').countDocuments()).toBe(2);
    expect(await root.db('conf_auth_registry').collection('events').countDocuments()).toBe(1);
  });
}
