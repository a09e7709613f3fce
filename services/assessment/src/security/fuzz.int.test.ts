import { exampleUscc } from '@peiyu/policy';
import {
  fuzzPrincipals,
  itFuzzesEveryEndpoint,
  liftRateLimitsForFuzzing,
  tokensOf,
} from '@peiyu/eventstore/src/test-support/fuzz-suite';
import request from 'supertest';
import { goodForm } from '../domain/test-support/fixtures';
import { assessmentApi, type AssessmentApi } from '../test-support/api';

/**
 * Property-based HTTP fuzzing of every assessment endpoint (issue 12): 0 answers ≥ 500. `npm test` runs a
 * sample (500 requests); `npm run fuzz` runs it with PEIYU_FUZZ_RUNS (10,000 here, as many in registry).
 */
const year = 2026;

let a: AssessmentApi;
const USCCS = [exampleUscc('410402', 9901), exampleUscc('410482', 9902), exampleUscc('410403', 9903)];
beforeAll(async () => {
  liftRateLimitsForFuzzing();
  a = await assessmentApi({ keepLogs: false });
  // Enterprises with evaluations in every state a command meets first: a draft, a submitted one.
  for (const [i, uscc] of USCCS.entries()) {
    const region = uscc.slice(2, 8);
    await a.registryEvent(uscc, 'EnterpriseRegistered', { uscc, name: `示例 ${i}`, divisionCode: region });
    const who = a.h.as({ role: 'enterprise', region, uscc });
    expect(
      (await request(a.app).post('/v1/sme-evaluations').set(who).send({ year, form: goodForm })).status,
    ).toBe(201);
    if (i > 0)
      expect(
        (await request(a.app).post(`/v1/sme-evaluations/${uscc}/${year}/submit`).set(who).send({})).status,
      ).toBe(200);
  }
}, 60_000);
afterAll(() => a.close());

itFuzzesEveryEndpoint({
  service: 'assessment',
  minCommandEndpoints: 14,
  target: () => ({
    app: a.app,
    tokens: tokensOf(a.h, fuzzPrincipals(USCCS)),
    pathValues: {
      uscc: [...USCCS, exampleUscc('410402', 9904)],
      year: [String(year), '2027', '2017', '2101'],
      batchId: ['id-1', 'id-2', 'no-such-batch'],
      objectionId: ['id-3', 'no-such-objection'],
    },
  }),
});
