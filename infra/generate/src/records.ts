import type { EventRegistry } from '@peiyu/contracts';
import { buildRecords, type RecordedEvent, type StreamHead } from '@peiyu/eventstore';
import type { Append } from './append';
import { Rng } from './rng';

/** Where a continued stream's head is found: the hash of (stream, version) as already written. */
export type HeadAt = (streamId: string, version: number) => Promise<StreamHead>;

/**
 * The unit's appends as stored records, built by the event store's own `buildRecords` (contract validation,
 * normalisation, hash chain) — exactly what an append through the store would record. Positions follow.
 */
export async function unitRecords(
  unitKey: string,
  seed: number,
  appends: Append[],
  codec: EventRegistry,
  headAt: HeadAt,
  firstPosition: number,
): Promise<RecordedEvent[]> {
  const heads = new Map<string, StreamHead>();
  const ids = new Rng(seed, `event-ids:${unitKey}`);
  const out: RecordedEvent[] = [];
  for (const a of appends) {
    let head = heads.get(a.streamId);
    if (!head && a.after !== undefined) head = await headAt(a.streamId, a.after);
    const records = buildRecords({
      streamId: a.streamId,
      head,
      events: a.events,
      meta: a.meta,
      recordedAt: a.at,
      algorithm: 'sha256',
      codec,
      newEventId: (at) => ids.uuid(at),
    });
    const last = records[records.length - 1]!;
    heads.set(a.streamId, { version: last.streamVersion, hash: last.hash });
    for (const r of records) {
      r.position = firstPosition + out.length;
      out.push(r);
    }
  }
  return out;
}
