import { isDeepStrictEqual } from 'node:util';
import type { Decider } from '@peiyu/eventstore';
import { actorOf, assertCountyBureau } from './authorize';
import { refuse } from './errors';
import type { IndicatorsReportedEvent } from './events';
import { isQuarterNumber, quarterStart } from './quarters';

export interface ReportIndicators {
  readonly type: 'ReportIndicators';
  readonly countyCode: string;
  readonly year: number;
  readonly quarter: number;
  /** Technology-contract turnover registered in the quarter, in fen (the form takes yuan). */
  readonly techContractTurnoverFen: number;
  readonly provincialPlatforms: number;
  readonly cityPlatforms: number;
  readonly evidence: readonly string[];
  readonly channel: 'form' | 'import';
  /** Required for a correction (version 2 onwards). */
  readonly correctionReason: string | null;
}

/** One stream per county, year and quarter (`indicatorReportStreamId`). */
export interface ReportState {
  readonly versions: readonly IndicatorsReportedEvent['data'][];
}

export const initialReportState: ReportState = { versions: [] };

const FIGURES = ['techContractTurnoverFen', 'provincialPlatforms', 'cityPlatforms'] as const;

function check(command: ReportIndicators, today: string): void {
  if (!isQuarterNumber(command.quarter)) {
    throw refuse('invalid', 'indicators.quarter', 'quarter must be 1 to 4', 'quarter');
  }
  for (const f of FIGURES) {
    if (!Number.isSafeInteger(command[f]) || command[f] < 0) {
      throw refuse('invalid', 'indicators.figure', `${f} must be a whole non-negative number`, f);
    }
  }
  if (command.evidence.length === 0) {
    throw refuse('invalid', 'indicators.evidence-required', 'attach the evidence of the figures', 'evidence');
  }
  if (today < quarterStart({ year: command.year, quarter: command.quarter as 1 })) {
    throw refuse('conflict', 'indicators.quarter-not-started', 'the quarter has not started', 'quarter');
  }
}

const sameFigures = (a: IndicatorsReportedEvent['data'], c: ReportIndicators) =>
  FIGURES.every((f) => a[f] === c[f]) && isDeepStrictEqual([...a.evidence], [...c.evidence]);

export function indicatorsDecider(): Decider<ReportState, ReportIndicators, IndicatorsReportedEvent> {
  return {
    initialState: initialReportState,
    evolve: (state, event) => ({ versions: [...state.versions, event.data] }),
    decide(command, state, ctx) {
      assertCountyBureau(ctx, command.countyCode);
      check(command, ctx.today);
      const current = state.versions.at(-1);
      if (current && sameFigures(current, command)) return [];
      if (current && command.correctionReason === null) {
        throw refuse(
          'invalid',
          'indicators.reason-required',
          'say why the report is corrected',
          'correctionReason',
        );
      }
      return [
        {
          type: 'IndicatorsReported',
          data: {
            countyCode: command.countyCode,
            year: command.year,
            quarter: command.quarter,
            reportVersion: state.versions.length + 1,
            techContractTurnoverFen: command.techContractTurnoverFen,
            provincialPlatforms: command.provincialPlatforms,
            cityPlatforms: command.cityPlatforms,
            evidence: [...command.evidence],
            channel: command.channel,
            reportedBy: actorOf(ctx),
            reportedOn: ctx.today,
            correctionReason: current ? command.correctionReason : null,
          },
        },
      ];
    },
  };
}
