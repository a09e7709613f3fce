import { deciderSpec } from '@peiyu/eventstore';
import type { IndicatorsReportedEvent } from './events';
import { indicatorsDecider, type ReportIndicators } from './indicators-decider';
import { cityOf, countyOf, ctx } from './test-support/fixtures';

const spec = deciderSpec(indicatorsDecider());
const yicheng = countyOf('411702');
const report = (over: Partial<ReportIndicators> = {}): ReportIndicators => ({
  type: 'ReportIndicators',
  countyCode: '411702',
  year: 2021,
  quarter: 1,
  techContractTurnoverFen: 1_250_000_00,
  provincialPlatforms: 1,
  cityPlatforms: 2,
  evidence: ['技术合同登记台账-2021Q1.pdf'],
  channel: 'form',
  correctionReason: null,
  ...over,
});
const v1: IndicatorsReportedEvent = {
  type: 'IndicatorsReported',
  data: {
    countyCode: '411702',
    year: 2021,
    quarter: 1,
    reportVersion: 1,
    techContractTurnoverFen: 1_250_000_00,
    provincialPlatforms: 1,
    cityPlatforms: 2,
    evidence: ['技术合同登记台账-2021Q1.pdf'],
    channel: 'form',
    reportedBy: { id: 'county-1', role: 'county_reviewer', region: '411702' },
    reportedOn: '2021-04-06',
    correctionReason: null,
  },
};

describe('indicator reports', () => {
  it('records a county report with its evidence', () => {
    spec.given([]).when(report(), ctx(yicheng, '2021-04-06')).then([v1]);
  });

  it('records a correction as a new version with its reason, the first kept', () => {
    const fix = report({
      cityPlatforms: 3,
      evidence: ['台账-更正.pdf'],
      channel: 'import',
      correctionReason: '漏报一个市级平台',
    });
    spec
      .given([v1])
      .when(fix, ctx(yicheng, '2021-04-20'))
      .then([
        {
          type: 'IndicatorsReported',
          data: {
            ...v1.data,
            reportVersion: 2,
            cityPlatforms: 3,
            evidence: ['台账-更正.pdf'],
            channel: 'import',
            reportedOn: '2021-04-20',
            correctionReason: '漏报一个市级平台',
          },
        },
      ]);
  });

  it('treats the same report again as a retry and wants a reason for a change', () => {
    spec.given([v1]).when(report(), ctx(yicheng, '2021-04-07')).then([]);
    spec
      .given([v1])
      .when(report({ cityPlatforms: 0 }), ctx(yicheng, '2021-04-07'))
      .thenRejects('indicators.reason-required');
  });

  it('accepts reports only from the county itself', () => {
    spec
      .given([])
      .when(report(), ctx(countyOf('411721'), '2021-04-06'))
      .thenRejects('indicators.out-of-scope');
    spec
      .given([])
      .when(report(), ctx(cityOf('411700'), '2021-04-06'))
      .thenRejects('indicators.out-of-scope');
  });

  it('refuses a future quarter, bad figures and missing evidence', () => {
    spec
      .given([])
      .when(report({ quarter: 2 }), ctx(yicheng, '2021-03-31'))
      .thenRejects('indicators.quarter-not-started');
    spec
      .given([])
      .when(report({ quarter: 5 }), ctx(yicheng, '2021-04-06'))
      .thenRejects('indicators.quarter');
    spec
      .given([])
      .when(report({ cityPlatforms: -1 }), ctx(yicheng, '2021-04-06'))
      .thenRejects('indicators.figure');
    spec
      .given([])
      .when(report({ techContractTurnoverFen: 0.5 }), ctx(yicheng, '2021-04-06'))
      .thenRejects('indicators.figure');
    spec
      .given([])
      .when(report({ evidence: [] }), ctx(yicheng, '2021-04-06'))
      .thenRejects('indicators.evidence-required');
  });
});
