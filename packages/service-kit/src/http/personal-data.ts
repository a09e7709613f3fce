import type { Logger } from 'pino';
import type { Principal } from '../auth/principal';

/**
 * PIPL (个人信息保护法) and 等保 level 3: every answer that carries personal data — a contact person, a
 * reviewer's account id — is logged with who read what and why, whether the data went out in full or masked
 * (issue 12, finding 5: history reads and idempotent replays went unlogged). One line shape for every service:
 * `{ event: 'personal_data_read', by, what, subject, fields, why, masked }`.
 */
export interface PersonalDataRead {
  /** The record, in words: "enterprise record", "enterprise history", "evaluation history". */
  what: string;
  /** Its key: a USCC, a stream id. */
  subject: string;
  /** The personal fields in the answer: ["contact"], ["actor.id"]. */
  fields: readonly string[];
  /** Why it was answered: "single-record read", "command response", "idempotent replay", "history read". */
  why: string;
  /** Whether the fields went out masked. */
  masked: boolean;
}

export function logPersonalDataRead(logger: Logger, principal: Principal, read: PersonalDataRead): void {
  logger.info(
    {
      event: 'personal_data_read',
      by: { sub: principal.sub, role: principal.role, region: principal.region, uscc: principal.uscc },
      ...read,
    },
    `personal data read: ${read.what} ${read.subject}`,
  );
}

/** An account id as a history shows it: its first two characters, then asterisks (county_reviewer-7 → co***). */
export function maskAccountId(id: string): string {
  const chars = [...id];
  return chars.length <= 2 ? '***' : `${chars.slice(0, 2).join('')}***`;
}

/** An event's actor with its account id masked; role and region stay (they are what an audit asks). */
export function maskActor<A extends { id: string }>(actor: A): A {
  return { ...actor, id: maskAccountId(actor.id) };
}
