import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { MIN_ITERATIONS } from './scram';

/** Kafka's ACL operations (kafka-acls --operation), lower-cased. */
export const OPERATIONS = [
  'all',
  'read',
  'write',
  'create',
  'delete',
  'alter',
  'describe',
  'idempotentWrite',
] as const;
export type Operation = (typeof OPERATIONS)[number];

export const RESOURCE_TYPES = ['topic', 'group', 'cluster'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

const scramCredentialSchema = z.strictObject({
  salt: z.base64(),
  iterations: z.int().min(MIN_ITERATIONS),
  storedKey: z.base64(),
  serverKey: z.base64(),
});

const userSchema = z
  .strictObject({
    name: z.string().min(1),
    /** The password (PLAIN and SCRAM work; SCRAM keys are derived at start). */
    password: z.string().min(1).optional(),
    /** Stored SCRAM-SHA-256 keys instead of a password (both mechanisms work against them). */
    scramSha256: scramCredentialSchema.optional(),
  })
  .refine((u) => (u.password === undefined) !== (u.scramSha256 === undefined), {
    message: 'a user has either a password or scramSha256 credentials',
  });

const aclSchema = z.strictObject({
  /** `User:<name>`, or `User:*` for every authenticated principal. */
  principal: z.string().regex(/^User:.+$/),
  resourceType: z.enum(RESOURCE_TYPES),
  /** Topic or group name, `*` for all; for the cluster resource `kafka-cluster` (or `*`). */
  resourceName: z.string().min(1),
  /** `literal` (default) matches the name exactly, `prefixed` every name starting with it. */
  patternType: z.enum(['literal', 'prefixed']).default('literal'),
  operations: z.array(z.enum(OPERATIONS)).min(1),
  /** Deny wins over allow, as in Kafka's authorizer. */
  permission: z.enum(['allow', 'deny']).default('allow'),
});

export const authConfigSchema = z.strictObject({
  users: z.array(userSchema),
  acls: z.array(aclSchema).default([]),
  /** Principals (`User:<name>`) allowed everything, as Kafka's `super.users`. */
  superUsers: z.array(z.string().regex(/^User:.+$/)).default([]),
  /** Offered SASL mechanisms (default both). */
  mechanisms: z
    .array(z.enum(['SCRAM-SHA-256', 'PLAIN']))
    .min(1)
    .default(['SCRAM-SHA-256', 'PLAIN']),
});

/** What `startKafkaLite({ auth })` and the CLI's `--auth <file>` accept. */
export type AuthConfigInput = z.input<typeof authConfigSchema>;
export type AuthConfig = z.output<typeof authConfigSchema>;
export type AclEntry = AuthConfig['acls'][number];
export type AuthUser = AuthConfig['users'][number];

export function parseAuthConfig(input: unknown): AuthConfig {
  const parsed = authConfigSchema.safeParse(input);
  if (!parsed.success) throw new Error(`invalid kafka-lite auth config: ${z.prettifyError(parsed.error)}`);
  const names = parsed.data.users.map((u) => u.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new Error(`invalid kafka-lite auth config: user '${dup}' is listed twice`);
  return parsed.data;
}

/**
 * Reads the JSON file given to the CLI (`--auth .peiyu/kafka-auth.json`). The file holds passwords or SCRAM keys,
 * so one that group or others may read or write is refused (as ssh refuses a loose private key).
 */
export async function readAuthConfig(path: string): Promise<AuthConfig> {
  const { mode } = await stat(path);
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new Error(
      `${path} is accessible to group/others (mode ${(mode & 0o777).toString(8)}): chmod 600 it, it holds credentials`,
    );
  }
  return parseAuthConfig(JSON.parse(await readFile(path, 'utf8')));
}

/** Writes an auth file for the CLI with mode 0600 (validated first, so a broken file is never written). */
export async function writeAuthConfig(path: string, config: AuthConfigInput): Promise<void> {
  parseAuthConfig(config);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
  await chmod(path, 0o600); // writeFile's mode applies only when it creates the file
}
