import { AssertionError } from 'node:assert';
import { ctxAt, ledgerDecider, LedgerRejected } from '../test-support/ledger';
import { deciderSpec } from './spec';

const ctx = ctxAt(new Date('2026-05-04T10:00:00Z'));
const opened = { type: 'LedgerOpened', data: { owner: 'o', openedOn: '2026-05-01' } } as const;

describe('deciderSpec', () => {
  it('passes when decide emits exactly the expected events, using the context date', () => {
    deciderSpec(ledgerDecider)
      .given([])
      .when({ kind: 'open', owner: 'o' }, ctx)
      .then([{ type: 'LedgerOpened', data: { owner: 'o', openedOn: '2026-05-04' } }]);
  });

  it('fails with a diff when the events differ', () => {
    const run = () =>
      deciderSpec(ledgerDecider).given([opened]).when({ kind: 'credit', amount: 5 }, ctx).then([]);
    expect(run).toThrow(AssertionError);
  });

  it('checks rejections by class or predicate, and fails when decide does not reject', () => {
    const closed = deciderSpec(ledgerDecider).given([
      opened,
      { type: 'LedgerClosed', data: { reason: 'r' } },
    ]);
    closed.when({ kind: 'credit', amount: 1 }, ctx).thenThrows(LedgerRejected);
    closed.when({ kind: 'credit', amount: 1 }, ctx).thenThrows((e) => /closed/.test(String(e)));
    expect(() => closed.when({ kind: 'credit', amount: 1 }, ctx).thenThrows(TypeError)).toThrow(
      AssertionError,
    );
    expect(() =>
      deciderSpec(ledgerDecider).given([opened]).when({ kind: 'credit', amount: 1 }, ctx).thenThrows(Error),
    ).toThrow(/expected a rejection/);
  });

  it('exposes state after given and after the decision', () => {
    const s = deciderSpec(ledgerDecider).given([
      opened,
      { type: 'LedgerCredited', data: { amount: 3, currency: 'CNY' } },
    ]);
    expect(s.state).toEqual({ status: 'open', owner: 'o', balance: 3, credits: 1 });
    s.when({ kind: 'credit', amount: 4 }, ctx).thenState({
      status: 'open',
      owner: 'o',
      balance: 7,
      credits: 2,
    });
  });
});
