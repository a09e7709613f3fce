import { problemFor, ValidationError } from '@peiyu/service-kit';
import { ManualClock } from '../clock';
import { MemoryEventStore } from '../store/memory-store';
import { admin, ledgerRegistry } from '../test-support/ledger';
import { CanonicalisationError } from './canonical';

describe('finding 7 — a lone surrogate never crashes canonicalisation', () => {
  it('is a typed validation error (a 400 problem naming the field); nothing is stored', async () => {
    const store = new MemoryEventStore({
      clock: new ManualClock('2026-03-01T00:00:00Z'),
      codec: ledgerRegistry(),
    });
    const err = await store
      .append('L-1', 0, [{ type: 'LedgerOpened', data: { owner: 'a\uDC00b', openedOn: '2026-03-01' } }], {
        actor: admin,
        correlationId: 'c',
        causationId: null,
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(CanonicalisationError);
    expect(err).toBeInstanceOf(ValidationError);
    expect(problemFor(err)).toMatchObject({ status: 400, errors: [{ path: 'owner', code: 'canonical' }] });
    expect(await store.readStream('L-1')).toEqual([]);
  });
});
