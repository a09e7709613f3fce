import type { HnteField } from '@peiyu/contracts';
import type { Decider } from '@peiyu/eventstore';
import { refuse } from './errors';
import {
  evolve,
  initialState,
  type Enterprise,
  type EnterpriseState,
  type RegistryEvent,
  type Sanction,
} from './state';

export interface RegionInfo {
  code: string;
  level: 'province' | 'city' | 'county';
  name: string;
}

export interface DecideContext {
  /** today in Asia/Shanghai, from the clock port */
  today: string;
  /** division-code lookup (GB/T 2260 + configured management areas); injected so decide stays pure */
  region(code: string): RegionInfo | null;
  /** USCC check-character validation (GB 32100-2015) */
  isValidUscc(code: string): boolean;
  /**
   * Whether the actor may place the enterprise in this county itself (its scope; an enterprise never may): a
   * relocation elsewhere becomes a transfer request the destination county accepts or refuses (finding 3).
   * Absent (system commands, older tests): every destination is in scope.
   */
  actorMayPlaceIn?(countyCode: string): boolean;
}

type Contact = Enterprise['contact'];
export type RegistryCommand =
  | {
      type: 'RegisterEnterprise';
      uscc: string;
      name: string;
      countyCode: string;
      foundedOn: string;
      industry?: string | null;
      hnteField?: HnteField | null;
      contact: Contact;
    }
  | {
      type: 'UpdateEnterpriseProfile';
      contact?: Contact;
      industry?: string | null;
      hnteField?: HnteField | null;
    }
  | { type: 'RenameEnterprise'; newName: string; effectiveOn: string }
  | { type: 'RelocateEnterprise'; countyCode: string; effectiveOn: string }
  | {
      type: 'RecordSanction';
      sanctionId: string;
      kind: Sanction['kind'];
      occurredOn: string;
      reference: string;
    }
  | { type: 'LiftSanction'; sanctionId: string; reason: string }
  | { type: 'DeregisterEnterprise'; effectiveOn: string; reason: string }
  | { type: 'AcceptTransfer' }
  | { type: 'RefuseTransfer'; reason: string };

function notInFuture(date: string, ctx: DecideContext, field: string): void {
  if (date > ctx.today)
    throw refuse('invalid', 'date_in_future', `${field} ${date} is after today (${ctx.today})`, field);
}

function countyLevel(code: string, ctx: DecideContext, field: string): RegionInfo {
  const r = ctx.region(code);
  if (!r)
    throw refuse('invalid', 'unknown_division', `division code ${code} is not a known GB/T 2260 code`, field);
  // Enterprises are registered with the county bureau (people-and-places.md): a city or province code is too coarse.
  if (r.level !== 'county') {
    throw refuse(
      'invalid',
      'not_county_level',
      `division code ${code} (${r.name}) is a ${r.level}, not a county-level division`,
      field,
    );
  }
  return r;
}

function live(state: EnterpriseState): Enterprise {
  if (!state) throw refuse('not_found', 'not_registered', 'no enterprise is registered under this USCC');
  if (state.status === 'deregistered') {
    throw refuse(
      'conflict',
      'deregistered',
      `enterprise ${state.uscc} is deregistered; its record is read-only`,
    );
  }
  return state;
}

function register(
  state: EnterpriseState,
  c: Extract<RegistryCommand, { type: 'RegisterEnterprise' }>,
  ctx: DecideContext,
): RegistryEvent[] {
  if (state)
    throw refuse(
      'conflict',
      'already_registered',
      `an enterprise with USCC ${c.uscc} is already registered`,
      'uscc',
    );
  if (!ctx.isValidUscc(c.uscc)) {
    throw refuse(
      'invalid',
      'invalid_uscc',
      `${c.uscc} is not a valid unified social credit code (check character)`,
      'uscc',
    );
  }
  countyLevel(c.countyCode, ctx, 'countyCode');
  notInFuture(c.foundedOn, ctx, 'foundedOn');
  return [
    {
      type: 'EnterpriseRegistered',
      data: {
        uscc: c.uscc,
        name: c.name,
        divisionCode: c.countyCode,
        foundedOn: c.foundedOn,
        industry: c.industry ?? null,
        hnteField: c.hnteField ?? null,
        contact: c.contact,
      },
    },
  ];
}

function updateProfile(
  e: Enterprise,
  c: Extract<RegistryCommand, { type: 'UpdateEnterpriseProfile' }>,
): RegistryEvent[] {
  const changes: { contact?: Contact; industry?: string | null; hnteField?: HnteField | null } = {};
  if (c.contact && JSON.stringify(c.contact) !== JSON.stringify(e.contact)) changes.contact = c.contact;
  if (c.industry !== undefined && c.industry !== e.industry) changes.industry = c.industry;
  if (c.hnteField !== undefined && c.hnteField !== e.hnteField) changes.hnteField = c.hnteField;
  // Nothing differs: the update is already true, so it records nothing (a retried PATCH is harmless).
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'EnterpriseProfileUpdated', data: { uscc: e.uscc, ...changes } }];
}

