import { allEvents } from '@peiyu/contracts';
import type { RecordedEvent } from '@peiyu/eventstore';
import { areaOf, type Area } from '../model';
import { unitRecords } from '../records';
import { orderedAppends, planUnits, type RunSpec, type ServiceDb } from '../units';

/** 平顶山 with a smaller volume: every status still occurs, in a few seconds. */
export function smallCity(evaluations: number): Area {
  return { ...areaOf('city'), evaluations };
}

/** Generates a whole run in memory (no database): the records of each service, in position order. */
export async function generateInMemory(
  spec: RunSpec,
  units?: number,
): Promise<Record<ServiceDb, RecordedEvent[]>> {
  const codec = allEvents();
  const out: Record<ServiceDb, RecordedEvent[]> = { registry: [], assessment: [], statistics: [] };
  for (const unit of planUnits(spec).slice(0, units)) {
    const store = out[unit.db];
    const headAt = async (streamId: string, version: number) => {
      const e = store.find((r) => r.streamId === streamId && r.streamVersion === version);
      if (!e) throw new Error(`no ${streamId} v${version}`);
      return { version, hash: e.hash };
    };
    store.push(
      ...(await unitRecords(unit.key, spec.seed, orderedAppends(unit), codec, headAt, store.length + 1)),
    );
  }
  return out;
}

export function byStream(records: RecordedEvent[]): Map<string, RecordedEvent[]> {
  const m = new Map<string, RecordedEvent[]>();
  for (const r of records) {
    const list = m.get(r.streamId);
    if (list) list.push(r);
    else m.set(r.streamId, [r]);
  }
  return m;
}
