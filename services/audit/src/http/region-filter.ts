import { DivisionCodeSchema, IsoDateSchema } from '@peiyu/contracts';
import { listScope, type Principal } from '@peiyu/service-kit';
import { z } from 'zod';
import { endOfDayInChina } from '../domain/timeline';
import { AUDIT_ACCESS } from './access';
import type { AuditDeps } from './deps';

/** A region and a period (calendar days in China time), as replay jobs and exports take them. */
export const RegionPeriod = z.strictObject({
  region: DivisionCodeSchema.optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
});

/** The scoped stream filter and the period as instants (`from` 00:00, `to` 23:59:59.999 in UTC+8). */
export function regionPeriod(deps: AuditDeps, principal: Principal, q: z.output<typeof RegionPeriod>) {
  const where = listScope(principal, q.region, { scope: deps.scope, roles: AUDIT_ACCESS.act });
  const period = {
    ...(q.region ? { region: q.region } : {}),
    ...(q.from ? { from: new Date(Date.parse(`${q.from}T00:00:00+08:00`)).toISOString() } : {}),
    ...(q.to ? { to: endOfDayInChina(q.to) } : {}),
  };
  return { where, period };
}
