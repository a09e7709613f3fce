import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Kafka, logLevel } from 'kafkajs';
import { writeAuthConfig } from './index';
import { AUTH_FIXTURE, authFixtureConfig } from './test-support/auth-conformance';

const BIN = join(__dirname, '..', 'dist', 'bin.js');

/** Runs the built CLI; resolves with its first stdout line or its exit code and stderr. */
function runBin(args: string[]) {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build the package first`);
  const child = spawn(process.execPath, [BIN, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const lines = createInterface({ input: child.stdout });
  const outcome = new Promise<{ line?: string; code?: number | null; stderr: string }>((resolve) => {
    lines.once('line', (line) => resolve({ line, stderr }));
    child.once('exit', (code) => resolve({ code, stderr }));
  });
  return { child, outcome };
}

describe('kafka-lite CLI --auth <file>', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kafka-lite-bin-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('starts with users and ACLs from a 0600 file and enforces them', async () => {
    const file = join(dir, 'nested', 'kafka-auth.json');
    await writeAuthConfig(file, authFixtureConfig());
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const { child, outcome } = runBin(['--auth', file]);
    try {
      const { line } = await outcome;
      const started = JSON.parse(line ?? '{}') as { brokers: string[]; auth: unknown };
      expect(started.auth).toEqual({ users: 4, acls: 5, mechanisms: ['SCRAM-SHA-256', 'PLAIN'] });
      const sasl = {
        mechanism: 'scram-sha-256' as const,
        username: 'alice',
        password: AUTH_FIXTURE.passwords.alice,
      };
      const admin = new Kafka({ brokers: started.brokers, logLevel: logLevel.NOTHING, sasl }).admin();
      await admin.connect();
      await expect(admin.createTopics({ topics: [{ topic: 'alice.cli' }] })).resolves.toBe(true);
      await expect(admin.createTopics({ topics: [{ topic: 'bob.cli' }] })).rejects.toThrow();
      await admin.disconnect();
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('refuses a credentials file that group or others can read', async () => {
    const file = join(dir, 'loose.json');
    await writeAuthConfig(file, authFixtureConfig());
    await chmod(file, 0o644);
    const { outcome } = runBin(['--auth', file]);
    const { code, stderr } = await outcome;
    expect(code).toBe(1);
    expect(stderr).toMatch(/accessible to group\/others \(mode 644\)/);
  });
});
