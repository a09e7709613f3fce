import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { DEFAULT_ITERATIONS } from './scram';

/** MongoDB's built-in roles that mongo-lite enforces (https://www.mongodb.com/docs/manual/reference/built-in-roles/). */
export const DB_ROLES = ['read', 'readWrite', 'dbAdmin', 'dbOwner'] as const;
/** Roles that only exist on `admin` and reach every database (root also the server itself). */
export const ADMIN_ROLES = [
  'readAnyDatabase',
  'readWriteAnyDatabase',
  'dbAdminAnyDatabase',
  'clusterMonitor',
  'userAdminAnyDatabase',
  'root',
] as const;
export type RoleName = (typeof DB_ROLES)[number] | (typeof ADMIN_ROLES)[number];

export interface RoleGrant {
  role: RoleName;
  db: string;
}

export interface UserSpec {
  user: string;
  password: string;
  /** The database the user is defined on: the client's `authSource`. Default `admin`. */
  db?: string;
  roles: RoleGrant[];
}

export interface AuthOptions {
  users: UserSpec[];
  /** SCRAM-SHA-256 iteration count (≥ 4096; default 15,000 as MongoDB). */
  iterations?: number;
}

const isRole = (r: unknown): r is RoleName =>
  (DB_ROLES as readonly unknown[]).includes(r) || (ADMIN_ROLES as readonly unknown[]).includes(r);

/** Rejects a configuration the server could not enforce as written, naming the user and field. */
export function validateAuthOptions(raw: unknown): AuthOptions {
  const o = raw as { users?: unknown; iterations?: unknown } | null;
  if (!o || !Array.isArray(o.users) || o.users.length === 0)
    throw new Error('auth: `users` must be a non-empty array');
  const seen = new Set<string>();
  const users = o.users.map((u: unknown, i): UserSpec => {
    const x = u as Partial<UserSpec> | null;
    const where = `auth.users[${i}]`;
    if (!x || typeof x.user !== 'string' || x.user.length === 0)
      throw new Error(`${where}.user must be a non-empty string`);
    if (typeof x.password !== 'string' || x.password.length === 0)
      throw new Error(`${where}.password must be a non-empty string`);
    const db = x.db ?? 'admin';
    if (typeof db !== 'string' || db.length === 0) throw new Error(`${where}.db must be a non-empty string`);
    if (seen.has(`${db}.${x.user}`)) throw new Error(`${where}: user ${x.user} on ${db} is defined twice`);
    seen.add(`${db}.${x.user}`);
    if (!Array.isArray(x.roles)) throw new Error(`${where}.roles must be an array`);
    const roles = x.roles.map((r: unknown, j): RoleGrant => {
      const g = r as Partial<RoleGrant> | null;
      if (!g || !isRole(g.role))
        throw new Error(`${where}.roles[${j}].role is not a supported built-in role`);
      if (typeof g.db !== 'string' || g.db.length === 0)
        throw new Error(`${where}.roles[${j}].db must be a non-empty string`);
      if ((ADMIN_ROLES as readonly string[]).includes(g.role) && g.db !== 'admin')
        throw new Error(`${where}.roles[${j}]: ${g.role} exists only on the admin database`);
      return { role: g.role, db: g.db };
    });
    return { user: x.user, password: x.password, db, roles };
  });
  const iterations = o.iterations === undefined ? DEFAULT_ITERATIONS : Number(o.iterations);
  return { users, iterations };
}

/**
 * Reads a users file (`{ "users": [...], "iterations"?: n }`, the shape of AuthOptions). It holds passwords,
 * so a file that other accounts can read is refused, as ssh refuses a readable private key.
 */
export function readUsersFile(file: string): AuthOptions {
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    throw new Error(
      `users file ${file} is accessible to other accounts (mode ${mode.toString(8)}); chmod 600 it`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`users file ${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  return validateAuthOptions(parsed);
}

/** Writes a users file readable by its owner only (mode 0600), replacing any previous one atomically. */
export function writeUsersFile(file: string, options: AuthOptions): void {
  const body = `${JSON.stringify(validateAuthOptions(options), null, 2)}\n`;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, body, { mode: 0o600 });
  chmodSync(tmp, 0o600); // the umask cannot widen 0600, but a pre-existing tmp file would keep its mode
  renameSync(tmp, file);
}

/** The administrative user ensureUsersFile adds, for tooling (mongosh, migrations). */
export const LOCAL_ROOT_USER = 'root';

/**
 * Local credentials for `npm start`: a `root` user and, per database, a user of the same name limited to it
 * (`readWrite`). Passwords are random (144 bits) and kept across runs: users already in the file stay as
 * they are, missing ones are added, and the file is (re)written with mode 0600.
 */
export function ensureUsersFile(file: string, databases: readonly string[]): AuthOptions {
  const existing = existsSync(file) ? readUsersFile(file) : { users: [] as UserSpec[] };
  const users = [...existing.users];
  const has = (name: string): boolean => users.some((u) => u.user === name && (u.db ?? 'admin') === 'admin');
  const add = (user: string, roles: RoleGrant[]): void => {
    if (!has(user)) users.push({ user, password: randomBytes(18).toString('base64url'), db: 'admin', roles });
  };
  add(LOCAL_ROOT_USER, [{ role: 'root', db: 'admin' }]);
  for (const db of databases) add(db, [{ role: 'readWrite', db }]);
  const options: AuthOptions = { users, iterations: existing.iterations };
  writeUsersFile(file, options);
  return validateAuthOptions(options);
}

/** `uri` with the user's credentials and its authSource, e.g. for a service's MONGO_URL. */
export function credentialUri(uri: string, user: Pick<UserSpec, 'user' | 'password' | 'db'>): string {
  const url = new URL(uri);
  url.username = encodeURIComponent(user.user);
  url.password = encodeURIComponent(user.password);
  url.searchParams.set('authSource', user.db ?? 'admin');
  return url.toString();
}
