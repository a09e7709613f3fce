import {
  DomainError,
  entitlementStreamId,
  SUBSIDY_LEDGER_STREAM,
  type EventData,
  type HnteCancelledV2,
  type HnteCertifiedV2,
  type SmeEntered,
  type SmeEntryRevoked,
} from '@peiyu/contracts';
import { runSystemCommand, type EventEnvelope } from '@peiyu/eventstore';
import { policyVersionsOf } from '../commands/policy-command';
import {
  awardEntitlementId,
  cancellationOfHnte,
  cancellationOfSmeRevocation,
  entitlementDecider,
  hnteFactFromEvent,
  ledgerDecider,
  smeEntryFromEvent,
  SUBSIDY_POLICY_IDS,
  type AwardFact,
  type Cancellation,
  type PolicyVersionData,
} from '../domain';
import { isProvinciallyAdministered } from '../http/access';
import type { SubsidyDeps } from '../http/deps';

/** Subsidy itself reacting to another service's fact (people-and-places.md: the actor is recorded as system). */
const SYSTEM = { role: 'system' as const, id: 'subsidy' };

/**
 * Entitlements from facts: each fact consumed from another service's topic runs the same deciders as the API,
 * as system commands (load → decide → append). Each is idempotent — an entitlement id is deterministic, and a
 * clawback already ordered orders nothing — so a redelivered message (the consumer re-reads from its last
 * committed offset) adds nothing. A refusal (e.g. no version in force on the fact's date) is logged and the fact
 * skipped; anything else is thrown, so the batch is not committed and is read again.
 */
export async function reactToFacts(deps: SubsidyDeps, events: readonly EventEnvelope[]): Promise<void> {
  for (const e of events) {
    try {
      await reactTo(deps, e);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      deps.logger.warn(
        { eventId: e.eventId, type: e.type, code: err.code, err: err.message },
        'fact not awarded',
      );
    }
  }
}

/** The fields of a fact's envelope a reaction reads. */
type Fact = Pick<EventEnvelope, 'eventId' | 'correlationId' | 'type' | 'data'>;

async function reactTo(deps: SubsidyDeps, e: Fact, onlyPolicy?: string): Promise<void> {
  switch (e.type) {
    case 'SmeEntered': {
      const d = e.data as EventData<typeof SmeEntered>;
      const prev = await deps.reads.entryOf(d.uscc, d.year - 1);
      const previous = prev && {
        eventId: prev.eventId,
        registrationNumber: String(prev.data.registrationNumber),
      };
      const fact = smeEntryFromEvent(e.eventId, d, previous);
      return award(deps, e, fact, d.countyCode, 'tsme-entry-award/', onlyPolicy);
    }
    case 'HnteCertified': {
      const d = e.data as EventData<typeof HnteCertifiedV2>;
      const county = d.countyCode ?? (await deps.reads.enterprise(d.uscc))?.countyCode;
      if (!county) {
        deps.logger.warn(
          { eventId: e.eventId, uscc: d.uscc },
          'HNTE certificate without a known county: no award',
        );
        return;
      }
      return award(deps, e, hnteFactFromEvent(e.eventId, d), county, 'hnte-award/', onlyPolicy);
    }
    case 'HnteCancelled':
      return clawback(
        deps,
        e,
        cancellationOfHnte(e.eventId, e.data as EventData<typeof HnteCancelledV2>),
        'hnte-certificate',
      );
    case 'SmeEntryRevoked': {
      const c = cancellationOfSmeRevocation(e.eventId, e.data as EventData<typeof SmeEntryRevoked>);
      return c ? clawback(deps, e, c, 'sme-entry') : undefined;
    }
  }
}

/** One entitlement per award policy of the fact's kind that has published versions (one per paying level). */
async function award(
  deps: SubsidyDeps,
  e: Fact,
  fact: AwardFact,
  countyCode: string,
  kind: string,
  onlyPolicy?: string,
) {
  const policies = SUBSIDY_POLICY_IDS.filter((p) => p.startsWith(kind) && (!onlyPolicy || p === onlyPolicy));
  for (const policyId of policies) {
    const versions = await policyVersionsOf(deps, policyId);
    if (versions.length === 0) continue; // a policy nobody published: no award under it
    try {
      await runSystemCommand(deps, {
        streamId: entitlementStreamId(awardEntitlementId(policyId, fact)),
        decider: entitlementDecider,
        command: {
          type: 'CalculateAward',
          policyId,
          fact,
          countyCode,
          provinciallyAdministered: isProvinciallyAdministered(countyCode),
        },
        lookups: { policyVersions: (id: string) => (id === policyId ? versions : []) },
        actor: SYSTEM,
        correlationId: e.correlationId,
        causationId: e.eventId,
      });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      deps.logger.warn(
        { eventId: e.eventId, policyId, code: err.code, err: err.message },
        'fact not awarded',
      );
    }
  }
}

/** Every ledger holding a share on the cancelled basis orders back what it paid and withdraws what it has not. */
async function clawback(deps: SubsidyDeps, e: Fact, cancellation: Cancellation, basisKind: string) {
  for (const ledgerId of await deps.reads.ledgersOnBasis(basisKind, cancellation.reference)) {
    const ledger = SUBSIDY_LEDGER_STREAM.parse(ledgerId)!;
    await runSystemCommand(deps, {
      streamId: ledgerId,
      decider: ledgerDecider,
      command: { type: 'OrderClawback', ledger, cancellation },
      lookups: {},
      actor: SYSTEM,
      correlationId: e.correlationId,
      causationId: e.eventId,
    });
  }
}

/**
 * A version published after its facts were recorded (e.g. a policy published once the year's entries are in):
 * the recorded facts of its period are awarded under it, by the same reaction. Idempotent like the reaction.
 */
export async function backfillAwards(deps: SubsidyDeps, version: PolicyVersionData): Promise<void> {
  const type = version.policyId.startsWith('tsme-entry-award/')
    ? 'SmeEntered'
    : version.policyId.startsWith('hnte-award/')
      ? 'HnteCertified'
      : null;
  if (!type) return; // the R&D subsidy is by application, never from a recorded fact
  const inPeriod = (date: string) =>
    date >= version.effectiveFrom && (version.effectiveTo === null || date <= version.effectiveTo);
  for (const f of await deps.reads.awardFacts(type)) {
    const date = String(type === 'SmeEntered' ? f.data.enteredOn : f.data.issuedOn);
    if (!inPeriod(date)) continue;
    try {
      await reactTo(deps, f, version.policyId);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      deps.logger.warn({ eventId: f.eventId, code: err.code, err: err.message }, 'fact not awarded');
    }
  }
}
