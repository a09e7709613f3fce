import { subsidyPolicyStreamId } from '@peiyu/contracts';
import { loadStream, runCommand } from '@peiyu/eventstore';
import type { Request, Response } from 'express';
import { backfillAwards } from '../reactions/facts';
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
  let published: PolicyVersionData | undefined;
  // After the append (before the answer): the facts already recorded in the new version's period are awarded.
  const withBackfill: SubsidyDeps = {
    ...deps,
    afterAppend: async () => {
      await deps.afterAppend?.();
      if (published)
        await backfillAwards(deps, published).catch((err: unknown) =>
          deps.logger.error({ err }, 'backfill failed'),
        );
    },
  };
  await runCommand(withBackfill, req, res, {
    what: `policy ${version.policyId}`,
    streamId: subsidyPolicyStreamId(version.policyId),
    decider: policyDecider,
    // A policy is province-wide reference data: the role decides; the principal's own region is the place.
    authorise: (principal) =>
      authoriseRole(deps.logger, principal, 'publish_policy', `policy ${version.policyId}`),
    command: () => ({ type: 'PublishPolicyVersion' as const, version }),
    decide: async (command, state, ctx) => {
      const events = policyDecider.decide(command, state, ctx);
      published = events[0]?.data;
      return events;
    },
    respond: ({ state, version: streamVersion }) => ({
      status: 201,
      body: { policyId: version.policyId, streamVersion, versions: state.versions },
      location: `/v1/policies/${version.policyId.replace('/', '.')}`,
    }),
  });
}
