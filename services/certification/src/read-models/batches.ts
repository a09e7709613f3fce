import { HNTE_REGISTER_STREAM } from '@peiyu/contracts';
import type { RecordedEvent, StoreProjection } from '@peiyu/eventstore';
import type { BatchView } from '../domain';

/**
 * One document per HNTE batch (key: batchId), from the register streams' HnteBatchOpened: the batch → province
 * and year lookup the application commands need (their stream id names only the batch), and the batch list.
 */
export interface BatchDoc extends BatchView {
  registerStreamId: string;
}

export const BATCHES = 'hnte_batches';

export function batchesProjection(): StoreProjection<BatchDoc> {
  return {
    name: BATCHES,
    keysOf: (e: RecordedEvent) =>
      e.type === 'HnteBatchOpened' && HNTE_REGISTER_STREAM.parse(e.streamId)
        ? [(e.data as { batchId: string }).batchId]
        : [],
    indexes: [{ key: { provinceCode: 1, year: 1, batchId: 1 }, name: 'province_year' }],
    apply(doc, e) {
      // A batch id names one batch: a second register naming it again is refused by the shell, ignored here.
      if (doc) return doc;
      return { ...(e.data as BatchView), registerStreamId: e.streamId };
    },
  };
}
