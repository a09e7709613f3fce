import { Err } from '../protocol/errors';
import { ProducerStateTable } from './producer-state';

const batch = (baseSequence: number, records: number, producerEpoch = 0, producerId = 7) => ({
  producerId,
  producerEpoch,
  baseSequence,
  lastOffsetDelta: records - 1,
});

describe('ProducerStateTable', () => {
  it('appends in-sequence batches and recognises a retry of any of the last five', () => {
    const t = new ProducerStateTable();
    let offset = 0;
    for (let seq = 0; seq < 30; seq += 5) {
      expect(t.check(batch(seq, 5))).toEqual({ kind: 'append' });
      t.record(batch(seq, 5), offset);
      offset += 5;
    }
    expect(t.check(batch(25, 5))).toEqual({ kind: 'duplicate', baseOffset: 25 });
    expect(t.check(batch(5, 5))).toEqual({ kind: 'duplicate', baseOffset: 5 });
    expect(t.check(batch(0, 5))).toEqual({ kind: 'reject', code: Err.OUT_OF_ORDER_SEQUENCE_NUMBER });
  });

  it('rejects gaps, first batches not starting at 0, and fenced epochs', () => {
    const t = new ProducerStateTable();
    expect(t.check(batch(3, 1))).toEqual({ kind: 'reject', code: Err.OUT_OF_ORDER_SEQUENCE_NUMBER });
    t.record(batch(0, 2, 1), 0);
    expect(t.check(batch(3, 1, 1))).toEqual({ kind: 'reject', code: Err.OUT_OF_ORDER_SEQUENCE_NUMBER });
    expect(t.check(batch(2, 1, 0))).toEqual({ kind: 'reject', code: Err.INVALID_PRODUCER_EPOCH });
    expect(t.check(batch(0, 1, 2))).toEqual({ kind: 'append' });
  });

  it('leaves non-idempotent batches alone', () => {
    const t = new ProducerStateTable();
    expect(t.check(batch(-1, 3, -1, -1))).toEqual({ kind: 'append' });
    t.record(batch(-1, 3, -1, -1), 0);
    expect(t.maxProducerId()).toBe(-1);
  });
});
