import { SME_BATCH_STREAM } from '@peiyu/contracts';
import type { RecordedEvent, StoreProjection } from '@peiyu/eventstore';
import { evolveBatch, type Batch, type BatchEvent } from '../domain';

/** One document per provincial batch (key: its stream id), fed from assessment's own store. */
export interface BatchDoc {
  batchId: string;
  provinceCode: string;
  year: number;
  status: Batch['status'];
  /** Global position of its first event: lists show the newest batch first. */
  formedAt: number;
  batch: Batch;
}

export const BATCHES = 'sme_batches';

export function batchesProjection(): StoreProjection<BatchDoc> {
  return {
    name: BATCHES,
    keysOf: (e: RecordedEvent) => (SME_BATCH_STREAM.parse(e.streamId) ? [e.streamId] : []),
    indexes: [{ key: { provinceCode: 1, year: 1, formedAt: -1 }, name: 'province_year' }],
    apply(doc, e) {
      const batch = evolveBatch(doc?.batch ?? null, { type: e.type, data: e.data } as BatchEvent);
      if (!batch) return doc;
      return {
        batchId: batch.batchId,
        provinceCode: batch.provinceCode,
        year: batch.year,
        status: batch.status,
        formedAt: doc?.formedAt ?? e.position,
        batch,
      };
    },
  };
}
