import type { BatchEvent } from './events';

export interface BatchItem {
  evaluationId: string;
  uscc: string;
  countyCode: string;
  /** pending until the notice closes; rejected by an upheld objection; entered at close. */
  status: 'pending' | 'rejected' | 'entered';
  registrationNumber: string | null;
}

export interface Objection {
  objectionId: string;
  evaluationId: string;
  lodgedOn: string;
  outcome: 'open' | 'upheld' | 'dismissed';
  /** written: recorded by the province; public_form: lodged by anyone through the public 公示 form. */
  channel: 'written' | 'public_form';
  /** The public objector's real name and contact (personal information: views mask it). */
  objector: { name: string; contact: string } | null;
  summary: string;
}

export interface Batch {
  batchId: string;
  provinceCode: string;
  year: number;
  /** forming: items may be added; in_notice: public notice (公示) open; closed: entries issued. */
  status: 'forming' | 'in_notice' | 'closed';
  items: BatchItem[];
  /** The 公示 window: endsOn counted `workingDays` after openedOn, provisionally when a year had no data. */
  notice: { openedOn: string; endsOn: string; workingDays: number; provisional: boolean } | null;
  objections: Objection[];
  closedOn: string | null;
  spotChecks: Array<{ evaluationId: string; outcome: string }>;
}

export type BatchState = Batch | null;
export const initialBatchState: BatchState = null;

/**
 * Where each evaluation's item sits, per items array. A province batch holds ≈ 5,400 items and every SmeEntered
 * sets one of them: scanning the list for it was a third of a province rebuild's CPU (issue 19 §2). The copy
 * `setItem` makes keeps every position, so it shares its original's index; arrays built otherwise (a new
 * AddedToBatch, a document read from the database) get theirs at their first look-up.
 */
const itemIndex = new WeakMap<readonly BatchItem[], ReadonlyMap<string, readonly number[]>>();

function indexOf(items: readonly BatchItem[]): ReadonlyMap<string, readonly number[]> {
  let index = itemIndex.get(items);
  if (!index) {
    const built = new Map<string, number[]>();
    items.forEach((item, k) => {
      const at = built.get(item.evaluationId);
      if (at) at.push(k);
      else built.set(item.evaluationId, [k]);
    });
    itemIndex.set(items, built);
    index = built;
  }
  return index;
}

/** The batch with every item of the evaluation patched (a new items array; the state given is left as it is). */
function setItem(b: Batch, evaluationId: string, patch: Partial<BatchItem>): Batch {
  const index = indexOf(b.items);
  const items = b.items.slice();
  itemIndex.set(items, index);
  for (const k of index.get(evaluationId) ?? []) items[k] = { ...items[k]!, ...patch };
  return { ...b, items };
}

/** evolve: pure fold of one event into the batch (never validates: events are facts). */
export function evolveBatch(state: BatchState, event: BatchEvent): BatchState {
  if (event.type === 'AddedToBatch') {
    const { batchId, provinceCode, year, items } = event.data;
    const base: Batch = state ?? {
      batchId,
      provinceCode,
      year,
      status: 'forming',
      items: [],
      notice: null,
      objections: [],
      closedOn: null,
      spotChecks: [],
    };
    const added = items.map((i) => ({ ...i, status: 'pending' as const, registrationNumber: null }));
    return { ...base, items: [...base.items, ...added] };
  }
  if (!state) return state;
  switch (event.type) {
    case 'PublicNoticeOpened':
      return {
        ...state,
        status: 'in_notice',
        notice: {
          openedOn: event.data.openedOn,
          endsOn: event.data.endsOn,
          workingDays: event.data.workingDays,
          provisional: event.data.provisional,
        },
      };
    case 'PublicNoticeEndMoved':
      return state.notice
        ? {
            ...state,
            notice: { ...state.notice, endsOn: event.data.endsOn, provisional: event.data.provisional },
          }
        : state;
    case 'ObjectionLodged':
    case 'PublicObjectionLodged': {
      const { objectionId, evaluationId, lodgedOn, summary } = event.data;
      const objector = event.type === 'PublicObjectionLodged' ? event.data.objector : null;
      const channel = event.type === 'PublicObjectionLodged' ? 'public_form' : 'written';
      const objection: Objection = {
        objectionId,
        evaluationId,
        lodgedOn,
        outcome: 'open',
        channel,
        objector,
        summary,
      };
      return { ...state, objections: [...state.objections, objection] };
    }
    case 'ObjectionResolved': {
      const { objectionId, evaluationId, outcome } = event.data;
      const objections = state.objections.map((o) => (o.objectionId === objectionId ? { ...o, outcome } : o));
      const next = { ...state, objections };
      return outcome === 'upheld' ? setItem(next, evaluationId, { status: 'rejected' }) : next;
    }
    case 'PublicNoticeClosed':
      return { ...state, status: 'closed', closedOn: event.data.closedOn };
    case 'SmeEntered':
      return setItem(state, event.data.evaluationId, {
        status: 'entered',
        registrationNumber: event.data.registrationNumber,
      });
    case 'SpotCheckRecorded':
      return {
        ...state,
        spotChecks: [
          ...state.spotChecks,
          { evaluationId: event.data.evaluationId, outcome: event.data.outcome },
        ],
      };
  }
}

/** How many registration numbers closing this batch needs: reserve that many before deciding the close. */
export function entriesToNumber(batch: BatchState): number {
  return batch ? batch.items.filter((i) => i.status === 'pending').length : 0;
}
