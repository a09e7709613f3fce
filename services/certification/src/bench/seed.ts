/**
 * The command-path bench's preconditions, created through the public APIs before the measured run, as the people
 * who take each step would: the province opens the batch (认定机构, hnte.md workflow 2), each county bureau
 * registers its enterprises in the registry (企业注册), and certification learns of them from the registry's
 * events on Kafka — the bench waits for that, since an application from an enterprise certification has not
 * heard of is refused (`enterprise_not_registered`). Not measured; progress on stderr.
 */
import { join } from 'node:path';
import { ProjectionCatalog } from '@peiyu/eventstore';
import { loadDevKeys, signLocalToken, systemClock, type DevKeys, type Principal } from '@peiyu/service-kit';
import { benchRequest, closedLoop, type BenchStack } from '@peiyu/testkit';
import mongoose from 'mongoose';
import type { DemoSlot } from '../demo/plan';
import { ENTERPRISES } from '../read-models/enterprises';

export interface Seeding {
  stack: BenchStack;
  certificationPort: number;
  registryPort: number;
}

/** An enterprise ready to apply: registered, known to certification, with its own token. */
export interface Applicant {
  slot: DemoSlot;
  token: string;
}

/** Long enough for the largest seeding plus the run (tokens live in real time, not the pinned clock). */
const TOKEN_TTL_MS = 2 * 3_600_000;
/** Closed-loop seeding: enough in flight to keep both services busy, few enough not to queue for long. */
const CONCURRENCY = 24;
const CONSUMER_TIMEOUT_MS = 10 * 60_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const progress = (line: string): boolean => process.stderr.write(`[seed] ${line}\n`);

async function tokenFor(keys: DevKeys, principal: Principal): Promise<string> {
  return signLocalToken(keys, { principal, ttlMs: TOKEN_TTL_MS, clock: systemClock });
}

/** A seeding request that must succeed: anything but `status` means the scenario is wrong, so stop. */
async function must(status: number, what: string, ...req: Parameters<typeof benchRequest>): Promise<void> {
  const res = await benchRequest(...req);
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
}

/** The province's reviewer opens the batch (POST /v1/hnte-batches: admin or province_reviewer). */
export async function openBatch(s: Seeding, batch: { batchId: string; provinceCode: string }): Promise<void> {
  const keys = await loadDevKeys(join(s.stack.home, 'keys'));
  const token = await tokenFor(keys, {
    sub: 'bench-province',
    role: 'province_reviewer',
    region: batch.provinceCode,
  });
  await must(
    201,
    `opening batch ${batch.batchId}`,
    s.certificationPort,
    'POST',
    '/v1/hnte-batches',
    token,
    batch,
  );
  progress(`batch ${batch.batchId} open`);
}

/** The county bureau's registration of one enterprise in the registry, with the fields hnte.md §2 relies on. */
function registration(slot: DemoSlot) {
  return {
    uscc: slot.uscc,
    name: slot.name,
    countyCode: slot.countyCode,
    foundedOn: '2015-03-01',
    hnteField: slot.field,
    contact: { name: '王经理', phone: '0730-8123456', email: `hnte${slot.serial}@example.cn` },
  };
}

/** Until certification's view of the registry (fed by its Kafka consumer) holds `count` enterprises. */
async function awaitConsumer(s: Seeding, count: number): Promise<void> {
  const client = await new mongoose.mongo.MongoClient(s.stack.mongoUrl).connect();
  try {
    const db = client.db('peiyu-certification');
    const view = db.collection(await new ProjectionCatalog(db as never).liveName(ENTERPRISES));
    const until = performance.now() + CONSUMER_TIMEOUT_MS;
    for (let seen = 0; ; await sleep(250)) {
      const now = await view.countDocuments({});
      if (now !== seen) progress(`certification has seen ${now}/${count} enterprises`);
      seen = now;
      if (seen >= count) return;
      if (performance.now() > until) throw new Error(`certification saw only ${seen}/${count} enterprises`);
    }
  } finally {
    await client.close();
  }
}

/**
 * `count` enterprises, one per measured command (an enterprise has one live application per batch), registered
 * through the registry by their counties' bureaus, each with its enterprise token, once certification knows them.
 */
export async function registerApplicants(
  s: Seeding,
  count: number,
  slotOf: (k: number) => DemoSlot,
): Promise<Applicant[]> {
  const keys = await loadDevKeys(join(s.stack.home, 'keys'));
  const counties = new Map<string, Promise<string>>();
  const countyToken = (county: string): Promise<string> => {
    if (!counties.has(county))
      counties.set(
        county,
        tokenFor(keys, { sub: `bench-${county}`, role: 'county_reviewer', region: county }),
      );
    return counties.get(county)!;
  };
  const applicants: Applicant[] = new Array<Applicant>(count);
  const t0 = performance.now();
  await closedLoop(count, CONCURRENCY, async (k) => {
    const slot = slotOf(k);
    const token = await countyToken(slot.countyCode);
    await must(
      201,
      `registering ${slot.uscc}`,
      s.registryPort,
      'POST',
      '/v1/enterprises',
      token,
      registration(slot),
    );
    applicants[k] = {
      slot,
      token: await tokenFor(keys, {
        sub: `bench-${slot.uscc}`,
        role: 'enterprise',
        region: slot.countyCode,
        uscc: slot.uscc,
      }),
    };
    if ((k + 1) % 1000 === 0) progress(`registered ${k + 1}/${count}`);
  });
  const rate = count / ((performance.now() - t0) / 1000);
  progress(`registered ${count} enterprises (${rate.toFixed(0)}/s); waiting for certification's consumer`);
  await awaitConsumer(s, count);
  return applicants;
}
