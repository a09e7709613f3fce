import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MongoClient, MongoServerError } from 'mongodb';
import { startMongoLite, type MongoLite } from '../server';
import { spawnServer, kill9, type ChildServer } from '../test-support/child-server';
import { type Frame, startRecordingProxy } from '../test-support/recording-proxy';
import { readUsersFile, type UserSpec, writeUsersFile } from './users';

const svc: UserSpec = { user: 'svc', password: 'pw', roles: [{ role: 'readWrite', db: 'svc' }] };
const admin: UserSpec = { user: 'admin', password: 'root-pw', roles: [{ role: 'root', db: 'admin' }] };
const url = (port: number, u: UserSpec, extra = ''): string =>
  `mongodb://${u.user}:${u.password}@127.0.0.1:${port}/${u.roles[0]?.db}?authSource=admin${extra}`;

describe('mongo-lite authentication: wire details', () => {
  let server: MongoLite;
  beforeAll(async () => {
    server = await startMongoLite({ log: () => undefined, auth: { users: [svc, admin], iterations: 4096 } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('signs the driver in through speculativeAuthenticate in hello, with no saslStart round trip', async () => {
    const proxy = await startRecordingProxy(server.port);
    const client = new MongoClient(url(proxy.port, svc, '&directConnection=true'));
    try {
      await client.connect();
      await client.db().collection('x').insertOne({ a: 1 });
    } finally {
      await client.close();
      await proxy.close();
    }
    const frames: Frame[] = proxy.frames;
    const hello = frames.find((f) => 'speculativeAuthenticate' in f.body);
    expect(hello?.body.saslSupportedMechs).toBe('admin.svc');
    expect(frames.some((f) => 'saslStart' in f.body)).toBe(false);
    expect(frames.filter((f) => 'saslContinue' in f.body)).toHaveLength(1);
  });

  it('reports the signed-in user in connectionStatus and usersInfo, without credentials', async () => {
    const client = new MongoClient(url(server.port, svc));
    try {
      await client.connect();
      const status = await client.db('admin').command({ connectionStatus: 1 });
      expect(status.authInfo.authenticatedUsers).toEqual([{ user: 'svc', db: 'admin' }]);
      const self = await client.db('admin').command({ usersInfo: 'svc' });
      expect(self.users).toEqual([
        { _id: 'admin.svc', user: 'svc', db: 'admin', roles: svc.roles, mechanisms: ['SCRAM-SHA-256'] },
      ]);
      const others = await client
        .db('admin')
        .command({ usersInfo: 'admin' })
        .catch((e: unknown) => e as MongoServerError);
      expect((others as MongoServerError).code).toBe(13);
      const server = await client
        .db('admin')
        .command({ serverStatus: 1 })
        .catch((e: unknown) => e as MongoServerError);
      expect((server as MongoServerError).code).toBe(13);
    } finally {
      await client.close();
    }
  });

  it('refuses a mechanism other than SCRAM-SHA-256 with 334 MechanismUnavailable', async () => {
    const client = new MongoClient(`${url(server.port, svc)}&authMechanism=SCRAM-SHA-1`);
    const err = (await client.connect().catch((e: unknown) => e)) as MongoServerError;
    await client.close();
    expect([err.code, err.codeName]).toEqual([334, 'MechanismUnavailable']);
  });
});

describe('mongo-lite authentication from a users file (built bin)', () => {
  let dir: string;
  let child: ChildServer | undefined;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mongo-lite-auth-'));
  });
  afterEach(async () => {
    if (child) await kill9(child);
    child = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the file with mode 0600 and serves its users with --users', async () => {
    const file = path.join(dir, 'users.json');
    writeUsersFile(file, { users: [svc, admin], iterations: 4096 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readUsersFile(file).users.map((u) => u.user)).toEqual(['svc', 'admin']);
    child = await spawnServer(['--users', file]);
    const client = new MongoClient(url(child.port, svc));
    try {
      await client.connect();
      await client.db().collection('x').insertOne({ a: 1 });
      const err = (await client
        .db('other')
        .collection('x')
        .findOne({})
        .catch((e: unknown) => e)) as MongoServerError;
      expect(err.code).toBe(13);
    } finally {
      await client.close();
    }
  });

  it('refuses to start on a users file other accounts can read, or with an unknown role', async () => {
    const open = path.join(dir, 'open.json');
    writeUsersFile(open, { users: [svc] });
    chmodSync(open, 0o644);
    await expect(spawnServer(['--users', open])).rejects.toThrow(/accessible to other accounts/);
    expect(() =>
      writeUsersFile(path.join(dir, 'bad.json'), {
        users: [{ user: 'x', password: 'y', roles: [{ role: 'readWriteAnyDatabase', db: 'svc' }] }],
      }),
    ).toThrow(/exists only on the admin database/);
  });
});
