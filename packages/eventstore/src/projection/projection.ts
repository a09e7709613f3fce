import type { EventEnvelope } from '../types';

/**
 * A read model with one document per source stream. `apply` is pure: the stream's current document (undefined
 * before its first event) and the next event in, the next document out (undefined = this event changes
 * nothing). The kit stores `_id` = stream id and `_v` = last applied stream version beside the fields.
 */
export interface Projection<Doc extends object = Record<string, unknown>> {
  readonly name: string;
  apply(doc: Doc | undefined, event: EventEnvelope): Doc | undefined;
}

/** Bookkeeping fields the kit adds to every projection document. */
export interface DocMeta {
  _id: string;
  _v: number;
  /** Versions sent to the dead-letter topic for this projection: skipped visibly, never silently. */
  _skipped?: number[];
}

export type StoredDoc<Doc extends object = Record<string, unknown>> = Doc & DocMeta;

export type EventOutcome = 'applied' | 'duplicate' | 'gap' | { failed: unknown };

export interface PendingWrite<Doc extends object> {
  /** Version the document had when loaded (undefined: did not exist); the write is conditional on it. */
  from: number | undefined;
  doc: StoredDoc<Doc>;
  /** Fields another writer may set, with the values they had when loaded: the write is conditional on them too. */
  guard?: Record<string, unknown>;
}

export interface Plan<Doc extends object> {
  outcomes: EventOutcome[];
  /** Index of the first event not processed because of a gap (the rest of the batch waits). */
  stoppedAt?: number;
  writes: Map<string, PendingWrite<Doc>>;
}

/**
 * Decides, without I/O, what a run of events does to a projection: duplicates (version ≤ `_v`) are skipped,
 * the next version is applied, a version jump stops the run there. A failing `apply` is reported per event;
 * the caller decides (dead-letter), and `markSkipped` records it so the stream can move on.
 */
export function planEvents<Doc extends object>(
  projection: Projection<Doc>,
  loaded: ReadonlyMap<string, StoredDoc<Doc>>,
  events: readonly EventEnvelope[],
): Plan<Doc> {
  const writes = new Map<string, PendingWrite<Doc>>();
  const outcomes: EventOutcome[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const pending = writes.get(e.streamId);
    const current = pending?.doc ?? loaded.get(e.streamId);
    const version = current?._v ?? 0;
    if (e.streamVersion <= version) {
      outcomes.push('duplicate');
      continue;
    }
    if (e.streamVersion > version + 1) {
      outcomes.push('gap');
      return { outcomes, stoppedAt: i, writes };
    }
    const from = pending ? pending.from : current?._v;
    try {
      const next = projection.apply(current ? fieldsOf(current) : undefined, e);
      const fields = next ?? (current ? fieldsOf(current) : ({} as Doc));
      writes.set(e.streamId, { from, doc: withMeta(fields, e, current?._skipped) });
      outcomes.push('applied');
    } catch (failed) {
      writes.set(e.streamId, { from, doc: markSkipped(current, e) as StoredDoc<Doc> });
      outcomes.push({ failed });
    }
  }
  return { outcomes, writes };
}

function withMeta<Doc extends object>(
  fields: Doc,
  e: EventEnvelope,
  skipped: number[] | undefined,
): StoredDoc<Doc> {
  return { ...fields, _id: e.streamId, _v: e.streamVersion, ...(skipped ? { _skipped: skipped } : {}) };
}

/** The document after a dead-lettered event: fields unchanged, version advanced, the version listed as skipped. */
export function markSkipped<Doc extends object>(
  current: StoredDoc<Doc> | undefined,
  e: EventEnvelope,
): StoredDoc<Doc> {
  const fields = current ? fieldsOf(current) : ({} as Doc);
  return { ...withMeta(fields, e, undefined), _skipped: [...(current?._skipped ?? []), e.streamVersion] };
}

export function fieldsOf<Doc extends object>(stored: StoredDoc<Doc>): Doc {
  const { _id: _i, _v: _ver, _skipped: _s, ...fields } = stored;
  return fields as unknown as Doc;
}
