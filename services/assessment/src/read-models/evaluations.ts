import { SME_EVALUATION_STREAM } from '@peiyu/contracts';
import {
  POINTER_CACHE_MS,
  ProjectionCatalog,
  type Db,
  type RecordedEvent,
  type StoreProjection,
  type StoreProjector,
} from '@peiyu/eventstore';
import { placeOf, type Place, type ScopeOptions } from '@peiyu/service-kit';
import { evolveEvaluation, type Evaluation, type EvaluationEvent, type ItemBatchEvent } from '../domain';
import { ENTERPRISES } from './enterprises';

/**
 * One document per evaluation (key: evaluationId), fed from assessment's own store: the evaluation stream's
 * events and the item events of batch streams that name it (AddedToBatch, ObjectionResolved, SmeEntered), in
 * recorded order — so the document is the evaluation with its batch outcome, what lists and the public
 * announcement show. It keeps those item events too: the command pipeline folds them onto the stream state.
 *
 * The place fields are where the enterprise is NOW (the registry's events, through assessment's enterprises
 * view): set whenever an event is projected, and moved on a relocation by the enterprises consumer
 * (`movePlaces`), so the scoped lists filter `listScope`'s place filter on an index with their sort instead
 * of an `$in` over every enterprise of the region. Null until the registry's registration has been consumed.
 */
export interface EvaluationDoc extends NullablePlace {
  evaluationId: string;
  uscc: string;
  year: number;
  status: Evaluation['status'];
  submittedOn: string | null;
  dueOn: string | null;
  evaluation: Evaluation;
  itemEvents: ItemBatchEvent[];
  /** Where it was entered (SmeEntered.countyCode at every level), for the public list's region filter. */
  entryPlace: Place | null;
}

// v2 (issue 19): the place fields and an AddedToBatch's own item only. A new name, so a deployed service builds
// it from its store at start-up (the enterprises view it reads places from is already there) rather than
// serving v1 documents that no place filter finds; the v1 collection can be dropped after the roll-out.
export const EVALUATIONS = 'sme_evaluations_v2';

type NullablePlace = { [K in keyof Place]: Place[K] | null };
const NO_PLACE: NullablePlace = { countyCode: null, cityCode: null, provinceCode: null };
const placeFields = (p: NullablePlace): NullablePlace => ({
  countyCode: p.countyCode,
  cityCode: p.cityCode,
  provinceCode: p.provinceCode,
});

/** One reader's catalog per database: a projector's pass keeps the enterprises view's pointer (POINTER_CACHE_MS). */
const catalogs = new WeakMap<Db, ProjectionCatalog>();
const catalogOf = (db: Db): ProjectionCatalog => {
  let catalog = catalogs.get(db);
  if (!catalog) catalogs.set(db, (catalog = new ProjectionCatalog(db, { cacheMs: POINTER_CACHE_MS })));
  return catalog;
};

/** The current place of each enterprise a batch of events is about, from the enterprises view. */
async function placesOf(events: readonly RecordedEvent[], db: Db): Promise<Map<string, NullablePlace>> {
  const usccs = new Set<string>();
  for (const e of events) {
    const stream = SME_EVALUATION_STREAM.parse(e.streamId);
    if (stream) usccs.add(stream.uscc);
  }
  if (usccs.size === 0) return new Map();
  const view = await catalogOf(db).live(ENTERPRISES);
  const docs = await view
    .find(
      { uscc: { $in: [...usccs] } },
      { projection: { _id: 0, uscc: 1, countyCode: 1, cityCode: 1, provinceCode: 1 } },
    )
    .toArray();
  return new Map(docs.map((d) => [d['uscc'] as string, placeFields(d as unknown as Place)]));
}

/** Place indexes with each list's sort: the scope (one level) and the list's equalities first, then its order. */
const LEVELS = ['countyCode', 'cityCode', 'provinceCode'] as const;
const PLACE_INDEXES = LEVELS.flatMap((level): Array<{ key: Record<string, 1>; name: string }> => [
  // review queue: { status: 'submitted', <level> }, by { dueOn, submittedOn, _id }
  { key: { status: 1, [level]: 1, dueOn: 1, submittedOn: 1, _id: 1 }, name: `queue_${level}` },
  // evaluation list: { <level>, year }, by { uscc, year }
  { key: { [level]: 1, year: 1, uscc: 1 }, name: `list_${level}` },
]);

const ITEM_EVENTS = new Set(['AddedToBatch', 'ObjectionResolved', 'SmeEntered']);

function keysOf(e: RecordedEvent): readonly string[] {
  const data = e.data as { evaluationId?: string; items?: Array<{ evaluationId: string }> };
  if (e.type === 'AddedToBatch') return (data.items ?? []).map((i) => i.evaluationId);
  if (ITEM_EVENTS.has(e.type) || SME_EVALUATION_STREAM.parse(e.streamId)) {
    return data.evaluationId ? [data.evaluationId] : [];
  }
  return [];
}

