/**
 * What-if at size (issue 15 "npm run bench"): a parameter overlay replayed over 100,000 recorded calculations,
 * against a plain loop over the same facts.
 *
 *   node dist/bench/what-if.js [--facts 100000] [--runs 5] [--whole-documents]
 *
 * The facts are recorded as the service records them: EntitlementCalculated events decided by the entitlement
 * decider from seeded SmeEntered (city and county entry awards), HnteCertified (city and district HNTE awards)
 * and verified R&D applications, projected by the service's StoreProjector and entitlements projection into
 * mongo-lite (started in-process). Then, each run:
 *   - what_if_s: the route's work end to end — read the period's facts (`readWhatIfFacts`), replay them under
 *     the published versions and the overlay, aggregate by policy, level and county, top changes (`whatIf`);
 *   - plain_loop_s: the floor — the same read, then the simplest arithmetic over the same facts (a sum);
 * and the same two over the facts already in memory (compute only). Medians of `--runs`, wall and CPU time
 * (the process's: mongo-lite runs in it). Prints JSON lines with the load average.
 */
import { parseArgs } from 'node:util';
import { entitlementStreamId, type Actor } from '@peiyu/contracts';
import { StoreProjector, type RecordedEvent } from '@peiyu/eventstore';
import { exampleUscc } from '@peiyu/policy';
import mongoose from 'mongoose';
import {
  entitlementDecider,
  exampleVersionDrafts,
  whatIf,
  type EntitlementCommand,
  type EntitlementEvent,
  type EntitlementState,
  type Overlay,
  type PolicyVersionData,
  type SubsidyContext,
  type WhatIfFact,
} from '../domain';
import { isProvinciallyAdministered, SUBSIDY_SCOPE } from '../http/access';
import { readWhatIfFacts, whatIfFilter } from '../queries/what-if/read';
import { ENTITLEMENTS, entitlementsProjection } from '../read-models/entitlements';
import { emitBenchLine } from '@peiyu/testkit';

const { values: args } = parseArgs({
  options: {
    facts: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    // also time the read as the route made it before the fix (whole documents, trace included), once
    'whole-documents': { type: 'boolean', default: false },
  },
});
const FACTS = Number(args.facts);
const RUNS = Number(args.runs);

const emit = emitBenchLine;

// 平顶山's counties, 汝州 (省直管县: the county pays the city share) and three of 洛阳's.
const COUNTIES = [
  '410402',
  '410403',
  '410404',
  '410411',
  '410421',
  '410422',
  '410423',
  '410425',
  '410481',
  '410482',
  '410302',
  '410303',
  '410305',
];
const SYSTEM: Actor = { role: 'system', id: 'bench' };
const VERSIONS: PolicyVersionData[] = exampleVersionDrafts().map((d) => ({
  ...d,
  replaces: null,
  publishedOn: '2017-01-01',
}));
const ctx = (today: string, actor: Actor = SYSTEM): SubsidyContext => ({
  now: new Date(`${today}T02:00:00Z`),
  today,
  actor,
  correlationId: 'bench',
  policyVersions: (policyId) => VERSIONS.filter((v) => v.policyId === policyId),
});

/** A deterministic generator (mulberry32), so every run records the same facts. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const day = (year: number, r: () => number) =>
  `${year}-${pad(1 + Math.floor(r() * 12), 2)}-${pad(1 + Math.floor(r() * 28), 2)}`;

/** Decides one command on a fresh stream, as the shell would, and folds the events. */
function decideAll(commands: EntitlementCommand[], today: string, actor?: Actor): EntitlementEvent[] {
  let state: EntitlementState = entitlementDecider.initialState;
  const out: EntitlementEvent[] = [];
  for (const c of commands) {
    const events = entitlementDecider.decide(c, state, ctx(today, actor)) as EntitlementEvent[];
    for (const e of events) state = entitlementDecider.evolve(state, e);
    out.push(...events);
  }
  return out;
}

