import { Err, type ErrorCode } from '../protocol/errors';

/** How many recent batches per producer are remembered for duplicate detection (Kafka keeps five too). */
const REMEMBERED = 5;
const SEQ_MOD = 2 ** 31;

interface RecentBatch {
  firstSeq: number;
  lastSeq: number;
  baseOffset: number;
}

interface ProducerEntry {
  epoch: number;
  lastSeq: number;
  recent: RecentBatch[];
}

export interface SequencedBatch {
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  lastOffsetDelta: number;
}

export type SequenceVerdict =
  { kind: 'append' } | { kind: 'duplicate'; baseOffset: number } | { kind: 'reject'; code: ErrorCode };

/**
 * Per-partition idempotence bookkeeping: the last sequence each producer id wrote and its last few batches,
 * so a retried batch is recognised and answered with its original offset instead of being appended again.
 */
export class ProducerStateTable {
  private readonly entries = new Map<number, ProducerEntry>();

  check(b: SequencedBatch): SequenceVerdict {
    if (b.producerId < 0) return { kind: 'append' };
    const entry = this.entries.get(b.producerId);
    if (!entry || b.producerEpoch > entry.epoch) {
      return b.baseSequence === 0
        ? { kind: 'append' }
        : { kind: 'reject', code: Err.OUT_OF_ORDER_SEQUENCE_NUMBER };
    }
    if (b.producerEpoch < entry.epoch) return { kind: 'reject', code: Err.INVALID_PRODUCER_EPOCH };
    const lastSeq = lastSequence(b);
    const dup = entry.recent.find((r) => r.firstSeq === b.baseSequence && r.lastSeq === lastSeq);
    if (dup) return { kind: 'duplicate', baseOffset: dup.baseOffset };
    if (b.baseSequence === (entry.lastSeq + 1) % SEQ_MOD) return { kind: 'append' };
    return { kind: 'reject', code: Err.OUT_OF_ORDER_SEQUENCE_NUMBER };
  }

  /** Records an appended batch (also used while replaying a log at startup). */
  record(b: SequencedBatch, baseOffset: number): void {
    if (b.producerId < 0) return;
    let entry = this.entries.get(b.producerId);
    if (!entry || b.producerEpoch !== entry.epoch) {
      entry = { epoch: b.producerEpoch, lastSeq: -1, recent: [] };
      this.entries.set(b.producerId, entry);
    }
    const lastSeq = lastSequence(b);
    entry.lastSeq = lastSeq;
    entry.recent.push({ firstSeq: b.baseSequence, lastSeq, baseOffset });
    if (entry.recent.length > REMEMBERED) entry.recent.shift();
  }

  maxProducerId(): number {
    let max = -1;
    for (const id of this.entries.keys()) max = Math.max(max, id);
    return max;
  }
}

function lastSequence(b: SequencedBatch): number {
  return (b.baseSequence + b.lastOffsetDelta) % SEQ_MOD;
}
