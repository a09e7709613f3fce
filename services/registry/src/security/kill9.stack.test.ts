import { credentialUri } from '@peiyu/mongo-lite';
import type { Reply } from '@peiyu/local';
import { useStackSuite } from '@peiyu/local/src/test-support/stack-suite';
import { exampleUscc } from '@peiyu/policy';
import { advanceSharedClock } from '@peiyu/service-kit';
import mongoose from 'mongoose';

// Issue 12, "must show": kill -9 of a service under 50 concurrent writers. The registry runs as `npm start` runs
// it (its own process, authenticated mongo-lite and kafka-lite, supervised); 50 writers each register an
// enterprise and rename it twice, every command with its own Idempotency-Key. Midway the process is SIGKILLed;
// the runner restarts it; every writer retries what was not acknowledged with the same key. Then: every command
// answered, 0 acknowledged writes lost, and each key's effect exactly once (events counted in the store).
// No sleeps: the restart is awaited on the runner's log line, and the 30 s idempotency lease of the crashed
// attempts is passed by moving the stack's shared clock (the lease is on the clock port).
const WRITERS = 50;
const KILL_AFTER_ACKS = 40;
const LEASE_MS = 30_000; // IdempotencyStore's default lease, which the services use
const restartedListeners: Array<() => void> = [];
const suite = useStackSuite({
  name: 'kill9',
  startAt: '2026-03-02T09:00:00+08:00',
  only: ['registry'],
  stack: { kafka: 'lite', backoff: { initialMs: 50, maxMs: 1000, resetAfterMs: 60_000 } },
  onLog: (l) => {
    if (l.startsWith('[runner] registry restarted')) for (const f of restartedListeners.splice(0)) f();
  },
});
const { call } = suite.client('registry');
const county = { role: 'county_reviewer' as const, region: '410402' };

interface Command {
  key: string;
  method: string;
  path: string;
  body: unknown;
  ok: number;
}

function commandsOf(i: number): { uscc: string; commands: Command[]; finalName: string } {
  const uscc = exampleUscc('410402', 8000 + i);
  const name = (n: number) => `平顶山市并发写入${i}号${['', '二', '三'][n]}有限公司`;
  const rename = (n: number): Command => ({
    key: `kill9-${i}-rename-${n}`,
    method: 'POST',
    path: `/v1/enterprises/${uscc}/rename`,
    body: { newName: name(n), effectiveOn: '2026-03-01' },
    ok: 200,
  });
  return {
    uscc,
    finalName: name(2),
    commands: [
      {
        key: `kill9-${i}-register`,
        method: 'POST',
        path: '/v1/enterprises',
        body: {
          uscc,
          name: name(0),
          countyCode: '410402',
          foundedOn: '2019-05-20',
          contact: { name: '张三', phone: '0375-1234567', email: 'a@example.cn' },
        },
        ok: 201,
      },
      rename(1),
      rename(2),
    ],
  };
}

it('kill -9 under 50 concurrent writers: restarted, 0 acknowledged writes lost, each key exactly once', async () => {
  const victim = suite.stack().services[0]!.supervisor.current.process;
  let acks = 0;
  let killed = false;
  // Resolves once the runner has restarted the service and the crashed attempts' leases have run out.
  let recovered!: Promise<void>;
  const kill = () => {
    killed = true;
    recovered = new Promise<void>((resolve) =>
      restartedListeners.push(() => {
        advanceSharedClock(suite.clockFile, LEASE_MS + 1000);
        resolve();
      }),
    );
    victim.kill('SIGKILL');
  };
  const acknowledged: Array<{ command: Command; reply: Reply }> = [];
  const retried = new Set<string>();

  /** A client that sends a command until it is answered; unanswered (the process died) → retry, same key. */
  async function send(command: Command): Promise<Reply> {
    for (;;) {
      try {
        const reply = await call(command.method, command.path, county, command.body, {
          'Idempotency-Key': command.key,
        });
        if (reply.status < 500) return reply;
      } catch {
        /* connection reset or refused: not acknowledged */
      }
      expect(killed).toBe(true); // nothing but the kill may leave a request unanswered
      retried.add(command.key);
      await recovered;
    }
  }

  const writers = Array.from({ length: WRITERS }, (_, i) => commandsOf(i));
  await Promise.all(
    writers.map(async (w) => {
      for (const command of w.commands) {
        const reply = await send(command);
        expect([command.key, reply.status, reply.body?.code]).toEqual([command.key, command.ok, undefined]);
        acknowledged.push({ command, reply });
        if (++acks === KILL_AFTER_ACKS) kill();
      }
    }),
  );

  expect(killed).toBe(true);
  expect(suite.stack().services[0]!.supervisor.restarts).toBe(1);
  expect(suite.logs.some((l) => l.startsWith('[runner] registry exited (signal SIGKILL)'))).toBe(true);
  expect(retried.size).toBeGreaterThan(0);
  expect(acknowledged).toHaveLength(WRITERS * 3);

  // Every acknowledged write is there, each exactly once: three events per enterprise, the last name kept.
  for (const w of writers) {
    const read = await call('GET', `/v1/enterprises/${w.uscc}`, county);
    expect([w.uscc, read.status, read.headers.get('etag'), read.body?.name]).toEqual([
      w.uscc,
      200,
      '"3"',
      w.finalName,
    ]);
  }
  // Counted in the registry's own database (as the local root user).
  const root = suite.stack().credentials!.mongo.users.find((u) => u.user === 'root')!;
  const conn = await mongoose
    .createConnection(credentialUri(suite.stack().mongoUrl, root), { dbName: 'peiyu-registry' })
    .asPromise();
  try {
    const events = conn.db!.collection('events');
    for (const w of writers)
      expect([w.uscc, await events.countDocuments({ streamId: `enterprise-${w.uscc}` })]).toEqual([
        w.uscc,
        3,
      ]);
  } finally {
    await conn.close();
  }
  // A repeat of any key — acknowledged before the kill or after — answers its first answer.
  for (const { command, reply } of acknowledged.filter((_, i) => i % 10 === 0)) {
    const again = await send(command);
    expect([command.key, again.status, again.body]).toEqual([command.key, reply.status, reply.body]);
  }
}, 180_000);
