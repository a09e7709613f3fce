import { writeFileSync } from 'node:fs';
import { exampleUscc } from '@peiyu/policy';
import { fuzzHttp } from '@peiyu/eventstore/src/test-support/http-fuzz';
import request from 'supertest';
import { goodForm } from '../domain/test-support/fixtures';
import { assessmentApi, type AssessmentApi } from '../test-support/api';

/**
 * Property-based HTTP fuzzing of every assessment endpoint (issue 12): 0 answers ≥ 500. `npm test` runs a
 * sample (500 requests); `npm run fuzz` runs it with PEIYU_FUZZ_RUNS (10,000 here, as many in registry).
 */
const RUNS = Number(process.env['PEIYU_FUZZ_RUNS'] ?? 500);
const SEED = process.env['PEIYU_FUZZ_SEED'] ? Number(process.env['PEIYU_FUZZ_SEED']) : undefined;
const year = 2026;

let a: AssessmentApi;
const USCCS = [exampleUscc('410402', 9901), exampleUscc('410482', 9902), exampleUscc('410403', 9903)];
beforeAll(async () => {
  // Far above what the fuzzer sends: the limits are finding 9's test; here every request must reach the API.
  process.env['PEIYU_RATE_LIMIT_AUTH_FAILURES'] = String(1e9);
  process.env['PEIYU_RATE_LIMIT_PUBLIC'] = String(1e9);
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

it(
  `fuzzes every command endpoint with ${RUNS} generated requests: no answer is a 5xx`,
  async () => {
    const who = (role: string, region?: string, uscc?: string) =>
      a.h
        .as({ role, ...(region ? { region } : {}), ...(uscc ? { uscc } : {}) } as never)
        .Authorization.slice(7);
    const tokens = [
      who('county_reviewer', '410402'),
      who('county_reviewer', '410403'),
      who('county_reviewer', '410482'),
      who('city_reviewer', '410400'),
      who('province_reviewer', '410000'),
      who('province_reviewer', '430000'),
      who('enterprise', '410402', USCCS[0]),
      who('enterprise', '410482', USCCS[1]),
      who('enterprise', '410403', USCCS[2]),
      who('auditor', '410400'),
      who('finance', '410000'),
      who('expert', '410402'),
      who('admin'),
    ];
    const summary = await fuzzHttp(
      {
        service: 'assessment',
        app: a.app,
        tokens,
        pathValues: {
          uscc: [...USCCS, exampleUscc('410402', 9904)],
          year: [String(year), '2027', '2017', '2101'],
          batchId: ['id-1', 'id-2', 'no-such-batch'],
          objectionId: ['id-3', 'no-such-objection'],
        },
      },
      { runs: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
    const { failures, ...line } = summary;
    process.stdout.write(`${JSON.stringify({ fuzz: line, failures: failures.length })}\n`);
    if (process.env['PEIYU_FUZZ_SUMMARY'])
      writeFileSync(process.env['PEIYU_FUZZ_SUMMARY'], JSON.stringify(summary));
    expect(failures).toEqual([]);
    expect(summary.serverErrors).toBe(0);
    expect(summary.requests).toBe(RUNS);
    expect(summary.commandEndpoints).toBeGreaterThanOrEqual(14);
    // Every command endpoint of the OpenAPI document was exercised.
    if (RUNS >= 500) expect(summary.commandsNotReached).toEqual([]);
  },
  15 * 60_000,
);
