import { allEvents } from '@peiyu/contracts';
import { verifyChain } from '@peiyu/eventstore';
import { byStream, generateInMemory } from './test-support/memory';
import { scenarioSpec, YUEYANG_2022 } from './scenario';

describe('scenario yueyang-2022: 岳阳 tech-SME entries of January–May 2022 by county (seed 001)', () => {
  let run: Awaited<ReturnType<typeof generateInMemory>>;
  beforeAll(async () => {
    run = await generateInMemory(scenarioSpec(YUEYANG_2022));
  });

  it("enters exactly the reply's figures per county, every entry between 1 January and 31 May 2022", () => {
    const entered = run.assessment.filter((r) => r.type === 'SmeEntered');
    const byCounty: Record<string, number> = {};
    for (const e of entered) {
      const d = e.data as { countyCode: string; enteredOn: string; year: number };
      expect(d.year).toBe(2022);
      expect(d.enteredOn >= '2022-01-01' && d.enteredOn <= YUEYANG_2022.enteredBy).toBe(true);
      byCounty[d.countyCode] = (byCounty[d.countyCode] ?? 0) + 1;
    }
    expect(byCounty).toEqual({
      '430673': 61, // 新港区 (城陵矶新港区)
      '430672': 51, // 经开区 (岳阳经济技术开发区)
      '430602': 26, // 岳阳楼区
      '430626': 57, // 平江县
      '430681': 44, // 汨罗市
      '430621': 35, // 岳阳县
    });
    // Batches in several months, not one: the entries spread over the period.
    const months = new Set(entered.map((e) => (e.data as { enteredOn: string }).enteredOn.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(3);
  });

  it('registers each enterprise in its county in 2021, before its 2022 draft; valid contracts, chains verify', () => {
    const codec = allEvents();
    const registered = new Map<string, { on: string; division: string }>();
    for (const r of run.registry.filter((x) => x.type === 'EnterpriseRegistered')) {
      const d = r.data as { uscc: string; divisionCode: string };
      registered.set(d.uscc, { on: String(r.recordedAt), division: d.divisionCode });
    }
    expect(registered.size).toBe(274);
    for (const r of run.assessment.filter((x) => x.type === 'SmeEvaluationDrafted')) {
      const d = r.data as { uscc: string; draftedOn: string };
      const reg = registered.get(d.uscc)!;
      expect(reg.on.slice(0, 4)).toBe('2021');
      expect(d.uscc.slice(2, 8)).toBe(reg.division);
      expect(d.draftedOn.slice(0, 4)).toBe('2022');
    }
    for (const records of [run.registry, run.assessment]) {
      for (const r of records) codec.validate({ type: r.type, schemaVersion: r.schemaVersion, data: r.data });
      for (const [, events] of byStream(records)) expect(verifyChain(events).ok).toBe(true);
    }
  });
});
