import { SUBSIDY_POLICY_STREAM } from '@peiyu/contracts';
import type { StoreProjection } from '@peiyu/eventstore';
import { policyDecider, type PolicyEvent, type PolicyVersionData } from '../domain';

/** One document per policy: its published versions (an open-ended one closed when a later one starts). */
export interface PolicyDoc {
  policyId: string;
  versions: PolicyVersionData[];
}

export const POLICIES = 'subsidy_policies';

export function policiesProjection(): StoreProjection<PolicyDoc> {
  return {
    name: POLICIES,
    keysOf: (e) => (SUBSIDY_POLICY_STREAM.parse(e.streamId) ? [e.streamId] : []),
    indexes: [{ key: { policyId: 1 }, name: 'policy' }],
    apply(doc, e) {
      const { policyId } = SUBSIDY_POLICY_STREAM.parse(e.streamId)!;
      const state = policyDecider.evolve({ versions: doc?.versions ?? [] }, {
        type: e.type,
        data: e.data,
      } as PolicyEvent);
      return { policyId, versions: [...state.versions] };
    },
  };
}