/** The seeded facts, as the EntitlementCalculated events (and R&D applications) the service records. */
function* seededEvents(total: number): Generator<EntitlementEvent> {
  const r = random(15);
  const entries = Math.floor(total * 0.25); // × 2 awards (city, county)
  const certificates = Math.floor(total * 0.2); // × 2 awards (city, district)
  const rd = total - 2 * entries - 2 * certificates;
  for (let i = 0; i < entries; i++) {
    const county = COUNTIES[i % COUNTIES.length]!;
    const year = 2024 + (i % 2);
    const enteredOn = day(year, r);
    const fact = {
      kind: 'sme-entry' as const,
      eventId: `sme-${i}`,
      uscc: exampleUscc(county, i),
      countyCode: county,
      registrationNumber: `${year}${county.slice(0, 4)}${pad(i, 6)}`,
      enteredOn,
      previousEntry: r() < 0.3 ? { eventId: `sme-prev-${i}`, registrationNumber: `prev-${i}` } : null,
    };
    for (const policyId of ['tsme-entry-award/city', 'tsme-entry-award/county'])
      yield* decideAll(
        [
          {
            type: 'CalculateAward',
            policyId,
            fact,
            countyCode: county,
            provinciallyAdministered: isProvinciallyAdministered(county),
          },
        ],
        enteredOn,
      );
  }
  const kinds = [
    'first',
    'first',
    'first',
    'first',
    'first',
    'first',
    'first',
    'recertification',
    'recertification',
    'moving_in',
  ] as const;
  for (let i = 0; i < certificates; i++) {
    const county = COUNTIES[(i * 7) % COUNTIES.length]!;
    const issuedOn = day(2024 + (i % 2), r);
    const fact = {
      kind: 'hnte-certification' as const,
      eventId: `hnte-${i}`,
      uscc: exampleUscc(county, 500_000 + i),
      certificateNumber: `GR2024410${pad(i, 5)}`,
      issuedOn,
      certification: kinds[i % kinds.length]!,
      // 0 – 400 million yuan, in fen: across every tier edge
      latestYearRevenue: Math.floor(r() * 40_000_000_000),
    };
    for (const policyId of ['hnte-award/city', 'hnte-award/county'])
      yield* decideAll(
        [
          {
            type: 'CalculateAward',
            policyId,
            fact,
            countyCode: county,
            provinciallyAdministered: isProvinciallyAdministered(county),
          },
        ],
        issuedOn,
      );
  }
  const types = [[], ['tech-sme'], ['small-giant'], ['national-rd-platform']] as const;
  for (let i = 0; i < rd; i++) {
    const county = COUNTIES[(i * 5) % COUNTIES.length]!;
    const uscc = exampleUscc(county, 900_000 + i);
    const rdYear = 2024;
    const appliedOn = `${rdYear + 1}-03-${pad(1 + (i % 28), 2)}`;
    // applied by the enterprise, then verified by its county's finance bureau: RdSubsidyApplied,
    // RdSubsidyVerified, EntitlementCalculated on one stream
    yield* decideAll(
      [
        {
          type: 'ApplyRdSubsidy',
          uscc,
          countyCode: county,
          provinciallyAdministered: isProvinciallyAdministered(county),
          rdYear,
          // 0 – 60 million yuan, in fen: across the 5,000,000-yuan tier and every cap
          acceptedRdExpense: Math.floor(r() * 6_000_000_000),
          filingRef: `RD-${rdYear}-${i}`,
          enterpriseTypes: [...types[i % types.length]!],
        },
        {
          type: 'VerifyRdSubsidy',
          applicationEventId: `rd-${i}`,
          outcome: 'verified',
          verifiedRdExpense: null,
          rdBudgetFiled: r() < 0.9,
          ipItemsLast3Years: Math.floor(r() * 4),
          dishonest: r() < 0.02,
          sourceEvents: {},
          reason: null,
        },
      ],
      appliedOn,
      { role: 'finance', id: `fin-${county}`, region: county },
    );
  }
}

/** The events as the store hands them to the projector: positions, stream versions, ids. */
function* recorded(total: number): Generator<RecordedEvent> {
  let position = 0;
  let previous: { id: string; version: number } = { id: '', version: 0 };
  for (const e of seededEvents(total)) {
    position += 1;
    const entitlementId = (e.data as { entitlementId: string }).entitlementId;
    const version = previous.id === entitlementId ? previous.version + 1 : 1;
    previous = { id: entitlementId, version };
    yield {
      eventId: `bench-${position}`,
      streamId: entitlementStreamId(entitlementId),
      streamVersion: version,
      type: e.type,
      schemaVersion: 1,
      occurredAt: '2026-01-01T00:00:00.000Z',
      recordedAt: '2026-01-01T00:00:00.000Z',
      actor: SYSTEM,
      correlationId: `bench-${position}`,
      causationId: null,
      data: e.data,
      position,
      prevHash: '',
      hash: '',
    };
  }
}

// Province 40 % / city 20 % / county 40 %, consecutive entry required for the county's entry award, a higher
// recertification award in the cities, a lower R&D tier limit.
const OVERLAY: Overlay = {
  shares: { province: '0.4', city: '0.2' },
  parameters: {
    'tsme-entry-award/county': { requireConsecutiveEntry: true },
    'hnte-award/city': { recertification: 8_000_000 },
    'rd-subsidy': { tierLimit: 300_000_000 },
  },
};
const PERIOD = { from: '2024-01-01', to: '2025-12-31' };
const SCOPE = { provinceCode: '410000' };

