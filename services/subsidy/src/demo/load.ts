import {
  clockForMode,
  defaultKeyDir,
  loadDevKeys,
  peiyuMode,
  signLocalToken,
  type Principal,
} from '@peiyu/service-kit';
import { exampleVersionDrafts } from '../domain';

/**
 * `npm start -- --demo`: publishes the EXAMPLE policies (R&D subsidy after Henan 2018, tech-SME entry awards by
 * city and by county, HNTE awards by city and by district — every version marked `example: true`, parameters of
 * shared/domain/subsidy.md, not a real deployment's) through the public API, as the admin. The entries the
 * assessment demo made reach subsidy through Kafka; those already recorded are awarded at publication (backfill),
 * later ones as they arrive. The loader waits until the entitlements settle and says how many. A re-run is
 * harmless: the same version again changes nothing.
 */
const base = process.env.SERVICE_URL;
const clock = clockForMode(peiyuMode());
const keysReady = loadDevKeys(defaultKeyDir());
const admin = { role: 'admin' as const };

async function call(method: string, path: string, body?: unknown) {
  const token = await signLocalToken(await keysReady, {
    principal: { sub: 'demo-admin-subsidy', ...admin } as Principal,
    clock,
    ttlMs: 10 * 60_000,
  });
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
  return parsed;
}

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

/** Polls until the count stops changing (the entries keep arriving through Kafka for a moment). */
async function settledEntitlements(): Promise<number> {
  let last = -1;
  for (let i = 0; i < 60; i++) {
    const total = (await call('GET', '/v1/entitlements?pageSize=1')).total as number;
    if (total > 0 && total === last) return total;
    last = total;
    await sleep(1000);
  }
  return last;
}

async function main(): Promise<void> {
  for (const version of exampleVersionDrafts()) {
    await call('POST', '/v1/policy-versions', version);
    console.log(`subsidy demo: published ${version.policyId} ${version.versionId} (EXAMPLE parameters)`);
  }
  const total = await settledEntitlements();
  console.log(`subsidy demo: ${total} entitlements from the demo's entered tech SMEs (example policies)`);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
