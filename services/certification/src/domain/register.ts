import type { Decider, DecisionContext } from '@peiyu/eventstore';
import { HNTE_RULE_SETS } from '@peiyu/policy';
import { refuse } from './errors';
import type { DataOf, RegisterEvent } from './events';
import type { BatchView } from './ports';

/**
 * The register of one province and year (stream `hnte-register-{province}-{year}`): the batches it opens and
 * the certificate-number serial. Every number is taken by appending to this one stream, so the store's
 * optimistic concurrency makes numbers unique and gap-free even when two batches certify at the same time.
 */
export type BatchInfo = Omit<DataOf<RegisterEvent, 'HnteBatchOpened'>, 'provinceCode' | 'year'>;

export interface RegisterState {
  provinceCode: string | null;
  year: number | null;
  batches: Readonly<Record<string, BatchInfo>>;
  lastSerial: number;
  /** applicationId → certificate number, so one application never takes two numbers. */
  numbers: Readonly<Record<string, string>>;
}

export const initialRegisterState: RegisterState = {
  provinceCode: null,
  year: null,
  batches: {},
  lastSerial: 0,
  numbers: {},
};

export type RegisterCommand =
  | {
      type: 'OpenHnteBatch';
      batchId: string;
      provinceCode: string;
      year: number;
      title: string;
      applicationOpensOn: string;
      applicationClosesOn: string;
      recommendationDueOn: string;
      ruleSetId: string;
    }
  | {
      type: 'AssignCertificateNumber';
      provinceCode: string;
      year: number;
      uscc: string;
      applicationId: string;
    };

export const MAX_SERIAL = 999_999;

/** `GR` + 4-digit year + 2-digit province code (GB/T 2260) + 6-digit serial (hnte.md §6). */
export function certificateNumber(year: number, provinceCode: string, serial: number): string {
  return `GR${year}${provinceCode.slice(0, 2)}${String(serial).padStart(6, '0')}`;
}

function sameStream(state: RegisterState, provinceCode: string, year: number): void {
  if (!/^\d{2}0000$/.test(provinceCode)) {
    throw refuse(
      'invalid',
      'not_a_province',
      `${provinceCode} is not a province code (PP0000)`,
      'provinceCode',
    );
  }
  if (state.provinceCode !== null && (state.provinceCode !== provinceCode || state.year !== year)) {
    throw refuse('invalid', 'wrong_stream', 'the command names another province or year than its register');
  }
}

function openBatch(
  state: RegisterState,
  c: Extract<RegisterCommand, { type: 'OpenHnteBatch' }>,
  ctx: DecisionContext,
): RegisterEvent[] {
  sameStream(state, c.provinceCode, c.year);
  if (state.batches[c.batchId]) {
    throw refuse('conflict', 'batch_exists', `batch ${c.batchId} is already open`, 'batchId');
  }
  if (!HNTE_RULE_SETS[c.ruleSetId]) {
    throw refuse('invalid', 'unknown_rule_set', `no HNTE rule set ${c.ruleSetId}`, 'ruleSetId');
  }
  if (!(c.applicationOpensOn <= c.applicationClosesOn && c.applicationClosesOn < c.recommendationDueOn)) {
    throw refuse(
      'invalid',
      'batch_dates',
      `the application window ${c.applicationOpensOn}–${c.applicationClosesOn} must end before the recommendation deadline ${c.recommendationDueOn}`,
      'applicationClosesOn',
    );
  }
  if (Number(c.applicationOpensOn.slice(0, 4)) !== c.year) {
    throw refuse(
      'invalid',
      'batch_year',
      `a ${c.year} batch must open for applications in ${c.year}`,
      'applicationOpensOn',
    );
  }
  if (c.applicationClosesOn < ctx.today) {
    throw refuse(
      'invalid',
      'batch_in_the_past',
      `the window closes on ${c.applicationClosesOn}, before today ${ctx.today}`,
      'applicationClosesOn',
    );
  }
  const { type: _t, ...data } = c;
  return [{ type: 'HnteBatchOpened', data: { ...data, openedOn: ctx.today } }];
}

function assignNumber(
  state: RegisterState,
  c: Extract<RegisterCommand, { type: 'AssignCertificateNumber' }>,
  ctx: DecisionContext,
): RegisterEvent[] {
  sameStream(state, c.provinceCode, c.year);
  const taken = state.numbers[c.applicationId];
  if (taken) {
    throw refuse(
      'conflict',
      'number_already_assigned',
      `application ${c.applicationId} already has number ${taken}`,
    );
  }
  const serial = state.lastSerial + 1;
  if (serial > MAX_SERIAL) {
    throw refuse(
      'conflict',
      'serial_exhausted',
      `the ${c.year} serial of province ${c.provinceCode} is exhausted (6 digits)`,
    );
  }
  const data = {
    provinceCode: c.provinceCode,
    year: c.year,
    serial,
    certificateNumber: certificateNumber(c.year, c.provinceCode, serial),
    uscc: c.uscc,
    applicationId: c.applicationId,
    assignedOn: ctx.today,
  };
  return [{ type: 'CertificateNumberAssigned', data }];
}

export function evolveRegister(state: RegisterState, e: RegisterEvent): RegisterState {
  switch (e.type) {
    case 'HnteBatchOpened': {
      const { provinceCode, year, ...batch } = e.data;
      return { ...state, provinceCode, year, batches: { ...state.batches, [batch.batchId]: batch } };
    }
    case 'CertificateNumberAssigned': {
      const { provinceCode, year, serial, applicationId, certificateNumber: n } = e.data;
      return {
        ...state,
        provinceCode,
        year,
        lastSerial: serial,
        numbers: { ...state.numbers, [applicationId]: n },
      };
    }
  }
}

export const registerDecider: Decider<RegisterState, RegisterCommand, RegisterEvent> = {
  initialState: initialRegisterState,
  evolve: evolveRegister,
  decide(command, state, ctx) {
    switch (command.type) {
      case 'OpenHnteBatch':
        return openBatch(state, command, ctx);
      case 'AssignCertificateNumber':
        return assignNumber(state, command, ctx);
    }
  },
};

/** A batch as the application decider's `batch` port returns it, from the register's state. */
export function batchView(state: RegisterState, batchId: string): BatchView | null {
  const b = state.batches[batchId];
  if (!b || state.provinceCode === null || state.year === null) return null;
  return { ...b, provinceCode: state.provinceCode, year: state.year };
}
