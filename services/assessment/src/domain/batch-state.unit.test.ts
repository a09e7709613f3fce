import { evolveBatch, type Batch, type BatchState } from './batch-state';
import type { BatchEvent } from './events';

// setItem looks an evaluation's item up in an index shared by the copies it makes (issue 19 §2): the fold
// must give what patching every matching item of the list gives, and leave every earlier state as it was.
const item = (n: number) => ({ evaluationId: `ev-${n % 7}`, uscc: `U${n}`, countyCode: '410402' });
const added = (from: number, count: number): BatchEvent =>
  ({
    type: 'AddedToBatch',
    data: {
      batchId: 'b-1',
      provinceCode: '410000',
      year: 2026,
      items: Array.from({ length: count }, (_, k) => item(from + k)),
    },
  }) as BatchEvent;
const entered = (n: number): BatchEvent =>
  ({
    type: 'SmeEntered',
    data: { evaluationId: `ev-${n}`, registrationNumber: `R-${n}` },
  }) as unknown as BatchEvent;

/** The fold's expected items: every item of the evaluation patched, by a scan of the whole list. */
function scanned(b: Batch, evaluationId: string, registrationNumber: string): Batch['items'] {
  return b.items.map((i) =>
    i.evaluationId === evaluationId ? { ...i, status: 'entered' as const, registrationNumber } : i,
  );
}

describe('evolveBatch: SmeEntered sets the evaluation’s items through the shared index', () => {
  it('patches every item of the evaluation, across batches added after an entry, and no other', () => {
    let state: BatchState = evolveBatch(null, added(0, 20));
    const history: Array<{ state: Batch; items: string }> = [];
    const steps: BatchEvent[] = [entered(3), added(20, 9), entered(5), entered(3), entered(6), entered(99)];
    for (const e of steps) {
      const before = state!;
      history.push({ state: before, items: JSON.stringify(before.items) });
      state = evolveBatch(before, e);
      if (e.type === 'SmeEntered') {
        const { evaluationId, registrationNumber } = e.data as {
          evaluationId: string;
          registrationNumber: string;
        };
        expect(state!.items).toEqual(scanned(before, evaluationId, registrationNumber));
      }
    }
    // earlier states are untouched (evolve is pure)
    for (const h of history) expect(JSON.stringify(h.state.items)).toBe(h.items);
    expect(state!.items.filter((i) => i.status === 'entered').map((i) => i.uscc)).toEqual([
      'U3',
      'U5',
      'U6',
      'U10',
      'U12',
      'U13',
      'U17',
      'U19',
      'U20',
      'U24',
      'U26',
      'U27',
    ]);
  });

  it('gives the same state from a copy of the document read back (no index yet) as from the fold', () => {
    const folded = [added(0, 30), entered(2)].reduce<BatchState>(evolveBatch, null)!;
    const readBack = JSON.parse(JSON.stringify(folded)) as Batch;
    expect(evolveBatch(readBack, entered(4))).toEqual(evolveBatch(folded, entered(4)));
  });
});
