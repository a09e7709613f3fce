import { writeFileSync } from 'node:fs';
import { exampleUscc } from '@peiyu/policy';
import { fuzzHttp } from '@peiyu/eventstore/src/test-support/http-fuzz';
import request from 'supertest';
import { registryApi, type RegistryApi } from '../test-support/api';

/**
 * Property-based HTTP fuzzing of every registry endpoint (issue 12): 0 answers ≥ 500. `npm test` runs a
 * sample (500 requests); `npm run fuzz` runs it with PEIYU_FUZZ_RUNS (10,000 here, as many in assessment).
 */
const RUNS = Number(process.env['PEIYU_FUZZ_RUNS'] ?? 500);
const SEED = process.env['PEIYU_FUZZ_SEED'] ? Number(process.env['PEIYU_FUZZ_SEED']) : undefined;

let r: RegistryApi;
const USCCS = [exampleUscc('410402', 9901), exampleUscc('410482', 9902), exampleUscc('410403', 9903)];
const sanctionIds: string[] = [];
beforeAll(async () => {
  // Far above what the fuzzer sends: the limits are finding 9's test; here every request must reach the API.
  process.env['PEIYU_RATE_LIMIT_AUTH_FAILURES'] = String(1e9);
  process.env['PEIYU_RATE_LIMIT_PUBLIC'] = String(1e9);
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

it(
  `fuzzes every command endpoint with ${RUNS} generated requests: no answer is a 5xx`,
  async () => {
    const who = (role: string, region?: string, uscc?: string) =>
      r.h
        .as({ role, ...(region ? { region } : {}), ...(uscc ? { uscc } : {}) } as never)
        .Authorization.slice(7);
    const tokens = [
      who('county_reviewer', '410402'),
      who('county_reviewer', '410403'),
      who('county_reviewer', '410482'),
      who('county_reviewer', '430102'),
      who('city_reviewer', '410400'),
      who('province_reviewer', '410000'),
      who('province_reviewer', '430000'),
      who('enterprise', '410402', USCCS[0]),
      who('enterprise', '410482', USCCS[1]),
      who('auditor', '410400'),
      who('finance', '410000'),
      who('expert', '410402'),
      who('admin'),
    ];
    const summary = await fuzzHttp(
      {
        service: 'registry',
        app: r.app,
        tokens,
        pathValues: {
          uscc: [...USCCS, exampleUscc('410402', 9904)],
          sanctionId: [...sanctionIds, 'no-such-sanction'],
          year: ['2026', '2027', '2030'],
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
    expect(summary.commandEndpoints).toBeGreaterThanOrEqual(10);
    // Every command endpoint of the OpenAPI document was exercised.
    if (RUNS >= 500) expect(summary.commandsNotReached).toEqual([]);
  },
  15 * 60_000,
);
