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
import {
  applicationFlow,
  appliesTo,
  certificateAppends,
  enterpriseView,
  hntePorts,
  hnteSetup,
  type ApplicationOutcome,
} from './hnte';
import { AWARD_POLICIES, awardAppends, factsOf, policyStreams, type AwardPolicy } from './subsidy';
import { countyEvaluations, type Area, type County } from './model';
import { Rng } from './rng';
import { statisticsAppends } from './statistics';

/** The service database a unit writes to (each service owns one). */
export type ServiceDb = 'registry' | 'assessment' | 'statistics' | 'certification' | 'subsidy';

/**
 * A unit of work: a piece of history small enough to build in memory and written as a whole before the
 * checkpoint moves past it. Units run in a fixed order — registrations, then evaluations, then the batches —
 * so an event never refers to one written later, and a rerun can skip exactly the units already done.
 */
export interface Unit {
  key: string;
  db: ServiceDb;
  build(lookup: Lookup): Append[] | Promise<Append[]>;
}

/** A recorded event of an earlier unit, as a later unit reads it (subsidy's facts cite their event ids). */
export interface StoredFact {
  eventId: string;
  type: string;
  position: number;
  data: Record<string, unknown>;
}

/** Reads of what earlier units wrote: the events of some types in a service's store, in position order. */
export interface Lookup {
  events(db: ServiceDb, types: readonly string[]): Promise<StoredFact[]>;
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
  if (!scenario)
    units.push(...hnteUnits(spec, provinces, slotsOf, ids), ...subsidyUnits(spec, provinces, ids));
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

/**
 * HNTE recognition (hnte.ts) after the tech-SME year: each province's batches and expert pool, each county's
 * applications, then the province's certificates — the applications' outcomes are kept from the county units
 * (recomputed, identically, for a county a resumed run did not build).
 */
function hnteUnits(
  spec: RunSpec,
  provinces: string[],
  slotsOf: (code: string) => ReturnType<typeof countyEnterprises>,
  ids: (key: string) => Rng,
): Unit[] {
  const { seed, year, area } = spec;
  const setups = new Map<string, ReturnType<typeof hnteSetup>>();
  const setupOf = (p: string) => {
    let s = setups.get(p);
    if (!s) setups.set(p, (s = hnteSetup(seed, year, p, area.scale, new Rng(seed, 'hnte-setup-state'))));
    return s;
  };
  const outcomes = new Map<string, ApplicationOutcome[]>();
  const countyFlows = (c: County, key: string) => {
    const slots = slotsOf(c.code);
    const views = new Map(slots.map((s) => [s.uscc, s]));
    const ports = hntePorts(setupOf(c.provinceCode), (uscc) => {
      const slot = views.get(uscc);
      return slot ? enterpriseView(seed, year, slot) : null;
    });
    const approved: ApplicationOutcome[] = [];
    const appends: Append[] = [];
    for (const slot of slots) {
      const batch = appliesTo(seed, year, slot);
      if (batch === null) continue;
      const flow = applicationFlow(seed, year, slot, batch, ports, ids(key + slot.uscc));
      appends.push(...flow.appends);
      if (flow.approved) approved.push(flow.approved);
    }
    outcomes.set(c.code, approved);
    return appends;
  };
  const units: Unit[] = [];
  for (const p of provinces) {
    const key = `hnte-setup:${p}`;
    units.push({
      key,
      db: 'certification',
      build: () => {
        const s = hnteSetup(seed, year, p, area.scale, ids(key));
        return [...s.register.appends, ...s.pool.appends];
      },
    });
  }
  for (const c of area.counties) {
    const key = `hnte:${c.code}`;
    units.push({ key, db: 'certification', build: () => countyFlows(c, key) });
  }
  for (const p of provinces) {
    const key = `hnte-certificates:${p}`;
    units.push({
      key,
      db: 'certification',
      build: () => {
        const approved = area.counties
          .filter((c) => c.provinceCode === p)
          .flatMap((c) => {
            if (!outcomes.has(c.code)) countyFlows(c, `hnte:${c.code}`);
            const list = outcomes.get(c.code)!;
            outcomes.delete(c.code);
            return list;
          });
        return certificateAppends(year, p, approved, setupOf(p), ids(key));
      },
    });
  }
  return units;
}

/**
 * Subsidy (subsidy.ts) after the facts it awards: the example policies published, then per province and award
 * policy the entitlements of the year's entries or certificates and the paying levels' ledgers. The facts are
 * read back from the stores (their event ids are the entitlements' sources), once per type and run.
 */
function subsidyUnits(spec: RunSpec, provinces: string[], ids: (key: string) => Rng): Unit[] {
  const { seed, year } = spec;
  const facts = new Map<string, Map<string, StoredFact[]>>();
  const factsIn = async (lookup: Lookup, policy: AwardPolicy, province: string) => {
    const { db, type } = factsOf(policy);
    let byProvince = facts.get(type);
    if (!byProvince) {
      byProvince = new Map();
      for (const f of await lookup.events(db, [type])) {
        const p = `${String(f.data.countyCode).slice(0, 2)}0000`;
        const list = byProvince.get(p);
        if (list) list.push(f);
        else byProvince.set(p, [f]);
      }
      facts.set(type, byProvince);
    }
    return byProvince.get(province) ?? [];
  };
  const units: Unit[] = [
    {
      key: 'subsidy-policies',
      db: 'subsidy',
      build: () => [...policyStreams(year, ids('subsidy-policies')).values()].flatMap((s) => s.appends),
    },
  ];
  for (const p of provinces)
    for (const policy of AWARD_POLICIES) {
      const key = `subsidy:${p}:${policy}`;
      units.push({
        key,
        db: 'subsidy',
        build: async (lookup) =>
          awardAppends(seed, year, p, policy, await factsIn(lookup, policy, p), ids(key)),
      });
    }
  return units;
}

/** A unit's appends with each stream's instants increasing, all in time order (the order of positions). */
export async function orderedAppends(unit: Unit, lookup: Lookup): Promise<Append[]> {
  const byStream = new Map<string, Append[]>();
  for (const a of await unit.build(lookup)) {
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