/**
 * An AddedToBatch as this evaluation's document keeps it: only its own item. The fold reads no other (it asks
 * whether the batch names this evaluation), and keeping every item made each document carry its whole batch —
 * ≈ 500 items in a province, 50,000 documents — so a province's rebuild ran out of time and memory.
 */
function ownItem<E extends EvaluationEvent | ItemBatchEvent>(event: E, evaluationId: string): E {
  if (event.type !== 'AddedToBatch') return event;
  const data = event.data as { items: Array<{ evaluationId: string }> };
  return { ...event, data: { ...data, items: data.items.filter((i) => i.evaluationId === evaluationId) } };
}

export function evaluationsProjection(
  scope: ScopeOptions,
): StoreProjection<EvaluationDoc, Map<string, NullablePlace>> {
  return {
    name: EVALUATIONS,
    keysOf,
    indexes: [
      { key: { uscc: 1, year: 1 }, name: 'uscc_year' },
      { key: { year: 1, status: 1 }, name: 'year_status' },
      { key: { status: 1, dueOn: 1 }, name: 'queue' },
      ...PLACE_INDEXES,
      // public entry list: { year, status $in, [entryPlace.countyCode] }, by registration number
      {
        key: { year: 1, 'entryPlace.countyCode': 1, 'evaluation.entry.registrationNumber': 1 },
        name: 'entries',
      },
      // the whole province's list: one run per status of the $in, merged by registration number (SORT_MERGE);
      // `{ year, registrationNumber }` first walked the year's evaluations without an entry (null sorts first)
      { key: { year: 1, status: 1, 'evaluation.entry.registrationNumber': 1 }, name: 'entries_status' },
      // the public list's total (valid now): every field of its filter is in this key, so the count is read
      // from the index alone (issue 19: counting 48,351 documents by fetching them took 0.7 s)
      { key: { year: 1, status: 1, 'evaluation.entry.validUntil': 1 }, name: 'entries_valid' },
    ],
    context: placesOf,
    // the enterprises consumer moves them on a relocation (movePlaces)
    guardFields: ['countyCode'],
    apply(doc, e, key, places) {
      const event = ownItem({ type: e.type, data: e.data } as EvaluationEvent | ItemBatchEvent, key);
      const item = ITEM_EVENTS.has(e.type);
      if (item && !doc) return undefined;
      const evaluation = evolveEvaluation(doc?.evaluation ?? null, event);
      if (!evaluation) return doc;
      return {
        ...placeFields(places?.get(evaluation.uscc) ?? doc ?? NO_PLACE),
        evaluationId: evaluation.evaluationId,
        uscc: evaluation.uscc,
        year: evaluation.year,
        status: evaluation.status,
        submittedOn: evaluation.submittedOn,
        dueOn: evaluation.dueOn,
        evaluation,
        itemEvents: item ? [...(doc?.itemEvents ?? []), event as ItemBatchEvent] : (doc?.itemEvents ?? []),
        entryPlace:
          e.type === 'SmeEntered'
            ? placeOf((e.data as { countyCode: string }).countyCode, scope)
            : (doc?.entryPlace ?? null),
      };
    },
  };
}

type ViewCollection = Awaited<ReturnType<StoreProjector['collection']>>;
const PLACE_EVENTS = new Set(['EnterpriseRegistered', 'EnterpriseRelocated']);

/**
 * After the enterprises consumer wrote the view: the evaluations of every enterprise registered or relocated in
 * the batch take its current place (idempotent: a redelivered batch finds them placed). The projector's pass
 * runs first, so no pass of this process that read the old place can write after this; a pass of another
 * replica that loaded an evaluation before this update fails its guard (`guardFields`) and replans.
 */
export async function movePlaces(
  events: ReadonlyArray<{ type: string; data: unknown }>,
  o: {
    projector: Pick<StoreProjector, 'catchUp' | 'collection'>;
    enterprises: () => Promise<ViewCollection>;
  },
): Promise<void> {
  const usccs = [
    ...new Set(events.filter((e) => PLACE_EVENTS.has(e.type)).map((e) => (e.data as { uscc: string }).uscc)),
  ];
  if (usccs.length === 0) return;
  // waits out a pass in flight; a failing one is the projector's to report, not a reason to stall this feed
  await o.projector.catchUp().catch(() => undefined);
  const view = await o.enterprises();
  const places = await view
    .find(
      { uscc: { $in: usccs } },
      { projection: { _id: 0, uscc: 1, countyCode: 1, cityCode: 1, provinceCode: 1 } },
    )
    .toArray();
  const evaluations = await o.projector.collection(EVALUATIONS);
  for (const p of places) {
    const place = placeFields(p as unknown as Place);
    await evaluations.updateMany(
      { uscc: p['uscc'] as string, countyCode: { $ne: place.countyCode } },
      { $set: place },
    );
  }
}
