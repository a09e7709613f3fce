import { subsidyPolicyStreamId } from '@peiyu/contracts';
import { loadStream, runCommand } from '@peiyu/eventstore';
import type { Request, Response } from 'express';
import { policyDecider, type PolicyVersionData, type VersionDraft } from '../domain';
import { authoriseRole } from '../http/access';
import type { SubsidyDeps } from '../http/deps';

/** The published versions of a policy, from its stream (the one load function; never stale). */
export async function policyVersionsOf(deps: SubsidyDeps, policyId: string): Promise<PolicyVersionData[]> {
  return [...(await loadStream(deps.store, policyDecider, subsidyPolicyStreamId(policyId))).state.versions];
}

/** Publishes one version of a policy, as data, through the kit's pipeline (refusals name the broken rule). */
export async function runPublishPolicy(
  deps: SubsidyDeps,
  req: Request,
  res: Response,
  version: VersionDraft,
): Promise<void> {
  await runCommand(deps, req, res, {
    what: `policy ${version.policyId}`,
    streamId: subsidyPolicyStreamId(version.policyId),
    decider: policyDecider,
    // A policy is province-wide reference data: the role decides; the principal's own region is the place.
    authorise: (principal) =>
      authoriseRole(deps.logger, principal, 'publish_policy', `policy ${version.policyId}`),
    command: () => ({ type: 'PublishPolicyVersion', version }),
    respond: ({ state, version: streamVersion }) => ({
      status: 201,
      body: { policyId: version.policyId, streamVersion, versions: state.versions },
      location: `/v1/policies/${version.policyId.replace('/', '.')}`,
    }),
  });
}
