import { AssertionError } from 'node:assert';
import { refusals } from '@peiyu/contracts';
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

describe('deciderSpec with DomainError codes', () => {
  const refuse = refusals({ closed: '账本已关闭' });
  const decider = {
    initialState: 'open' as 'open' | 'closed',
    evolve: (_s: 'open' | 'closed', e: { type: 'Closed'; data: object }) =>
      (e.type === 'Closed' ? 'closed' : 'open') as 'open' | 'closed',
    decide: (_c: { close: true }, s: 'open' | 'closed', ctx: { today: string }) => {
      if (s === 'closed') throw refuse('conflict', 'closed', `closed before ${ctx.today}`, 'ledger');
      return [{ type: 'Closed' as const, data: {} }];
    },
  };
  const spec = deciderSpec(decider, { ctx: { today: '2026-05-04' } });
  const closed = [{ type: 'Closed' as const, data: {} }];

  it('reports a refusal as kind:code, matchable by code, kind and field', () => {
    const outcome = spec.given(closed).when({ close: true });
    expect(outcome).toEqual({ error: 'conflict:closed' });
    outcome.thenRejects('closed');
    outcome.thenRejects({ code: 'closed', kind: 'conflict', field: 'ledger' });
    expect(() => outcome.thenRejects({ code: 'closed', field: 'other' })).toThrow(AssertionError);
    expect(() => outcome.thenRejects('open')).toThrow(AssertionError);
  });

  it('reports events as { events }, and fails thenRejects when decide accepts', () => {
    const outcome = spec.given([]).when({ close: true });
    expect(outcome).toEqual({ events: closed });
    expect(() => outcome.thenRejects('closed')).toThrow(/expected a rejection closed/);
  });

  it('runs the check on every decision and wants a ctx from somewhere', () => {
    const seen: unknown[] = [];
    deciderSpec(decider, { ctx: { today: 'x' }, check: (e) => seen.push(e) })
      .given([])
      .when({ close: true });
    expect(seen).toEqual([closed]);
    expect(() => deciderSpec(decider).given([]).when({ close: true })).toThrow(/pass a ctx/);
  });
});
