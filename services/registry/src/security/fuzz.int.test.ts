import { exampleUscc } from '@peiyu/policy';
import {
  fuzzPrincipals,
  itFuzzesEveryEndpoint,
  liftRateLimitsForFuzzing,
  tokensOf,
} from '@peiyu/eventstore/src/test-support/fuzz-suite';
import request from 'supertest';
import { registryApi, type RegistryApi } from '../test-support/api';

/**
 * Property-based HTTP fuzzing of every registry endpoint (issue 12): 0 answers ≥ 500. `npm test` runs a
 * sample (500 requests); `npm run fuzz` runs it with PEIYU_FUZZ_RUNS (10,000 here, as many in assessment).
 */
let r: RegistryApi;
const USCCS = [exampleUscc('410402', 9901), exampleUscc('410482', 9902), exampleUscc('410403', 9903)];
const sanctionIds: string[] = [];
beforeAll(async () => {
  liftRateLimitsForFuzzing();
  r = await registryApi({ keepLogs: false });
  for (const uscc of USCCS) {
    const countyCode = uscc.slice(2, 8);
    const res = await request(r.app)
      .post('/v1/enterprises')
      .set(r.h.as({ role: 'county_reviewer', region: countyCode }))
      .send({
        uscc,
        name: '示例科技有限公司',
        countyCode,
        foundedOn: '2019-05-20',
        contact: { name: '张三', phone: '13800138000', email: 'a@example.cn' },
      });
    expect(res.status).toBe(201);
    const s = await request(r.app)
      .post(`/v1/enterprises/${uscc}/sanctions`)
      .set(r.h.as({ role: 'province_reviewer', region: '410000' }))
      .send({ kind: 'major_quality_accident', occurredOn: '2026-03-01', reference: '平市监〔2026〕1号' });
    sanctionIds.push(s.body.sanctions[0].sanctionId);
  }
}, 60_000);
afterAll(() => r.close());

itFuzzesEveryEndpoint({
  service: 'registry',
  minCommandEndpoints: 10,
  target: () => ({
    app: r.app,
    tokens: tokensOf(r.h, fuzzPrincipals(USCCS)),
    pathValues: {
      uscc: [...USCCS, exampleUscc('410402', 9904)],
      sanctionId: [...sanctionIds, 'no-such-sanction'],
      year: ['2026', '2027', '2030'],
    },
  }),
});
