/**
 * The enterprises a command-path bench of another service needs, registered before its measured run the way
 * they are in life: each by its county bureau through the registry's API (企业注册, POST /v1/enterprises), so the
 * other service learns of them from the registry's events on Kafka. Not measured; progress on stderr.
 */
import { join } from 'node:path';
import { exampleUscc } from '@peiyu/policy';
import { loadDevKeys, signLocalToken, systemClock, type Principal } from '@peiyu/service-kit';
import { benchRequest, closedLoop, type BenchStack } from '@peiyu/testkit';

export interface BenchEnterprise {
  uscc: string;
  name: string;
  countyCode: string;
  foundedOn?: string;
  /** The technical field an HNTE application names (hnte.md §2). */
  hnteField?: string;
}

/** 平顶山's counties under the city bureau (汝州市 410482, 省直管县, apart): benches' enterprises take turns. */
export const PINGDINGSHAN_COUNTIES: readonly string[] = [
  '410402',
  '410403',
  '410404',
  '410411',
  '410421',
  '410422',
  '410423',
  '410425',
  '410481',
];

/** The k-th bench enterprise's county (the counties take turns) and a valid USCC there (serial base + k). */
export function benchPlace(counties: readonly string[], base: number) {
  const countyOf = (k: number): string => counties[k % counties.length]!;
  return { countyOf, usccOf: (k: number): string => exampleUscc(countyOf(k), base + k) };
}

/** Tokens live in real time (a pinned business clock does not age them): the seeding and the run fit in it. */
const TOKEN_TTL_MS = 2 * 3_600_000;
/** Enough in flight to keep the registry busy, few enough not to queue for long. */
const CONCURRENCY = 24;

/** A token for `principal`, signed with the stack's dev key (the services run in local mode). */
export async function signBenchToken(stack: BenchStack, principal: Principal): Promise<string> {
  const keys = await loadDevKeys(join(stack.home, 'keys'));
  return signLocalToken(keys, { principal, ttlMs: TOKEN_TTL_MS, clock: systemClock });
}

/**
 * Registers `count` enterprises (`enterprise(k)`) through the stack's registry; resolves with each one's own
 * enterprise token (role `enterprise`, its county, its USCC), the token its commands are sent with.
 */
export async function registerBenchEnterprises(
  stack: BenchStack,
  count: number,
  enterprise: (k: number) => BenchEnterprise,
): Promise<string[]> {
  const sign = (principal: Principal): Promise<string> => signBenchToken(stack, principal);
  const bureaus = new Map<string, Promise<string>>();
  const bureau = (county: string): Promise<string> => {
    if (!bureaus.has(county))
      bureaus.set(county, sign({ sub: `bench-${county}`, role: 'county_reviewer', region: county }));
    return bureaus.get(county)!;
  };
  const port = stack.services.get('registry')!.ports[0]!;
  const tokens = new Array<string>(count);
  const t0 = performance.now();
  await closedLoop(count, CONCURRENCY, async (k) => {
    const e = enterprise(k);
    const r = await benchRequest(port, 'POST', '/v1/enterprises', await bureau(e.countyCode), {
      uscc: e.uscc,
      name: e.name,
      countyCode: e.countyCode,
      foundedOn: e.foundedOn ?? '2019-05-20',
      ...(e.hnteField ? { hnteField: e.hnteField } : {}),
      contact: { name: '张三', phone: '0375-1234567', email: `bench${k}@example.cn` },
    });
    // anything but 201 means the scenario is wrong: stop
    if (r.status !== 201) throw new Error(`registering ${e.uscc}: ${r.status} ${JSON.stringify(r.body)}`);
    tokens[k] = await sign({
      sub: `bench-${e.uscc}`,
      role: 'enterprise',
      region: e.countyCode,
      uscc: e.uscc,
    });
    if ((k + 1) % 2000 === 0) process.stderr.write(`registered ${k + 1}/${count} enterprises\n`);
  });
  const rate = count / ((performance.now() - t0) / 1000);
  process.stderr.write(`registered ${count} enterprises (${rate.toFixed(0)}/s)\n`);
  return tokens;
}
