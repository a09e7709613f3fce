import {
  evolveApplication,
  evolveEnterpriseHnte,
  evolveExpertPool,
  evolveRegister,
  initialApplicationState,
  initialEnterpriseHnteState,
  initialExpertPoolState,
  initialRegisterState,
} from '@peiyu/certification';
import {
  COUNTY_TARGETS_STREAM,
  ENTITLEMENT_STREAM,
  HNTE_APPLICATION_STREAM,
  HNTE_ENTERPRISE_STREAM,
  HNTE_EXPERT_POOL_STREAM,
  HNTE_REGISTER_STREAM,
  INDICATOR_REPORT_STREAM,
  SUBSIDY_LEDGER_STREAM,
  SUBSIDY_POLICY_STREAM,
} from '@peiyu/contracts';
import { parseRegion } from '@peiyu/policy';
import { indicatorsDecider, targetsDecider } from '@peiyu/statistics';
import { entitlementDecider, ledgerDecider, policyDecider } from '@peiyu/subsidy';
import { ownerOf, type Decoded } from '../domain/replay';

/** A fold the bench replays a stream with: the owner's own evolve, as the audit's `Owner` has it. */
export interface BenchOwner {
  service: string;
  stream: string;
  initial: unknown;
  evolve(state: unknown, event: Decoded): unknown;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
const fold = (
  service: string,
  stream: string,
  parse: (id: string) => unknown,
  initial: unknown,
  evolve: (s: any, e: any) => unknown,
) => ({ service, stream, parse, initial, evolve: evolve as BenchOwner['evolve'] });

/**
 * The streams the generator writes besides registry's and assessment's (certification's, subsidy's,
 * statistics'), each with its owner's pure fold from the service's package (their index exports the domain
 * only). Kept to the bench: the audit service's own replay (domain/replay.ts) decides which streams it
 * replays — adding these there is that service's choice, not a benchmark's.
 */
const MORE: ReadonlyArray<ReturnType<typeof fold>> = [
  fold('certification', 'hnte-register', HNTE_REGISTER_STREAM.parse, initialRegisterState, evolveRegister),
  fold(
    'certification',
    'hnte-expert-pool',
    HNTE_EXPERT_POOL_STREAM.parse,
    initialExpertPoolState,
    evolveExpertPool,
  ),
  fold(
    'certification',
    'hnte-application',
    HNTE_APPLICATION_STREAM.parse,
    initialApplicationState,
    evolveApplication,
  ),
  fold(
    'certification',
    'hnte-enterprise',
    HNTE_ENTERPRISE_STREAM.parse,
    initialEnterpriseHnteState,
    evolveEnterpriseHnte,
  ),
  fold(
    'subsidy',
    'subsidy-policy',
    SUBSIDY_POLICY_STREAM.parse,
    policyDecider.initialState,
    policyDecider.evolve,
  ),
  fold(
    'subsidy',
    'entitlement',
    ENTITLEMENT_STREAM.parse,
    entitlementDecider.initialState,
    entitlementDecider.evolve,
  ),
  fold(
    'subsidy',
    'subsidy-ledger',
    SUBSIDY_LEDGER_STREAM.parse,
    ledgerDecider.initialState,
    ledgerDecider.evolve,
  ),
  fold(
    'statistics',
    'county-targets',
    COUNTY_TARGETS_STREAM.parse,
    targetsDecider({ parseRegion }).initialState,
    targetsDecider({ parseRegion }).evolve,
  ),
  fold(
    'statistics',
    'indicator-report',
    INDICATOR_REPORT_STREAM.parse,
    indicatorsDecider().initialState,
    indicatorsDecider().evolve,
  ),
];
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The audit's owner of a stream, else the bench's for the other services' streams. */
export function benchOwnerOf(streamId: string): BenchOwner | undefined {
  return ownerOf(streamId) ?? MORE.find((o) => o.parse(streamId) !== null);
}
