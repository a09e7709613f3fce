import { apiHarness, type ApiHarness } from '@peiyu/eventstore/src/test-support/api-harness';
import { IdempotencyStore, StoreProjector } from '@peiyu/eventstore';
import { exampleUscc } from '@peiyu/policy';
import { createLogger } from '@peiyu/service-kit';
import request from 'supertest';
import { Writable } from 'node:stream';
import { buildRegistryApp } from '../app';
import type { RegistryDeps } from '../http/deps';
import { enterpriseDirectory } from '../read-models/enterprise-directory';
import { createRegions } from '../regions';

// Issue 12, finding 8 / "kill -9 under 50 writers": a first attempt that crashed AFTER its append but before its
// idempotency record was completed left a pending record. Before: once the lease ran out, the retry ran the
// command again — 409 `already registered` for a creation, a second effect for an update. Now the appended events
// carry the key's marker (causationId), and the retry answers the committed effect: same status, body, ETag.
let h: ApiHarness;
let app: ReturnType<typeof buildRegistryApp>;
const LEASE_MS = 5_000;
const county = { role: 'county_reviewer' as const, region: '410402' };

beforeAll(async () => {
  h = await apiHarness();
  const regions = createRegions();
  const projector = new StoreProjector({
    store: h.store,
    db: h.db,
    projections: [enterpriseDirectory({ provinciallyAdministered: regions.provinciallyAdministered })],
  });
  await projector.start();
  const deps: RegistryDeps = {
    store: h.store,
    idempotency: await IdempotencyStore.open(h.db, h.clock, { leaseMs: LEASE_MS }),
    clock: h.clock,
    projector,
    regions,
    logger: createLogger('registry-test', {}, new Writable({ write: (_c, _e, done) => done() })),
    afterAppend: () => projector.catchUp(),
  };
  app = buildRegistryApp(deps, h.verifier);
}, 30_000);
afterAll(() => h.close());

const registration = (uscc: string) => ({
  uscc,
  name: '平顶山市幂等测试有限公司',
  countyCode: '410402',
  foundedOn: '2019-05-20',
  contact: { name: '张三', phone: '0375-1234567', email: 'a@example.cn' },
});

/** What kill -9 between the append and the completion of the record leaves: the record pending, no answer. */
async function crashBeforeCompletion(): Promise<void> {
  await h.db
    .collection('idempotency')
    .updateMany(
      { state: 'done' },
      { $set: { state: 'pending', leaseUntil: h.clock.now() }, $unset: { response: '' } },
    );
}

describe('a retry after a crash that followed the append', () => {
  it('creation: answers the committed 201 (same body, ETag, Location), never 409, and appends nothing more', async () => {
    const U = exampleUscc('410402', 7301);
    const key = { 'Idempotency-Key': 'crash-create-7301' };
    const first = await request(app)
      .post('/v1/enterprises')
      .set({ ...h.as(county), ...key })
      .send(registration(U));
    expect(first.status).toBe(201);
    await crashBeforeCompletion();
    h.clock.advance(LEASE_MS + 1);
    const retry = await request(app)
      .post('/v1/enterprises')
      .set({ ...h.as(county), ...key })
      .send(registration(U));
    expect([retry.status, retry.headers['etag'], retry.headers['location']]).toEqual([
      201,
      first.headers['etag'],
      first.headers['location'],
    ]);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await h.store.readStream(`enterprise-${U}`)).toHaveLength(1);
    // the record is complete again: the next repeat is an ordinary replay
    const again = await request(app)
      .post('/v1/enterprises')
      .set({ ...h.as(county), ...key })
      .send(registration(U));
    expect([again.status, again.body]).toEqual([201, first.body]);
  });

  it('update: the effect happens exactly once, and later writes by others do not change the answer', async () => {
    const U = exampleUscc('410402', 7302);
    const created = await request(app).post('/v1/enterprises').set(h.as(county)).send(registration(U));
    expect(created.status).toBe(201);
    const key = { 'Idempotency-Key': 'crash-patch-7302' };
    const patch = (newName: string, k: Record<string, string>) =>
      request(app)
        .post(`/v1/enterprises/${U}/rename`)
        .set({ ...h.as(county), ...k })
        .send({ newName, effectiveOn: '2026-03-01' });
    const first = await patch('平顶山市幂等测试二有限公司', key);
    expect(first.status).toBe(200);
    await crashBeforeCompletion();
    // another writer moves the stream on before the retry
    expect((await patch('平顶山市幂等测试三有限公司', {})).status).toBe(200);
    h.clock.advance(LEASE_MS + 1);
    const retry = await patch('平顶山市幂等测试二有限公司', key);
    expect([retry.status, retry.headers['etag']]).toEqual([200, first.headers['etag']]);
    expect(retry.body).toEqual(first.body);
    expect(await h.store.readStream(`enterprise-${U}`)).toHaveLength(3);
  });
});
