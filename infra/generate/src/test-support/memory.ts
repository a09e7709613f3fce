import { allEvents } from '@peiyu/contracts';
import type { RecordedEvent } from '@peiyu/eventstore';
import type { Append } from '../append';
import { areaOf, type Area } from '../model';
import { unitRecords } from '../records';
import { orderedAppends, planUnits, type Lookup, type RunSpec, type ServiceDb } from '../units';

/** 平顶山 with a smaller volume: every status still occurs, in a few seconds. */
export function smallCity(evaluations: number): Area {
  return { ...areaOf('city'), evaluations };
}

/** A decided append as stored: the command a service's decider decided and the records it became. */
export interface Decision {
  db: ServiceDb;
  streamId: string;
  command: unknown;
  today: string;
  actor: Append['meta']['actor'];
  records: RecordedEvent[];
}

export type InMemoryRun = Record<ServiceDb, RecordedEvent[]> & { decisions: Decision[] };

/** Generates a whole run in memory (no database): the records of each service, in position order. */
export async function generateInMemory(spec: RunSpec, units?: number): Promise<InMemoryRun> {
  const codec = allEvents();
  const out: InMemoryRun = {
    registry: [],
    assessment: [],
    statistics: [],
    certification: [],
    subsidy: [],
    decisions: [],
  };
  const lookup: Lookup = {
    events: async (db, types) =>
      out[db]
        .filter((r) => types.includes(r.type))
        .map((r) => ({ eventId: r.eventId, type: r.type, position: r.position, data: r.data as never })),
  };
  for (const unit of planUnits(spec).slice(0, units)) {
    const store = out[unit.db];
    const headAt = async (streamId: string, version: number) => {
      const e = store.find((r) => r.streamId === streamId && r.streamVersion === version);
      if (!e) throw new Error(`no ${streamId} v${version}`);
      return { version, hash: e.hash };
    };
    const appends = await orderedAppends(unit, lookup);
    const records = await unitRecords(unit.key, spec.seed, appends, codec, headAt, store.length + 1);
    let i = 0;
    for (const a of appends) {
      const mine = records.slice(i, i + a.events.length);
      i += a.events.length;
      if (a.decision)
        out.decisions.push({
          db: unit.db,
          streamId: a.streamId,
          ...a.decision,
          actor: a.meta.actor,
          records: mine,
        });
    }
    store.push(...records);
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
