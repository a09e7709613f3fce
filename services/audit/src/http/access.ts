import { authorise, type AccessTable, type Principal } from '@peiyu/service-kit';
import type { Logger } from '@peiyu/service-kit';
import type mongoose from 'mongoose';
import { regionOfPlace, type StreamPlace } from '../domain/place';
import type { AuditDeps } from './deps';

/**
 * What each role may do in the audit service. Auditors (审计) read everything in their region and act
 * (replay, seal a checkpoint, verify a service's checkpoint); admins anywhere. No business role reads here:
 * the ledger holds every service's history, personal data included.
 */
export type AuditAction = 'read' | 'act';

export const AUDIT_ACCESS: AccessTable<AuditAction> = {
  read: ['auditor', 'admin'],
  act: ['auditor', 'admin'],
};

/**
 * The kit's access rule for one stream (or an enterprise's records): by the stream's place; a stream without a
 * place (reference data such as the working-day calendar) is open to every auditor.
 */
export function authoriseStream(
  deps: Pick<AuditDeps, 'logger' | 'scope'>,
  principal: Principal,
  action: AuditAction,
  place: StreamPlace | null,
  what: string,
): void {
  const region = place ? regionOfPlace(place) : undefined;
  const target = place === null ? null : { regionCode: region ?? principal.region ?? '000000' };
  authorise(principal, action, target, { table: AUDIT_ACCESS, scope: deps.scope, logger: deps.logger, what });
}

/** An act over the whole ledger (sign a checkpoint, verify a service's checkpoint): the role decides. */
export function authoriseAct(
  deps: Pick<AuditDeps, 'logger' | 'scope'>,
  principal: Principal,
  action: AuditAction,
  what: string,
): void {
  authorise(
    principal,
    action,
    { regionCode: principal.region ?? '000000' },
    { table: AUDIT_ACCESS, scope: deps.scope, logger: deps.logger, what },
  );
}

export interface AccessLogDoc {
  at: string;
  who: { sub: string; role: string; region?: string };
  what: string;
  personal: boolean;
}

/**
 * Every auditor query is itself logged (who looked at what), to the log and to `audit_access_log`; reads
 * that showed personal data (masked or not) say so.
 */
export class AccessLog {
  readonly docs;
  constructor(
    db: mongoose.mongo.Db,
    private readonly o: { logger: Logger; now(): string },
  ) {
    this.docs = db.collection<AccessLogDoc>('audit_access_log');
  }

  async record(principal: Principal, what: string, personal = false): Promise<void> {
    const doc: AccessLogDoc = {
      at: this.o.now(),
      who: {
        sub: principal.sub,
        role: principal.role,
        ...(principal.region ? { region: principal.region } : {}),
      },
      what,
      personal,
    };
    this.o.logger.info({ event: 'audit_query', ...doc }, `audit query: ${what}`);
    await this.docs.insertOne(doc);
  }
}
