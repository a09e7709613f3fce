import type { IndicatorReport, TargetFigures } from '../domain';
import type { CountyTargetSetEvent } from '../domain';
import { fenToYuan } from '../commands/schemas';

type TargetData = CountyTargetSetEvent['data'];

/** Targets as a clerk reads them: turnover in yuan beside the fen it is stored in. */
export const targetFiguresView = (t: TargetFigures) => ({
  ...t,
  techContractTurnoverYuan: t.techContractTurnoverFen === null ? null : fenToYuan(t.techContractTurnoverFen),
});

export function targetsView(versions: readonly TargetData[], version: number) {
  const current = versions.at(-1)!;
  return {
    ...current,
    targets: targetFiguresView(current.targets),
    version,
    history: versions.map((v) => ({
      targetVersion: v.targetVersion,
      setBy: v.setBy,
      setOn: v.setOn,
      reason: v.reason,
      targets: targetFiguresView(v.targets),
    })),
  };
}

export const reportFiguresView = (r: IndicatorReport) => ({
  ...r,
  techContractTurnoverYuan: fenToYuan(r.techContractTurnoverFen),
});

export function reportView(versions: readonly IndicatorReport[], version: number) {
  return {
    ...reportFiguresView(versions.at(-1)!),
    version,
    history: versions.map(reportFiguresView),
  };
}
