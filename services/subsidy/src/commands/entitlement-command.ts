import { entitlementStreamId } from '@peiyu/contracts';
import { loadStream, runCommand } from '@peiyu/eventstore';
import type { Principal } from '@peiyu/service-kit';
import type { Request, Response } from 'express';
import {
  entitlementDecider,
  explainEntitlement,
  type EntitlementCommand,
  type EntitlementState,
} from '../domain';
import { authoriseSubsidy, type SubsidyAction } from '../http/access';
import type { SubsidyDeps } from '../http/deps';
import { policyVersionsOf } from './policy-command';

/** The entitlement as the single read and the commands see it, with the explanation from its trace. */
export function entitlementView(entitlementId: string, state: EntitlementState, version: number) {
  return {
    entitlementId,
    status: state.status,
    application: state.application,
    calculation: state.calculation,
    explanation: state.calculation ? explainEntitlement(state.calculation) : [],
    version,
  };
}

export function authoriseEntitlement(
  deps: SubsidyDeps,
  principal: Principal,
  action: SubsidyAction,
  entitlementId: string,
  state: EntitlementState,
  fallback: { uscc: string; countyCode: string } | null = null,
): void {
  const subject = state.calculation ?? state.application ?? fallback;
  const target = subject ? { uscc: subject.uscc, regionCode: subject.countyCode } : null;
  authoriseSubsidy(deps.logger, principal, action, target, `entitlement ${entitlementId}`);
}

/** One command on one entitlement stream, through the kit's pipeline; ctx gets the policy's versions. */
export async function runEntitlementCommand(
  deps: SubsidyDeps,
  req: Request,
  res: Response,
  o: {
    entitlementId: string;
    action: SubsidyAction;
    command: (state: EntitlementState, applicationEventId: string | null) => EntitlementCommand;
    /** Who the entitlement is for, when the stream does not exist yet (an application). */
    subject?: { uscc: string; countyCode: string };
  },
): Promise<void> {
  const streamId = entitlementStreamId(o.entitlementId);
  const policyId = 'rd-subsidy';
  let applicationEventId: string | null = null;
  await runCommand(deps, req, res, {
    what: `entitlement ${o.entitlementId}`,
    streamId,
    decider: entitlementDecider,
    prepare: async ({ events }) => {
      // the application's event id from the stream as loaded (a second read of it was one round trip)
      // An application records the declaration only; the policy's version is applied when the county verifies
      // it (by the R&D year's last day), so an application does not read the policy stream.
      const versions = o.action === 'apply_rd' ? [] : await policyVersionsOf(deps, policyId);
      applicationEventId = events.find((e) => e.type === 'RdSubsidyApplied')?.eventId ?? null;
      return { lookups: { policyVersions: (id: string) => (id === policyId ? versions : []) } };
    },
    authorise: (principal, state) =>
      authoriseEntitlement(deps, principal, o.action, o.entitlementId, state, o.subject ?? null),
    command: (state) => o.command(state, applicationEventId),
    // An application starts its entitlement's stream (one per enterprise and R&D year): decided first without
    // reading it (the kit's pipeline reads it and decides again when it exists).
    createsStream: o.action === 'apply_rd',
    respond: ({ state, version, created }) => ({
      body: entitlementView(o.entitlementId, state, version),
      ...(created ? { status: 201, location: `/v1/entitlements/${o.entitlementId}` } : {}),
    }),
  });
}

/** The single read: the stream (never stale), authorised like a command. */
export async function loadEntitlement(deps: SubsidyDeps, entitlementId: string) {
  return loadStream(deps.store, entitlementDecider, entitlementStreamId(entitlementId));
}
