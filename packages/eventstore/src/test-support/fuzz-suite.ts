import { writeFileSync } from 'node:fs';
import type { Express } from 'express';
import type { ApiHarness } from './api-harness';
import { fuzzHttp } from './http-fuzz';

/**
 * The one fuzz test every service runs (issue 12: bad input never answers 5xx): `npm test` sends a sample of
 * 500 requests; `npm run fuzz` runs the same test with PEIYU_FUZZ_RUNS (and PEIYU_FUZZ_SEED to replay), and
 * reads the summary the test writes to PEIYU_FUZZ_SUMMARY. A service's test only seeds its state and names
 * the principals and path values worth trying.
 */
export const FUZZ_RUNS = Number(process.env['PEIYU_FUZZ_RUNS'] ?? 500);
const SEED = process.env['PEIYU_FUZZ_SEED'] ? Number(process.env['PEIYU_FUZZ_SEED']) : undefined;

/** Far above what the fuzzer sends: the limits have their own test; here every request must reach the API. */
export function liftRateLimitsForFuzzing(): void {
  process.env['PEIYU_RATE_LIMIT_AUTH_FAILURES'] = String(1e9);
  process.env['PEIYU_RATE_LIMIT_PUBLIC'] = String(1e9);
}

/** `[role, region?, uscc?]` → the bearer token the harness issues for that principal. */
export type Who = readonly [role: string, region?: string, uscc?: string];

export function tokensOf(h: Pick<ApiHarness, 'as'>, principals: readonly Who[]): string[] {
  return principals.map(([role, region, uscc]) =>
    h
      .as({ role, ...(region ? { region } : {}), ...(uscc ? { uscc } : {}) } as never)
      .Authorization.slice('Bearer '.length),
  );
}

/**
 * The principals every fuzz run tries: each role, inside and outside the seeded 平顶山 (4104) regions — 汝州市
 * (410482) is administered by the province directly — another province, and each seeded enterprise as itself.
 */
export function fuzzPrincipals(usccs: readonly string[]): Who[] {
  return [
    ['county_reviewer', '410402'],
    ['county_reviewer', '410403'],
    ['county_reviewer', '410482'],
    ['county_reviewer', '430102'],
    ['city_reviewer', '410400'],
    ['province_reviewer', '410000'],
    ['province_reviewer', '430000'],
    ...usccs.map((uscc): Who => ['enterprise', uscc.slice(2, 8), uscc]),
    ['auditor', '410400'],
    ['finance', '410000'],
    ['expert', '410402'],
    ['admin'],
  ];
}

export interface FuzzSuite {
  service: string;
  /** Read when the test runs (after the suite's beforeAll has seeded the service). */
  target: () => { app: Express; tokens: string[]; pathValues: Record<string, readonly string[]> };
  /** The service's command endpoints today: fewer discovered means the OpenAPI lost some. */
  minCommandEndpoints: number;
}

export function itFuzzesEveryEndpoint(suite: FuzzSuite): void {
  it(
    `fuzzes every ${suite.service} endpoint with ${FUZZ_RUNS} generated requests: no answer is a 5xx`,
    async () => {
      const summary = await fuzzHttp(
        { service: suite.service, ...suite.target() },
        { runs: FUZZ_RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
      );
      const { failures, ...line } = summary;
      process.stdout.write(`${JSON.stringify({ fuzz: line, failures: failures.length })}\n`);
      const summaryFile = process.env['PEIYU_FUZZ_SUMMARY'];
      if (summaryFile) writeFileSync(summaryFile, JSON.stringify(summary));
      expect(failures).toEqual([]);
      expect(summary.serverErrors).toBe(0);
      expect(summary.requests).toBe(FUZZ_RUNS);
      expect(summary.commandEndpoints).toBeGreaterThanOrEqual(suite.minCommandEndpoints);
      // Every command endpoint of the OpenAPI document was exercised.
      if (FUZZ_RUNS >= 500) expect(summary.commandsNotReached).toEqual([]);
    },
    15 * 60_000,
  );
}
