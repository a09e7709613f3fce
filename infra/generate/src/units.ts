import { monotonic, type Append } from './append';
import { batchAppends, batchMonth, UPHELD_RATE } from './batch';
import { enterpriseAppends } from './enterprise';
import { evaluationAppends } from './evaluation';
import {
  countyEnterprises,
  DEFAULT_CAMPAIGN,
  evaluationFate,
  type Campaign,
  type EvaluationFate,
} from './fate';
import { countyEvaluations, type Area } from './model';
import { Rng } from './rng';
import { statisticsAppends } from './statistics';

/** The service database a unit writes to (each service owns one). */
export type ServiceDb = 'registry' | 'assessment' | 'statistics';

/**
 * A unit of work: a piece of history small enough to build in memory and written as a whole before the
 * checkpoint moves past it. Units run in a fixed order — registrations, then evaluations, then the batches —
 * so an event never refers to one written later, and a rerun can skip exactly the units already done.
 */
export interface Unit {
  key: string;
  db: ServiceDb;
  build(): Append[];
}

export interface RunSpec {
  seed: number;
  year: number;
  area: Area;
  /** A recorded year reproduced exactly (scenario.ts) instead of the model's volumes and rates. */
  scenario?: ScenarioRules;
}

/** What a scenario changes in the model: fixed evaluations per county, its campaign, no rejections. */
export interface ScenarioRules {
  name: string;
  evaluationsByCounty: ReadonlyMap<string, number>;
  campaign: Campaign;
  upheldRate: number;
  /** The year its enterprises register (before the campaign's drafts). */
  registeredIn: number;
  enterprisesPerEvaluation: number;
  firstSerial: number;
}

export function planUnits(spec: RunSpec): Unit[] {
  const { seed, year, area, scenario } = spec;
  const counts = scenario?.evaluationsByCounty ?? countyEvaluations(area);
  const campaign = scenario?.campaign ?? DEFAULT_CAMPAIGN;
  const fateOf = (s: ReturnType<typeof countyEnterprises>[number]) => evaluationFate(seed, year, s, campaign);
  const slotsOf = (code: string) =>
    countyEnterprises(
      area.counties.find((c) => c.code === code)!,
      counts.get(code) ?? 0,
      scenario?.enterprisesPerEvaluation,
      scenario?.firstSerial,
    );
  const registeredIn = scenario?.registeredIn ?? year;
  const ids = (key: string) => new Rng(seed, `ids:${key}`);
  const units: Unit[] = [];
  for (const c of area.counties) {
    const key = `registry:${c.code}`;
    units.push({
      key,
      db: 'registry',
      build: () =>
        slotsOf(c.code).flatMap((s) => enterpriseAppends(seed, registeredIn, s, ids(key + s.uscc))),
    });
  }
  for (const c of area.counties) {
    const key = `evaluations:${c.code}`;
    units.push({
      key,
      db: 'assessment',
      build: () =>
        slotsOf(c.code)
          .filter((s) => s.evaluates)
          .flatMap((s) => evaluationAppends(seed, year, fateOf(s), ids(key + s.uscc))),
    });
  }
  const provinces = [...new Set(area.counties.map((c) => c.provinceCode))];
  let cached: { province: string; byMonth: Map<number, EvaluationFate[]> } | undefined;
  const monthsOf = (province: string) => {
    if (cached?.province !== province)
      cached = { province, byMonth: provinceFates(spec, province, slotsOf, fateOf) };
    return cached.byMonth;
  };
  for (const p of provinces) {
    for (let month = 1; month <= 11; month++) {
      const key = `batch:${p}:${month}`;
      units.push({
        key,
        db: 'assessment',
        build: () => {
          const fates = monthsOf(p).get(month) ?? [];
          const upheld = scenario?.upheldRate ?? UPHELD_RATE;
          return fates.length === 0 ? [] : batchAppends(seed, year, p, month, fates, ids(key), upheld);
        },
      });
    }
  }
  // Statistics last (nothing refers to them): each county's targets and quarterly reports.
  for (const c of area.counties) {
    const key = `statistics:${c.code}`;
    units.push({
      key,
      db: 'statistics',
      build: () => statisticsAppends(seed, year, c, counts.get(c.code) ?? 0, ids(key)),
    });
  }
  return units;
}

/** The province's forwarded evaluations by batch month, in forwarding order. */
function provinceFates(
  spec: RunSpec,
  province: string,
  slotsOf: (code: string) => ReturnType<typeof countyEnterprises>,
  fateOf: (s: ReturnType<typeof countyEnterprises>[number]) => EvaluationFate,
): Map<number, EvaluationFate[]> {
  const byMonth = new Map<number, EvaluationFate[]>();
  for (const c of spec.area.counties.filter((x) => x.provinceCode === province)) {
    for (const s of slotsOf(c.code)) {
      if (!s.evaluates) continue;
      const f = fateOf(s);
      const m = batchMonth(f);
      if (m === null) continue;
      const list = byMonth.get(m);
      if (list) list.push(f);
      else byMonth.set(m, [f]);
    }
  }
  for (const list of byMonth.values())
    list.sort((a, b) =>
      a.forwardedOn! < b.forwardedOn! ? -1 : a.forwardedOn! > b.forwardedOn! ? 1 : a.uscc < b.uscc ? -1 : 1,
    );
  return byMonth;
}

/** A unit's appends with each stream's instants increasing, all in time order (the order of positions). */
export function orderedAppends(unit: Unit): Append[] {
  const byStream = new Map<string, Append[]>();
  for (const a of unit.build()) {
    const list = byStream.get(a.streamId);
    if (list) list.push(a);
    else byStream.set(a.streamId, [a]);
  }
  const all = [...byStream.values()].flatMap(monotonic);
  return all
    .map((a, i) => [a, i] as const)
    .sort(([a, i], [b, j]) => a.at.getTime() - b.at.getTime() || i - j)
    .map(([a]) => a);
}
