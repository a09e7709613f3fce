import { enterpriseStreamId } from '@peiyu/contracts';
import { runCommand } from '@peiyu/eventstore';
import { isValidUscc } from '@peiyu/policy';
import {
  ConflictError,
  ForbiddenError,
  logPersonalDataRead,
  NotFoundError,
  principalOf,
} from '@peiyu/service-kit';
import type { Request, Response } from 'express';
import { registryDecider, type RegistryCommand } from '../domain/decide';
import type { EnterpriseState } from '../domain/state';
import { authoriseEnterprise, mayPlaceIn, type RegistryAction } from '../http/access';
import type { RegistryDeps } from '../http/deps';
import { maskContact } from '../http/mask';
import { enterpriseView } from '../http/view';

/** A missing record: the same answer for everyone, so existence leaks nothing. */
export function notFound(uscc: string): NotFoundError {
  return new NotFoundError({ en: `no enterprise ${uscc}`, zh: `未找到企业 ${uscc}` });
}

/**
 * One command on one enterprise stream, through the kit's pipeline: what differs per enterprise command is
 * only who may (the action) and what (the command); registration is authorised by the county it names.
 */
export async function runEnterpriseCommand(
  deps: RegistryDeps,
  req: Request,
  res: Response,
  uscc: string,
  action: RegistryAction,
  command: RegistryCommand,
): Promise<void> {
  const principal = principalOf(req);
  await runCommand(deps, req, res, {
    what: 'enterprise record',
    streamId: enterpriseStreamId(uscc),
    decider: registryDecider,
    prepare: async () => ({
      lookups: {
        region: deps.regions.info,
        isValidUscc,
        actorMayPlaceIn: (countyCode: string) => mayPlaceIn(deps, principal, uscc, countyCode),
      },
    }),
    authorise: (principal, state: EnterpriseState) => {
      if (command.type !== 'RegisterEnterprise') {
        if (!state) throw notFound(uscc);
        // A transfer is answered by its destination county: judged by where it would go, not where it is.
        const pending = state.pendingTransfer ?? null;
        const transfer = command.type === 'AcceptTransfer' || command.type === 'RefuseTransfer';
        const countyCode = transfer && pending ? pending.toDivisionCode : state.divisionCode;
        authoriseEnterprise(deps, principal, action, { uscc, countyCode });
        return;
      }
      // An enterprise registers only itself: another USCC is refused outright, not hidden.
      if (principal.role === 'enterprise' && principal.uscc !== uscc) {
        throw new ForbiddenError(
          {
            en: 'an enterprise may register only its own USCC (the token uscc must match)',
            zh: '企业只能登记本企业（令牌中的统一社会信用代码须一致）',
          },
          { code: 'role_not_allowed' },
        );
      }
      // An unknown or non-county division is bad input (400 from decide), not a question of scope.
      if (deps.regions.info(command.countyCode)?.level === 'county') {
        authoriseEnterprise(deps, principal, action, { uscc, countyCode: command.countyCode });
      }
      // Finding 12: a USCC registered outside the caller's scope is refused exactly as a registration into a
      // county outside its scope (403 outside_region, same text) — never 409, which told that it exists and
      // so where it does not. 409 is left for a record the caller may see anyway (docs/security.md).
      if (state) authoriseEnterprise(deps, principal, action, { uscc, countyCode: state.divisionCode });
    },
    command: () => command,
    respond: ({ state, version }) => ({
      // A relocation that became a transfer request has moved nothing yet: 202, the request in the body.
      ...(command.type === 'RelocateEnterprise' && state?.pendingTransfer ? { status: 202 } : {}),
      // Finding 5: a command's answer (kept for idempotent replays) shows the contact masked, like a list;
      // the full contact is the logged single-record read.
      body: { ...enterpriseView(state!, version), contact: maskContact(state!.contact) },
      ...(command.type === 'RegisterEnterprise' ? { location: `/v1/enterprises/${uscc}` } : {}),
    }),
    // A registration is decided first without reading the stream it creates (the kit's pipeline reads it and
    // decides again if it exists: the same 403 or 409 as ever).
    createsStream: command.type === 'RegisterEnterprise',
    onCreateConflict: () =>
      new ConflictError(
        { en: `an enterprise with USCC ${uscc} is already registered`, zh: '该统一社会信用代码已有企业登记' },
        { code: 'already_registered' },
      ),
  });
  // Every answer carrying the (masked) contact is logged, the replay of a stored answer too (finding 5).
  if (res.statusCode < 300) {
    logPersonalDataRead(deps.logger, principal, {
      what: 'enterprise record',
      subject: uscc,
      fields: ['contact'],
      why: res.getHeader('Idempotent-Replayed') === 'true' ? 'idempotent replay' : 'command response',
      masked: true,
    });
  }
}
