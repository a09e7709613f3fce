import { goodForm as smeForm } from '@peiyu/assessment/src/domain/test-support/fixtures';
import { runPrecheck } from '@peiyu/certification/src/domain/precheck';
import { goodForm as hnteForm } from '@peiyu/certification/src/domain/test-support/application-fixtures';
import {
  allEvents,
  ENTITLEMENT_STREAM,
  HNTE_APPLICATION_STREAM,
  SME_EVALUATION_STREAM,
  SUBSIDY_POLICY_STREAM,
  type EventEnvelope,
} from '@peiyu/contracts';
import { fold, ManualClock, MemoryEventStore, toEnvelope } from '@peiyu/eventstore';
import { scoreTechSme, techSmeRuleSetById } from '@peiyu/policy';
import { entitlementDecider, type EntitlementCommand } from '@peiyu/subsidy/src/domain/entitlement';
import type { EntitlementEvent } from '@peiyu/subsidy/src/domain/events';
import { ctxOf, EXAMPLES, SYSTEM } from '@peiyu/subsidy/src/domain/test-support/fixtures';

// Records of scores, pre-checks and entitlements as the assessment, certification and subsidy services make
// them (their own scoring call, pre-check function and decider), written by the real event store so the ledger
// takes them as it takes the services' (tests only: the audit's code never imports another service).
const meta = { actor: { role: 'system' as const, id: 'test' }, correlationId: 'c-1', causationId: null };

export function smeSubmittedData(uscc: string, county: string, year = 2026) {
  const { evidence: _e, direct, ...figures } = smeForm;
  const r = scoreTechSme(
    { ...figures, direct: { ...direct, validHnteCertificate: false } },
    { ruleSet: techSmeRuleSetById('tsme-2017-115/2023') },
  );
  return {
    evaluationId: `ev-${uscc}`,
    uscc,
    year,
    submission: 1,
    submittedOn: `${year}-05-01`,
    countyCode: county,
    dueOn: `${year}-05-20`,
    reviewWorkingDays: 13,
    provisional: false,
    calendarReferences: ['builtin'],
    form: smeForm,
    validHnteCertificate: false,
    ruleSetId: r.trace.ruleSetId,
    score: {
      eligible: r.eligible,
      qualifiedBy: r.qualifiedBy,
      points: { ...r.points },
      rdInputBasis: r.rdInputBasis,
      reasons: [...r.reasons],
    },
    onSiteCheckSuggested: [],
  };
}

export function hnteSubmittedData(uscc: string, county: string, submittedOn = '2026-06-01') {
  return {
    applicationId: `app-${uscc}`,
    batchId: '41-2026-1',
    uscc,
    submission: 1,
    submittedOn,
    provinceCode: `${county.slice(0, 2)}0000`,
    countyCode: county,
    recommendationDueOn: '2026-07-15',
    form: hnteForm,
    ruleSetId: 'hnte-2016-32',
    precheck: runPrecheck(hnteForm, '2015-03-01', submittedOn, 'hnte-2016-32'),
  };
}

/** The subsidy decider's events for a tech-SME entry award of `uscc` (entered on `enteredOn`). */
export function entryAwardEvents(uscc: string, county: string, enteredOn = '2026-06-20'): EntitlementEvent[] {
  const cmd: EntitlementCommand = {
    type: 'CalculateAward',
    policyId: 'tsme-entry-award/city',
    fact: {
      kind: 'sme-entry',
      eventId: `ev-entered-${uscc}`,
      uscc,
      countyCode: county,
      registrationNumber: `2026${county}${uscc.slice(12, 17)}`,
      enteredOn,
      previousEntry: null,
    },
    countyCode: county,
    provinciallyAdministered: false,
  };
  const ctx = ctxOf(SYSTEM, enteredOn);
  return [...(entitlementDecider.decide(cmd, fold(entitlementDecider, []), ctx) as EntitlementEvent[])];
}

/** Appends the records to a store and returns them as the relays publish them (ledger input). */
export async function recordedEnvelopes(o: {
  scores: Array<[string, string]>;
  prechecks: Array<[string, string]>;
  awards: Array<[string, string]>;
}): Promise<EventEnvelope[]> {
  const store = new MemoryEventStore({ clock: new ManualClock('2026-07-01T01:00:00Z'), codec: allEvents() });
  const ids: string[] = [];
  const add = async (id: string, events: Array<{ type: string; data: unknown }>) => {
    await store.append(id, 0, events as never, meta);
    ids.push(id);
  };
  for (const policyId of ['tsme-entry-award/city']) {
    const versions = EXAMPLES.filter((v) => v.policyId === policyId);
    await add(
      SUBSIDY_POLICY_STREAM.id({ policyId }),
      versions.map((data) => ({ type: 'PolicyVersionPublished', data })),
    );
  }
  for (const [uscc, county] of o.scores)
    await add(SME_EVALUATION_STREAM.id({ uscc, year: 2026 }), [
      { type: 'SmeEvaluationSubmitted', data: smeSubmittedData(uscc, county) },
    ]);
  for (const [uscc, county] of o.prechecks)
    await add(HNTE_APPLICATION_STREAM.id({ batchId: '41-2026-1', uscc }), [
      { type: 'HnteApplicationSubmitted', data: hnteSubmittedData(uscc, county) },
    ]);
  for (const [uscc, county] of o.awards) {
    const events = entryAwardEvents(uscc, county);
    const calc = events.find((e) => e.type === 'EntitlementCalculated')!;
    await add(
      ENTITLEMENT_STREAM.id({ entitlementId: (calc.data as { entitlementId: string }).entitlementId }),
      events,
    );
  }
  const out: EventEnvelope[] = [];
  for (const id of ids) out.push(...(await store.readStream(id)).map((r) => toEnvelope(r) as EventEnvelope));
  return out;
}