function relocate(
  e: Enterprise,
  c: Extract<RegistryCommand, { type: 'RelocateEnterprise' }>,
  ctx: DecideContext,
): RegistryEvent[] {
  if (c.countyCode === e.divisionCode) {
    throw refuse(
      'conflict',
      'same_division',
      `the enterprise is already registered in ${e.divisionCode}`,
      'countyCode',
    );
  }
  const pending = e.pendingTransfer ?? null;
  if (pending) {
    throw refuse(
      'conflict',
      'transfer_pending',
      `a transfer to ${pending.toDivisionCode} awaits that county's answer`,
      'countyCode',
    );
  }
  countyLevel(c.countyCode, ctx, 'countyCode');
  notInFuture(c.effectiveOn, ctx, 'effectiveOn');
  const move = { uscc: e.uscc, fromDivisionCode: e.divisionCode, toDivisionCode: c.countyCode };
  // Finding 3: outside the actor's scope the destination county decides; until then nothing moves.
  if (ctx.actorMayPlaceIn && !ctx.actorMayPlaceIn(c.countyCode)) {
    return [
      {
        type: 'EnterpriseTransferRequested',
        data: { ...move, effectiveOn: c.effectiveOn, requestedOn: ctx.today },
      },
    ];
  }
  return [{ type: 'EnterpriseRelocated', data: { ...move, effectiveOn: c.effectiveOn } }];
}

/** The destination county's answer to a transfer request: accepted (then the move), or refused. */
function answerTransfer(
  e: Enterprise,
  c: Extract<RegistryCommand, { type: 'AcceptTransfer' | 'RefuseTransfer' }>,
  ctx: DecideContext,
): RegistryEvent[] {
  const pending = e.pendingTransfer ?? null;
  if (!pending) {
    throw refuse(
      'conflict',
      'no_pending_transfer',
      `enterprise ${e.uscc} has no transfer awaiting an answer`,
    );
  }
  const move = { uscc: e.uscc, fromDivisionCode: e.divisionCode, toDivisionCode: pending.toDivisionCode };
  if (c.type === 'RefuseTransfer') {
    return [{ type: 'EnterpriseTransferRefused', data: { ...move, refusedOn: ctx.today, reason: c.reason } }];
  }
  return [
    { type: 'EnterpriseTransferAccepted', data: { ...move, acceptedOn: ctx.today } },
    // The move as every consumer already folds it; effective on the requested day (never after today).
    { type: 'EnterpriseRelocated', data: { ...move, effectiveOn: pending.effectiveOn } },
  ];
}

/** decide: (command, state, ctx) → events, or a DomainError naming the rule. Pure. */
export function decide(
  command: RegistryCommand,
  state: EnterpriseState,
  ctx: DecideContext,
): RegistryEvent[] {
  if (command.type === 'RegisterEnterprise') return register(state, command, ctx);
  const e = live(state);
  switch (command.type) {
    case 'UpdateEnterpriseProfile':
      return updateProfile(e, command);
    case 'RenameEnterprise':
      if (command.newName === e.name)
        throw refuse('conflict', 'same_name', `the enterprise is already named ${e.name}`, 'newName');
      notInFuture(command.effectiveOn, ctx, 'effectiveOn');
      if (command.effectiveOn < e.foundedOn) {
        throw refuse(
          'invalid',
          'before_founding',
          `effectiveOn is before the founding date ${e.foundedOn}`,
          'effectiveOn',
        );
      }
      return [
        {
          type: 'EnterpriseRenamed',
          data: {
            uscc: e.uscc,
            previousName: e.name,
            newName: command.newName,
            effectiveOn: command.effectiveOn,
          },
        },
      ];
    case 'RelocateEnterprise':
      return relocate(e, command, ctx);
    case 'AcceptTransfer':
    case 'RefuseTransfer':
      return answerTransfer(e, command, ctx);
    case 'RecordSanction':
      if (e.sanctions.some((s) => s.sanctionId === command.sanctionId)) {
        throw refuse(
          'conflict',
          'duplicate_sanction',
          `sanction ${command.sanctionId} is already recorded`,
          'sanctionId',
        );
      }
      notInFuture(command.occurredOn, ctx, 'occurredOn');
      return [
        {
          type: 'SanctionRecorded',
          data: {
            uscc: e.uscc,
            sanctionId: command.sanctionId,
            kind: command.kind,
            occurredOn: command.occurredOn,
            reference: command.reference,
          },
        },
      ];
    case 'LiftSanction': {
      const s = e.sanctions.find((x) => x.sanctionId === command.sanctionId);
      if (!s)
        throw refuse('not_found', 'no_such_sanction', `no sanction ${command.sanctionId} on this enterprise`);
      if (s.liftedOn)
        throw refuse(
          'conflict',
          'already_lifted',
          `sanction ${command.sanctionId} was lifted on ${s.liftedOn}`,
        );
      return [
        {
          type: 'SanctionLifted',
          data: { uscc: e.uscc, sanctionId: s.sanctionId, liftedOn: ctx.today, reason: command.reason },
        },
      ];
    }
    case 'DeregisterEnterprise':
      notInFuture(command.effectiveOn, ctx, 'effectiveOn');
      return [
        {
          type: 'EnterpriseDeregistered',
          data: { uscc: e.uscc, effectiveOn: command.effectiveOn, reason: command.reason },
        },
      ];
  }
}

/** The enterprise aggregate: one stream per USCC. */
export const registryDecider: Decider<EnterpriseState, RegistryCommand, RegistryEvent, DecideContext> = {
  initialState,
  evolve,
  decide,
};
