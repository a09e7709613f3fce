import { ManualClock } from '../clock';
import { ConcurrencyError } from '../store/errors';
import { MemoryEventStore } from '../store/memory-store';
import { admin, ctxAt, ledgerDecider, ledgerRegistry, LedgerRejected } from '../test-support/ledger';
import { handleCommand } from './handle-command';

const TRACE = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

function setup() {
  const clock = new ManualClock('2026-05-04T10:00:00Z');
  const store = new MemoryEventStore({ clock, codec: ledgerRegistry() });
  return { clock, store, ctx: ctxAt(clock.now(), TRACE) };
}

describe('handleCommand', () => {
  it('loads, decides and appends with metadata from the context', async () => {
    const { store, ctx } = setup();
    await handleCommand(store, ledgerDecider, 'L-1', { kind: 'open', owner: 'acme' }, ctx);
    const r = await handleCommand(store, ledgerDecider, 'L-1', { kind: 'credit', amount: 10 }, ctx);
    expect(r.version).toBe(2);
    expect(r.state).toMatchObject({ balance: 10, credits: 1 });
    expect(r.events[0]).toMatchObject({
      streamVersion: 2,
      type: 'LedgerCredited',
      schemaVersion: 2,
      actor: admin,
      traceparent: TRACE,
      correlationId: 'corr-1',
      occurredAt: '2026-05-04T10:00:00.000Z',
    });
    expect(await store.verifyStream('L-1')).toMatchObject({ ok: true, checked: 2 });
  });

  it('returns without appending when the decision is empty, and propagates rejections', async () => {
    const { store, ctx } = setup();
    await handleCommand(store, ledgerDecider, 'L-1', { kind: 'open', owner: 'acme' }, ctx);
    const again = await handleCommand(store, ledgerDecider, 'L-1', { kind: 'open', owner: 'acme' }, ctx);
    expect(again).toMatchObject({ events: [], version: 1 });
    await expect(
      handleCommand(store, ledgerDecider, 'L-2', { kind: 'credit', amount: 1 }, ctx),
    ).rejects.toThrow(LedgerRejected);
  });

  it('retries on a conflict only as many times as allowed', async () => {
    const { store, ctx } = setup();
    await handleCommand(store, ledgerDecider, 'L-1', { kind: 'open', owner: 'acme' }, ctx);
    // A competing writer appends between our read and our append, `conflicts` times.
    const racing = (conflicts: number) => {
      let left = conflicts;
      const real = store.append.bind(store);
      return Object.assign(Object.create(store) as MemoryEventStore, {
        append: async (...args: Parameters<MemoryEventStore['append']>) => {
          if (left-- > 0) {
            const v = (await store.readStream('L-1')).length;
            await real('L-1', v, [{ type: 'LedgerCredited', data: { amount: 1, currency: 'CNY' } }], {
              ...args[3],
            });
          }
          return real(...args);
        },
      });
    };
    await expect(
      handleCommand(racing(1), ledgerDecider, 'L-1', { kind: 'credit', amount: 5 }, ctx),
    ).rejects.toThrow(ConcurrencyError);
    const ok = await handleCommand(racing(2), ledgerDecider, 'L-1', { kind: 'credit', amount: 5 }, ctx, {
      retries: 2,
    });
    expect(ok.state.balance).toBe(1 + 2 + 5);
    expect((await store.readStream('L-1')).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5]);
  });
});
