import { allEvents } from '@peiyu/contracts';
import type { RecordedEvent } from '@peiyu/eventstore';
import type { Checkpoint, MongoSink } from './sink';
import { orderedAppends, planUnits, type RunSpec } from './units';
import { unitRecords } from './records';

export interface Progress {
  unitsDone: number;
  units: number;
  events: number;
  bytes: number;
}

export interface GenerateOptions extends RunSpec {
  sink: MongoSink;
  /** Called after each unit; `stopAfter` (tests) ends the run after that many units of this call. */
  onUnit?: (p: Progress) => void;
  stopAfter?: number;
  /**
   * `fresh` (default): positions follow the run's own count — a database of one run, reproducible position by
   * position. `append`: each unit takes its positions from the store's counter (reserved as an append through
   * the store does), for a scenario written beside what the running services already stored.
   */
  positions?: 'fresh' | 'append';
}

export function runKey(spec: RunSpec): string {
  if (spec.scenario) return `scenario:${spec.scenario.name}:seed=${spec.seed}`;
  return `${spec.area.scale}:${spec.area.code}:${spec.year}:seed=${spec.seed}`;
}

/** Generates the history, resuming after the last unit the checkpoint records as done. */
export async function generate(o: GenerateOptions): Promise<Checkpoint & { written: number }> {
  const codec = allEvents();
  const units = planUnits(o);
  await o.sink.prepare();
  const cp = await o.sink.loadCheckpoint(runKey(o));
  let ran = 0;
  const before = cp.events;
  for (let i = cp.unitsDone; i < units.length; i++) {
    if (o.stopAfter !== undefined && ran++ >= o.stopAfter) break;
    const unit = units[i]!;
    const records = await unitRecords(
      unit.key,
      o.seed,
      await orderedAppends(unit, o.sink),
      codec,
      (streamId, version) => o.sink.headAt(unit.db, streamId, version),
      (cp.positions[unit.db] ?? 0) + 1,
    );
    if (o.positions === 'append' && records.length > 0) {
      const first = await o.sink.reserve(unit.db, records.length);
      records.forEach((r, k) => (r.position = first + k));
    }
    const bytes = await o.sink.write(unit.db, records);
    tally(cp, records, bytes);
    cp.positions[unit.db] = (cp.positions[unit.db] ?? 0) + records.length;
    cp.unitsDone = i + 1;
    await o.sink.saveCheckpoint(cp);
    o.onUnit?.({ unitsDone: cp.unitsDone, units: units.length, events: cp.events, bytes: cp.bytes });
  }
  return { ...cp, written: cp.events - before };
}

function tally(cp: Checkpoint, records: RecordedEvent[], bytes: number): void {
  cp.events += records.length;
  cp.bytes += bytes;
  for (const r of records) cp.byType[r.type] = (cp.byType[r.type] ?? 0) + 1;
}
