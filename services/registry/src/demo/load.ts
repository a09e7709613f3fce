import { clockForMode, defaultKeyDir, loadDevKeys, peiyuMode, signLocalToken } from '@peiyu/service-kit';
import { demoEnterprises } from './enterprises';

/**
 * `npm start -- --demo`: registers the demo enterprises through the public API, each by its county bureau,
 * exactly as a clerk would. Re-running is harmless (409 for those already there).
 */
async function main(): Promise<void> {
  const base = process.env.SERVICE_URL;
  if (!base) throw new Error('SERVICE_URL is required');
  const keys = await loadDevKeys(defaultKeyDir());
  // the stack's shared clock, so tokens are valid for services whose clock was moved forward
  const clock = clockForMode(peiyuMode());
  let created = 0;
  let existing = 0;
  for (const e of demoEnterprises()) {
    const token = await signLocalToken(keys, {
      principal: { sub: `demo-clerk-${e.countyCode}`, role: 'county_reviewer', region: e.countyCode },
      clock,
      ttlMs: 10 * 60_000,
    });
    const res = await fetch(`${base}/v1/enterprises`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': `demo-${e.uscc}`,
      },
      body: JSON.stringify(e),
    });
    // A replayed Idempotency-Key answers with the first 201: that enterprise was registered by an earlier run.
    if (res.status === 201 && res.headers.get('idempotent-replayed') !== 'true') created++;
    else if (res.status === 201 || res.status === 409) existing++;
    else throw new Error(`registering ${e.name}: HTTP ${res.status} ${await res.text()}`);
  }
  console.log(`registry demo: ${created} enterprises registered, ${existing} already present`);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
