import {
  clockForMode,
  defaultKeyDir,
  loadDevKeys,
  peiyuMode,
  signLocalToken,
  type Principal,
} from '@peiyu/service-kit';
import { quarterLabel } from '../domain';
import { createRegions } from '../regions';
import {
  demoQuarters,
  demoReport,
  PLAN_REFERENCE,
  YUEYANG,
  YUEYANG_PERIOD,
  yueyangLine,
  ZHUMADIAN,
  zhumadianTargets,
  type CountRow,
} from './plan';

/**
 * `npm start -- --demo` (after the registry's and assessment's demos): 驻马店's targets of the 2021 action plan
 * for the current year, its ranking method, every county's reports of the last two ended quarters, and the
 * rankings of both (the second with its 约谈). Counts come from the events the other demos produced, never
 * from here. Everything goes through the public API, each step by the bureau that takes it; a re-run changes
 * nothing (the same targets, reports and rankings are recognised as unchanged).
 */
const base = process.env.SERVICE_URL;
const clock = clockForMode(peiyuMode());
const keysReady = loadDevKeys(defaultKeyDir());

type Who = Omit<Principal, 'sub'>;
const city: Who = { role: 'city_reviewer', region: ZHUMADIAN };
const county = (region: string): Who => ({ role: 'county_reviewer', region });

async function must(method: string, path: string, who: Who, body?: unknown) {
  const token = await signLocalToken(await keysReady, {
    principal: { sub: `demo-${who.role}-${who.region ?? ''}`, ...who } as Principal,
    clock,
    ttlMs: 10 * 60_000,
  });
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

const METHOD = {
  method: {
    kind: 'weighted',
    weights: [
      { indicator: 'newTechSmesEntered', weight: 30 },
      { indicator: 'newHnteCertified', weight: 20 },
      { indicator: 'techContractTurnoverFen', weight: 30 },
      { indicator: 'innovationPlatforms', weight: 20 },
    ],
  },
  tieRule: { indicators: ['newHnteCertified', 'newTechSmesEntered'], finally: 'county_code' },
};

/**
 * 岳阳's tech SMEs entered January–May 2022 by county, as the counts API answers its city bureau once the
 * imported history has reached statistics (the relays publish it, the consumer folds it): polled until the
 * answer has stayed the same for three seconds with something counted, for at most two minutes.
 */
async function yueyangCounts(): Promise<CountRow[]> {
  const path = `/v1/county-counts?from=${YUEYANG_PERIOD.from}&to=${YUEYANG_PERIOD.to}&region=${YUEYANG}&pageSize=100`;
  const who: Who = { role: 'city_reviewer', region: YUEYANG };
  let last = '';
  let same = 0;
  for (let i = 0; i < 120; i++) {
    const rows = (await must('GET', path, who)).items as CountRow[];
    const now = JSON.stringify(rows.map((r) => [r.countyCode, r.techSmesEntered]));
    same = now === last ? same + 1 : 0;
    if (same >= 3 && rows.some((r) => r.techSmesEntered > 0)) return rows;
    last = now;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return [];
}

async function main(): Promise<void> {
  if (!base) throw new Error('SERVICE_URL is required');
  const counted = await yueyangCounts();
  console.log(
    counted.length === 0
      ? 'statistics demo: 岳阳 2022 — nothing counted (the yueyang-2022 history was not imported)'
      : `statistics demo: 岳阳 tech SMEs entered ${YUEYANG_PERIOD.from} … ${YUEYANG_PERIOD.to}, counted from ` +
          `events by GET /v1/county-counts: ${yueyangLine(counted)}`,
  );
  const regions = createRegions();
  const counties = regions.countiesOf(ZHUMADIAN).filter((c) => !regions.provinciallyAdministered.has(c));
  const year = Number(clock.today().slice(0, 4));
  for (const t of zhumadianTargets(counties)) {
    await must('PUT', `/v1/county-targets/${t.countyCode}/${year}`, city, {
      targets: {
        newTechSmesEntered: t.newTechSmesEntered,
        newHnteCertified: t.newHnteCertified,
        validHnte: null,
        techContractTurnoverYuan: null,
        innovationPlatforms: null,
      },
      reference: PLAN_REFERENCE,
    });
  }
  const quarters = demoQuarters(clock.today());
  for (const y of new Set([...quarters.map((q) => q.year), year])) {
    await must('PUT', `/v1/ranking-methods/${ZHUMADIAN}/${y}`, city, METHOD);
  }
  const talks: string[] = [];
  for (const q of quarters) {
    for (const [i, c] of counties.entries()) {
      const r = demoReport(c, i, q);
      await must('PUT', `/v1/indicator-reports/${c}/${q.year}/${q.quarter}`, county(c), {
        techContractTurnoverYuan: r.turnoverYuan,
        provincialPlatforms: r.provincialPlatforms,
        cityPlatforms: r.cityPlatforms,
        evidence: [`驻马店市技术合同登记汇总表（演示）${q.year}Q${q.quarter}`],
      });
    }
    const ranking = await must('POST', `/v1/rankings/${ZHUMADIAN}/${q.year}/${q.quarter}/publish`, city, {
      reason: '演示数据重新加载',
    });
    const rows = ranking.rows as Array<{ countyName: string; talk: boolean }>;
    talks.push(
      `${quarterLabel(q)}：约谈 ${
        rows
          .filter((r) => r.talk)
          .map((r) => r.countyName)
          .join('、') || '无'
      }`,
    );
  }
  console.log(
    `statistics demo: 驻马店 ${year} targets (260 tech SMEs, 20 HNTE over ${counties.length} counties), ` +
      `reports and rankings of ${quarters.map(quarterLabel).join(' and ')}; ${talks.join('; ')}`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
