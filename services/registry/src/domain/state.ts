import type { z } from 'zod';
import type {
  ContactSchema,
  EnterpriseDeregistered,
  EnterpriseProfileUpdated,
  EnterpriseRegistered,
  EnterpriseRelocated,
  EnterpriseRenamed,
  EnterpriseTransferAccepted,
  EnterpriseTransferRefused,
  EnterpriseTransferRequested,
  EventData,
  HnteField,
  SanctionLifted,
  SanctionRecorded,
} from '@peiyu/contracts';

export type RegistryEvent =
  | { type: 'EnterpriseRegistered'; data: EventData<typeof EnterpriseRegistered> }
  | { type: 'EnterpriseProfileUpdated'; data: EventData<typeof EnterpriseProfileUpdated> }
  | { type: 'EnterpriseRenamed'; data: EventData<typeof EnterpriseRenamed> }
  | { type: 'EnterpriseRelocated'; data: EventData<typeof EnterpriseRelocated> }
  | { type: 'SanctionRecorded'; data: EventData<typeof SanctionRecorded> }
  | { type: 'SanctionLifted'; data: EventData<typeof SanctionLifted> }
  | { type: 'EnterpriseDeregistered'; data: EventData<typeof EnterpriseDeregistered> }
  | { type: 'EnterpriseTransferRequested'; data: EventData<typeof EnterpriseTransferRequested> }
  | { type: 'EnterpriseTransferAccepted'; data: EventData<typeof EnterpriseTransferAccepted> }
  | { type: 'EnterpriseTransferRefused'; data: EventData<typeof EnterpriseTransferRefused> };

/** A relocation awaiting the destination county (迁移申请, issue 12 finding 3). */
export interface PendingTransfer {
  toDivisionCode: string;
  effectiveOn: string;
  requestedOn: string;
}

export interface Sanction {
  sanctionId: string;
  kind: EventData<typeof SanctionRecorded>['kind'];
  occurredOn: string;
  reference: string;
  liftedOn: string | null;
}

export interface Enterprise {
  uscc: string;
  name: string;
  divisionCode: string;
  foundedOn: string;
  industry: string | null;
  hnteField: HnteField | null;
  contact: z.infer<typeof ContactSchema>;
  status: 'active' | 'deregistered';
  sanctions: Sanction[];
  formerNames: Array<{ name: string; until: string }>;
  /** Absent on records folded before transfers existed: read it with `?? null`. */
  pendingTransfer?: PendingTransfer | null;
}

export type EnterpriseState = Enterprise | null;
export const initialState: EnterpriseState = null;

/** evolve: pure fold of one event into the state (never validates: events are facts). */
export function evolve(state: EnterpriseState, event: RegistryEvent): EnterpriseState {
  switch (event.type) {
    case 'EnterpriseRegistered':
      return { ...event.data, status: 'active', sanctions: [], formerNames: [], pendingTransfer: null };
  }
  if (!state) return state;
  switch (event.type) {
    case 'EnterpriseProfileUpdated': {
      const { uscc: _u, ...changes } = event.data;
      return { ...state, ...changes };
    }
    case 'EnterpriseRenamed':
      return {
        ...state,
        name: event.data.newName,
        formerNames: [...state.formerNames, { name: event.data.previousName, until: event.data.effectiveOn }],
      };
    case 'EnterpriseRelocated':
      return { ...state, divisionCode: event.data.toDivisionCode, pendingTransfer: null };
    case 'EnterpriseTransferRequested': {
      const { toDivisionCode, effectiveOn, requestedOn } = event.data;
      return { ...state, pendingTransfer: { toDivisionCode, effectiveOn, requestedOn } };
    }
    // The move itself is the EnterpriseRelocated that follows an acceptance.
    case 'EnterpriseTransferAccepted':
    case 'EnterpriseTransferRefused':
      return { ...state, pendingTransfer: null };
    case 'SanctionRecorded': {
      const { uscc: _u, ...s } = event.data;
      return { ...state, sanctions: [...state.sanctions, { ...s, liftedOn: null }] };
    }
    case 'SanctionLifted':
      return {
        ...state,
        sanctions: state.sanctions.map((s) =>
          s.sanctionId === event.data.sanctionId ? { ...s, liftedOn: event.data.liftedOn } : s,
        ),
      };
    case 'EnterpriseDeregistered':
      return { ...state, status: 'deregistered' };
  }
}
