import { defineEvent, EventRegistry } from '@peiyu/contracts';
import { z } from 'zod';
import type { Decider, DecisionContext } from '../decider/decider';
import type { StoreProjection } from '../projection/store-projection';

// A tiny aggregate used by the kit's own tests and bench: a ledger that is opened, credited and closed.
export type LedgerEvent =
  | { type: 'LedgerOpened'; data: { owner: string; openedOn: string } }
  | { type: 'LedgerCredited'; data: { amount: number; currency: string } }
  | { type: 'LedgerClosed'; data: { reason: string } };

export type LedgerCommand =
  { kind: 'open'; owner: string } | { kind: 'credit'; amount: number } | { kind: 'close'; reason: string };

export interface LedgerState {
  status: 'none' | 'open' | 'closed';
  owner?: string;
  balance: number;
  credits: number;
}

export class LedgerRejected extends Error {
  override name = 'LedgerRejected';
}

export const ledgerDecider: Decider<LedgerState, LedgerCommand, LedgerEvent> = {
  initialState: { status: 'none', balance: 0, credits: 0 },
  evolve(state, event) {
    switch (event.type) {
      case 'LedgerOpened':
        return { ...state, status: 'open', owner: event.data.owner };
      case 'LedgerCredited':
        return { ...state, balance: state.balance + event.data.amount, credits: state.credits + 1 };
      case 'LedgerClosed':
        return { ...state, status: 'closed' };
    }
  },
  decide(command, state, ctx: DecisionContext): LedgerEvent[] {
    switch (command.kind) {
      case 'open':
        if (state.status !== 'none') return []; // already open: idempotent no-op
        return [{ type: 'LedgerOpened', data: { owner: command.owner, openedOn: ctx.today } }];
      case 'credit':
        if (state.status !== 'open') throw new LedgerRejected(`ledger is ${state.status}`);
        return [{ type: 'LedgerCredited', data: { amount: command.amount, currency: 'CNY' } }];
      case 'close':
        if (state.status !== 'open') throw new LedgerRejected(`ledger is ${state.status}`);
        return [{ type: 'LedgerClosed', data: { reason: command.reason } }];
    }
  },
};

/** v1 of LedgerCredited had no currency; the upcaster makes old events read as v2. */
export function ledgerRegistry(): EventRegistry {
  return new EventRegistry()
    .register(
      defineEvent({
        type: 'LedgerOpened',
        version: 1,
        schema: z.object({ owner: z.string(), openedOn: z.iso.date() }),
      }),
      defineEvent({ type: 'LedgerCredited', version: 1, schema: z.object({ amount: z.number().int() }) }),
      defineEvent({
        type: 'LedgerCredited',
        version: 2,
        schema: z.object({ amount: z.number().int(), currency: z.string().length(3) }),
      }),
      defineEvent({ type: 'LedgerClosed', version: 1, schema: z.object({ reason: z.string() }) }),
    )
    .registerUpcaster({
      type: 'LedgerCredited',
      fromVersion: 1,
      toVersion: 2,
      upcast: (data) => ({ ...(data as { amount: number }), currency: 'CNY' }),
    });
}

export const admin = { role: 'admin', id: 'u-admin' } as const;

export function ctxAt(now: Date, traceparent?: string): DecisionContext {
  return {
    now,
    today: now.toISOString().slice(0, 10),
    actor: admin,
    correlationId: 'corr-1',
    causationId: null,
    ...(traceparent ? { traceparent } : {}),
  };
}

/** A ledger's opening and a credit, as events to append. */
export const ledgerOpened = (owner: string) => [
  { type: 'LedgerOpened', data: { owner, openedOn: '2026-03-01' } },
];
export const ledgerCredited = (amount: number) => [
  { type: 'LedgerCredited', data: { amount, currency: 'CNY' } },
];

export interface LedgerBalance {
  owner: string;
  balance: number;
}

/** The ledgers' balances: a read model of their own events, one document per ledger (no `keysOf`). */
export const ledgerBalances: StoreProjection<LedgerBalance> = {
  name: 'balances',
  apply: (doc, e) => {
    const d = e.data as { owner?: string; amount?: number };
    if (e.type === 'LedgerOpened') return { owner: d.owner!, balance: 0 };
    return doc && { ...doc, balance: doc.balance + d.amount! };
  },
};
