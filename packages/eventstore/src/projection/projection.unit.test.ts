import type { RecordedEvent } from '../types';
import { planEvents, type Projection, type StoredDoc } from './projection';

type Doc = { total: number };
const sum: Projection<Doc> = {
  name: 'sum',
  apply: (doc, e) => {
    const amount = (e.data as { amount?: number }).amount;
    if (amount === undefined) return undefined;
    if (amount < 0) throw new Error('negative');
    return { total: (doc?.total ?? 0) + amount };
  },
};

const ev = (streamId: string, streamVersion: number, amount?: number) =>
  ({ streamId, streamVersion, type: 'X', data: amount === undefined ? {} : { amount } }) as RecordedEvent;

describe('planEvents', () => {
  it('applies next versions, skips duplicates, and carries state across a batch', () => {
    const loaded = new Map<string, StoredDoc<Doc>>([['a', { _id: 'a', _v: 2, total: 10 }]]);
    const plan = planEvents(sum, loaded, [
      ev('a', 2, 99),
      ev('a', 3, 1),
      ev('b', 1, 5),
      ev('a', 3, 1),
      ev('a', 4),
    ]);
    expect(plan.outcomes).toEqual(['duplicate', 'applied', 'applied', 'duplicate', 'applied']);
    expect(plan.stoppedAt).toBeUndefined();
    expect(plan.writes.get('a')).toEqual({ from: 2, doc: { _id: 'a', _v: 4, total: 11 } });
    expect(plan.writes.get('b')).toEqual({ from: undefined, doc: { _id: 'b', _v: 1, total: 5 } });
  });

  it('stops at a version jump and keeps what came before', () => {
    const plan = planEvents(sum, new Map(), [ev('a', 1, 1), ev('b', 2, 1), ev('a', 2, 1)]);
    expect(plan.outcomes).toEqual(['applied', 'gap']);
    expect(plan.stoppedAt).toBe(1);
    expect([...plan.writes.keys()]).toEqual(['a']);
  });

  it('reports a failing apply and records the version as skipped so the stream can move on', () => {
    const plan = planEvents(sum, new Map(), [ev('a', 1, 3), ev('a', 2, -1), ev('a', 3, 4)]);
    expect(plan.outcomes[1]).toEqual({ failed: expect.any(Error) });
    expect(plan.writes.get('a')!.doc).toEqual({ _id: 'a', _v: 3, total: 7, _skipped: [2] });
  });
});
