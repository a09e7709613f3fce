import {
  fuzzPrincipals,
  itFuzzesEveryEndpoint,
  liftRateLimitsForFuzzing,
  tokensOf,
  type Who,
} from '@peiyu/eventstore/src/test-support/fuzz-suite';
import { exampleUscc } from '@peiyu/policy';
import request from 'supertest';
import { goodForm } from '../domain/test-support/application-fixtures';
import { certificationApi, type CertificationApi } from '../test-support/api';

/**
 * Property-based HTTP fuzzing of every certification endpoint (bad input never answers 5xx). `npm test` runs a
 * sample (500 requests); `npm run fuzz` runs it with PEIYU_FUZZ_RUNS. The seed gives commands something to meet:
 * a batch in its application window, an expert pool, a draft and a submitted application.
 */
let c: CertificationApi;
const BATCH = '43-2026-1';
const USCCS = [exampleUscc('430602', 7101), exampleUscc('430602', 7102), exampleUscc('430603', 7103)];
const province = { role: 'province_reviewer' as const, region: '430000' };

beforeAll(async () => {
  liftRateLimitsForFuzzing();
  c = await certificationApi({ keepLogs: false });
  for (const uscc of USCCS) await c.seedEnterprise(uscc, uscc.slice(2, 8));
  const ok = async (status: number, req: request.Test) => expect((await req).status).toBe(status);
  await ok(
    201,
    request(c.app)
      .post('/v1/hnte-batches')
      .set(c.h.as({ role: 'admin' }))
      .send({
        batchId: BATCH,
        provinceCode: '430000',
        year: 2026,
        title: '2026年第一批',
        applicationOpensOn: '2026-06-01',
        applicationClosesOn: '2026-06-30',
        recommendationDueOn: '2026-07-15',
      }),
  );
  for (const expertId of ['t1', 't2'])
    await ok(
      201,
      request(c.app)
        .post('/v1/hnte-expert-pools/430000/experts')
        .set(c.h.as(province))
        .send({
          expertId,
          name: `专家${expertId}`,
          organisation: { name: '湖南大学', uscc: null },
          expertise: { kind: 'technical', fields: ['new_materials'] },
        }),
    );
  for (const [i, uscc] of USCCS.entries()) {
    const who = c.h.as({ role: 'enterprise', region: uscc.slice(2, 8), uscc });
    await ok(
      201,
      request(c.app).post('/v1/hnte-applications').set(who).send({ batchId: BATCH, form: goodForm }),
    );
    // One submitted: the same form's IP cannot back a second enterprise's application (409 ip_claimed).
    if (i === 1)
      await ok(200, request(c.app).post(`/v1/hnte-applications/${BATCH}/${uscc}/submit`).set(who).send({}));
  }
}, 60_000);
afterAll(() => c.close());

const hunan: Who[] = [
  ['county_reviewer', '430602'],
  ['county_reviewer', '430603'],
  ['city_reviewer', '430600'],
  ['expert', '430000'],
];

itFuzzesEveryEndpoint({
  service: 'certification',
  minCommandEndpoints: 20,
  target: () => ({
    app: c.app,
    tokens: [
      ...tokensOf(c.h, [...fuzzPrincipals(USCCS), ...hunan]),
      ...tokensOf(c.h, [['province_reviewer', '430000']]),
    ],
    pathValues: {
      uscc: [...USCCS, exampleUscc('430602', 7104)],
      batchId: [BATCH, '43-2027-1', 'no-such-batch'],
      provinceCode: ['430000', '410000'],
      year: ['2026', '2027', '2017'],
      expertId: ['t1', 't2', 'no-such-expert'],
      objectionId: ['id-1', 'no-such-objection'],
    },
  }),
});
