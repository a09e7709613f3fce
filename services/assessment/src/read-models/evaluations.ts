import { SME_EVALUATION_STREAM } from '@peiyu/contracts';
import type { RecordedEvent, StoreProjection } from '@peiyu/eventstore';
import { placeOf, type Place, type ScopeOptions } from '@peiyu/service-kit';
import { evolveEvaluation, type Evaluation, type EvaluationEvent, type ItemBatchEvent } from '../domain';

/**
 * One document per evaluation (key: evaluationId), fed from assessment's own store: the evaluation stream's
 * events and the item events of batch streams that name it (AddedToBatch, ObjectionResolved, SmeEntered), in
 * recorded order — so the document is the evaluation with its batch outcome, what lists and the public
 * announcement show. It keeps those item events too: the command pipeline folds them onto the stream state.
 */
export interface EvaluationDoc {
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

export const EVALUATIONS = 'sme_evaluations';

const ITEM_EVENTS = new Set(['AddedToBatch', 'ObjectionResolved', 'SmeEntered']);

function keysOf(e: RecordedEvent): readonly string[] {
  const data = e.data as { evaluationId?: string; items?: Array<{ evaluationId: string }> };
  if (e.type === 'AddedToBatch') return (data.items ?? []).map((i) => i.evaluationId);
  if (ITEM_EVENTS.has(e.type) || SME_EVALUATION_STREAM.parse(e.streamId)) {
    return data.evaluationId ? [data.evaluationId] : [];
  }
  return [];
}

export function evaluationsProjection(scope: ScopeOptions): StoreProjection<EvaluationDoc> {
  return {
    name: EVALUATIONS,
    keysOf,
    indexes: [
      { key: { uscc: 1, year: 1 }, name: 'uscc_year' },
      { key: { year: 1, status: 1 }, name: 'year_status' },
      { key: { status: 1, dueOn: 1 }, name: 'queue' },
      { key: { year: 1, 'entryPlace.countyCode': 1 }, name: 'entries' },
    ],
    apply(doc, e) {
      const event = { type: e.type, data: e.data } as EvaluationEvent | ItemBatchEvent;
      const item = ITEM_EVENTS.has(e.type);
      if (item && !doc) return undefined;
      const evaluation = evolveEvaluation(doc?.evaluation ?? null, event);
      if (!evaluation) return doc;
      return {
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