/** The floor: the simplest arithmetic over the same facts — one addition per fact. */
function plainLoop(facts: readonly WhatIfFact[]): number {
  let sum = 0;
  for (const f of facts) sum += f.facts.provinciallyAdministered ? 2 : 1;
  return sum;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const secs = (ms: number) => Number((ms / 1000).toFixed(3));

async function main(): Promise<void> {
  const { startMongoLite } = await import('@peiyu/mongo-lite');
  const mongo = await startMongoLite({ port: 0, log: () => undefined });
  const conn = await mongoose.createConnection(mongo.uri, { dbName: 'peiyu-subsidy' }).asPromise();
  try {
    const t = performance.now();
    const projector = new StoreProjector({
      store: { readAll: () => toAsync(recorded(FACTS)) } as never,
      db: conn.db!,
      projections: [entitlementsProjection(SUBSIDY_SCOPE)],
      batchSize: 2000,
    });
    await projector.start();
    const coll = await projector.collection(ENTITLEMENTS);
    const stored = await coll.countDocuments(whatIfFilter(SCOPE, PERIOD.from, PERIOD.to));
    emit('facts_recorded_s', secs(performance.now() - t), {
      recorded_calculations: stored,
      documents: await coll.countDocuments({}),
      collection: coll.collectionName,
    });

    const e2e: number[] = [];
    const floor: number[] = [];
    // CPU time of this process (mongo-lite runs in it): robust to other work sharing the cores
    const e2eCpu: number[] = [];
    const floorCpu: number[] = [];
    const cpu = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const compute: number[] = [];
    const computeFloor: number[] = [];
    let result: ReturnType<typeof whatIf> | undefined;
    let facts: WhatIfFact[] = [];
    let sum = 0;
    for (let i = 0; i < RUNS; i++) {
      // alternate the order, so neither side always runs on a warmer heap
      const legs = [
        async () => {
          const [s, c] = [performance.now(), cpu()];
          facts = await readWhatIfFacts(coll, SCOPE, PERIOD.from, PERIOD.to);
          result = whatIf(facts, VERSIONS, OVERLAY, { ...PERIOD, top: 10 });
          e2e.push(performance.now() - s);
          e2eCpu.push(cpu() - c);
        },
        async () => {
          const [s, c] = [performance.now(), cpu()];
          sum = plainLoop(await readWhatIfFacts(coll, SCOPE, PERIOD.from, PERIOD.to));
          floor.push(performance.now() - s);
          floorCpu.push(cpu() - c);
        },
      ];
      if (i % 2) legs.reverse();
      for (const leg of legs) await leg();
    }
    for (let i = 0; i < RUNS * 4; i++) {
      let s = performance.now();
      whatIf(facts, VERSIONS, OVERLAY, { ...PERIOD, top: 10 });
      compute.push(performance.now() - s);
      s = performance.now();
      sum += plainLoop(facts) * 0;
      computeFloor.push(performance.now() - s);
    }
    if (args['whole-documents']) {
      // The read as the route made it before: whole documents (trace included), the facts picked out after.
      const s = performance.now();
      const whole = await coll.find(whatIfFilter(SCOPE, PERIOD.from, PERIOD.to)).toArray();
      const wholeFacts = whole.flatMap((d) => (d.whatIfFact ? [d.whatIfFact as WhatIfFact] : []));
      emit('whole_document_read_s', secs(performance.now() - s), {
        facts: wholeFacts.length,
        what: 'the same filter without the projection (the read before the fix), once',
      });
    }
    const r = result!;
    emit('what_if_s', secs(median(e2e)), {
      facts: r.facts,
      unmatched: r.unmatched,
      plain_loop_s: secs(median(floor)),
      ratio: Number((median(e2e) / median(floor)).toFixed(2)),
      cpu_s: secs(median(e2eCpu)),
      plain_loop_cpu_s: secs(median(floorCpu)),
      cpu_ratio: Number((median(e2eCpu) / median(floorCpu)).toFixed(2)),
      runs: RUNS,
      what: 'read (readWhatIfFacts) + replay under versions and overlay + totals by policy/level/county + top 10',
      floor: 'the same read + one addition per fact',
      checksum: sum,
    });
    emit('what_if_compute_ms', Number(median(compute).toFixed(1)), {
      plain_loop_ms: Number(median(computeFloor).toFixed(2)),
      ratio: Number((median(compute) / median(computeFloor)).toFixed(1)),
      runs: RUNS * 4,
      what: 'whatIf over the facts already in memory, against the plain loop over them',
    });
    emit('what_if_totals', r.total, {
      policies: Object.keys(r.byPolicy),
      counties: Object.keys(r.byCounty).length,
    });
  } finally {
    await conn.close();
    await mongo.stop();
  }
}

async function* toAsync<T>(it: Iterable<T>): AsyncGenerator<T> {
  yield* it;
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
