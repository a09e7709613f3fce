import { generateInMemory, smallCity } from '@peiyu/generate/src/test-support/memory';
import { indicatorsDecider, targetsDecider } from './domain';
import { ctx, regions } from './domain/test-support/fixtures';

// The generator (infra/generate) writes statistics history straight into this service's store: here each
// generated event is checked against what this service's own deciders decide for the same command. (The
// test lives here, not in the generator, so that the generator does not depend on the service it feeds.)
describe("the generator's statistics history", () => {
  const spec = { seed: 7, year: 2026, area: smallCity(1000) };
  let run: Awaited<ReturnType<typeof generateInMemory>>;
  beforeAll(async () => {
    run = await generateInMemory(spec);
  });

  it("writes each county's targets and Q1–Q3 reports exactly as the statistics deciders decide them", () => {
    const targets = targetsDecider({ parseRegion: regions });
    const reports = indicatorsDecider();
    const byType = (t: string) => run.statistics.filter((r) => r.type === t);
    expect(byType('CountyTargetSet')).toHaveLength(spec.area.counties.length);
    expect(byType('IndicatorsReported')).toHaveLength(3 * spec.area.counties.length);
    for (const r of run.statistics) {
      if (r.type === 'CountyTargetSet') {
        const d = r.data as {
          countyCode: string;
          year: number;
          targets: object;
          reference: string;
          setOn: string;
          setBy: never;
        };
        const decided = targets.decide(
          {
            type: 'SetCountyTargets',
            countyCode: d.countyCode,
            year: d.year,
            targets: d.targets as never,
            reference: d.reference,
            reason: null,
          },
          targets.initialState,
          ctx(d.setBy, d.setOn),
        );
        expect(decided).toEqual([{ type: r.type, data: r.data }]);
      } else {
        const {
          reportVersion: _v,
          reportedBy,
          reportedOn,
          ...command
        } = r.data as { reportVersion: number; reportedBy: never; reportedOn: string };
        const decided = reports.decide(
          { type: 'ReportIndicators', ...(command as object) } as never,
          reports.initialState,
          ctx(reportedBy, reportedOn),
        );
        expect(decided).toEqual([{ type: r.type, data: r.data }]);
      }
    }
  });
});
