import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureUsersFile, type AuthOptions } from '@peiyu/mongo-lite';

/** The principal the runner uses for provisioning (every topic before any service starts); a super user. */
export const KAFKA_ADMIN = 'admin';

export interface LocalCredentials {
  /** `<home>/credentials`, mode 0700 */
  dir: string;
  /** Kafka SASL passwords by principal: `admin` and one per service */
  kafka: Readonly<Record<string, string>>;
  /** mongo-lite users: `root` and, per service database, a user of the same name limited to it (readWrite) */
  mongo: AuthOptions;
}

/** Refuses a credentials file other accounts may read or write (as ssh refuses a loose private key). */
function assertPrivate(file: string): void {
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    throw new Error(`${file} is accessible to other accounts (mode ${mode.toString(8)}): chmod 600 it`);
}

function ensureKafkaPasswords(file: string, principals: readonly string[]): Record<string, string> {
  let known: Record<string, string> = {};
  if (existsSync(file)) {
    assertPrivate(file);
    known = (JSON.parse(readFileSync(file, 'utf8')) as { users: Record<string, string> }).users;
  }
  const users = { ...known };
  for (const p of principals) users[p] ??= randomBytes(18).toString('base64url'); // 144 bits
  if (principals.some((p) => known[p] === undefined) || !existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ users }, null, 2) + '\n', { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  }
  return users;
}

/**
 * The local stack's credentials under `<home>/credentials/` (`.peiyu/credentials/` for `npm start`): a Kafka
 * SCRAM password per service principal plus `admin`, and a mongo-lite user per service database plus `root`.
 * Random on first start, kept across restarts (data written under one password stays readable); files 0600 in
 * a 0700 directory. The same shape as production (compose): the services cannot tell them apart.
 */
export function ensureLocalCredentials(
  home: string,
  services: readonly string[],
  databaseOf: (service: string) => string,
): LocalCredentials {
  const dir = join(home, 'credentials');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const kafka = ensureKafkaPasswords(join(dir, 'kafka.json'), [KAFKA_ADMIN, ...services]);
  const mongo = ensureUsersFile(join(dir, 'mongo-users.json'), services.map(databaseOf));
  return { dir, kafka, mongo };
}
