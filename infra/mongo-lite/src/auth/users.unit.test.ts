import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MongoClient } from 'mongodb';
import { credentialUri, ensureUsersFile, readUsersFile } from './users';

describe('local users file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mongo-lite-users-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates root and one readWrite user per database, mode 0600, keeping passwords across runs', () => {
    const file = path.join(dir, 'users.json');
    const first = ensureUsersFile(file, ['peiyu-registry']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.users.map((u) => [u.user, u.roles])).toEqual([
      ['root', [{ role: 'root', db: 'admin' }]],
      ['peiyu-registry', [{ role: 'readWrite', db: 'peiyu-registry' }]],
    ]);
    const second = ensureUsersFile(file, ['peiyu-registry', 'peiyu-assessment']);
    expect(second.users.slice(0, 2)).toEqual(first.users);
    expect(second.users[2]?.user).toBe('peiyu-assessment');
    expect(second.users[2]?.password).not.toBe(first.users[1]?.password);
    expect(readUsersFile(file)).toEqual(second);
  });

  it('puts credentials and authSource into a connection string the driver reads back', () => {
    const uri = credentialUri('mongodb://127.0.0.1:27017/', {
      user: 'a b',
      password: 'p@ss:/?',
      db: 'admin',
    });
    const options = new MongoClient(uri).options;
    expect(options.credentials?.username).toBe('a b');
    expect(options.credentials?.password).toBe('p@ss:/?');
    expect(options.credentials?.source).toBe('admin');
  });
});
