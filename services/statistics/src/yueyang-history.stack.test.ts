import { join } from 'node:path';
import { eventually } from '@peiyu/local';
import { importHistory } from '@peiyu/local/src/history';
import { useStackSuite } from '@peiyu/local/src/test-support/stack-suite';
import { exampleUscc } from '@peiyu/policy';
import { yueyangLine, type CountRow } from './demo/plan';

// Issue 17 "must show": 岳阳's 2022 tech-SME entries by county (shared/seeds 001: 1-5月 新港区61家、经开区51家、
// 岳阳楼区26家、平江县57家、汨罗市44家、岳阳县35家) counted from events. A past year cannot go through today's
// API, so `--demo` imports it as history (infra/generate scenario yueyang-2022: registrations, evaluations,
// batches, 公示, SmeEntered — written into the registry's and assessment's stores); their relays publish it and
// statistics counts it. This is that path on the local stack (kafka-lite), with the demo's own `importHistory`.
const repoRoot = join(__dirname, '..', '..', '..');
const suite = useStackSuite({
  name: 'yueyang-history',
  startAt: '2026-03-20T09:00:00+08:00',
  only: ['registry', 'assessment', 'statistics'],
});
const statistics = suite.client('statistics');
const registry = suite.client('registry');
const yueyang = { role: 'city_reviewer' as const, region: '430600' };
const COUNTS = '/v1/county-counts?from=2022-01-01&to=2022-05-31&region=430600&pageSize=100';

const entered = (rows: CountRow[]) => Object.fromEntries(rows.map((r) => [r.countyCode, r.techSmesEntered]));

it('answers exactly 61/51/26/57/44/35 for 岳阳 January–May 2022 once the history is imported', async () => {
  const before = await statistics.call('GET', COUNTS, yueyang);
  expect(before.status).toBe(200);
  expect((before.body!.items as CountRow[]).every((r) => r.techSmesEntered === 0)).toBe(true);

  const lines: string[] = [];
  await importHistory(suite.stack(), repoRoot, 'yueyang-2022', (l) => lines.push(l));
  expect(lines.join('\n')).toMatch(/written by this run/);

  const expected = {
    '430673': 61, // 新港区 (城陵矶新港区, a management area)
    '430672': 51, // 经开区 (岳阳经济技术开发区, a management area)
    '430602': 26, // 岳阳楼区
    '430626': 57, // 平江县
    '430681': 44, // 汨罗市
    '430621': 35, // 岳阳县
  };
  const reply = await eventually(
    () => statistics.call('GET', COUNTS, yueyang),
    (r) => {
      const got = entered((r.body?.items as CountRow[] | undefined) ?? []);
      return Object.entries(expected).every(([c, n]) => got[c] === n);
    },
    90_000,
  );
  const rows = reply.body!.items as CountRow[];
  const got = entered(rows);
  // Every county of the city is listed; only the six the reply names have entries.
  for (const [code, n] of Object.entries(got)) expect(n).toBe(expected[code as keyof typeof expected] ?? 0);
  expect(got).toMatchObject(expected);
  expect(yueyangLine(rows)).toBe(
    '城陵矶新港区 61、岳阳经济技术开发区 51、岳阳楼区 26、平江县 57、汨罗市 44、岳阳县 35',
  );
  console.log(`岳阳 2022-01-01 … 2022-05-31 as the API answered: ${yueyangLine(rows)}`);

  // The same history reached the registry's read model (its relay and projection, not a side channel).
  const first = exampleUscc('430673', 8001);
  const enterprise = await registry.call('GET', `/v1/enterprises/${first}`, {
    role: 'county_reviewer',
    region: '430673',
  });
  expect(enterprise.status).toBe(200);
  expect(enterprise.body).toMatchObject({ uscc: first, countyCode: '430673' });
}, 180_000);

it('a second import writes nothing and the counts stay the same', async () => {
  const lines: string[] = [];
  await importHistory(suite.stack(), repoRoot, 'yueyang-2022', (l) => lines.push(l));
  expect(lines.join('\n')).toMatch(/\(0 written by this run\)/);
  await new Promise((r) => setTimeout(r, 2000));
  const reply = await statistics.call('GET', COUNTS, yueyang);
  expect(entered(reply.body!.items as CountRow[])).toMatchObject({
    '430673': 61,
    '430672': 51,
    '430602': 26,
    '430626': 57,
    '430681': 44,
    '430621': 35,
  });
}, 60_000);
