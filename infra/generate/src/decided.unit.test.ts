import {
  applicationDecider,
  batchView,
  enterpriseHnteDecider,
  evolveApplication,
  evolveExpertPool,
  evolveRegister,
  expertPoolDecider,
  initialApplicationState,
  initialExpertPoolState,
  initialRegisterState,
  poolSnapshot,
  registerDecider,
  type ApplicationPorts,
  type ApplicationState,
  type EnterpriseView,
} from '@peiyu/certification';
import {
  HNTE_APPLICATION_STREAM,
  HNTE_ENTERPRISE_STREAM,
  HNTE_EXPERT_POOL_STREAM,
  HNTE_REGISTER_STREAM,
} from '@peiyu/contracts';
import type { Decider, RecordedEvent } from '@peiyu/eventstore';
import { addWorkingDays } from '@peiyu/policy';
import {
  entitlementDecider,
  ledgerDecider,
  policyDecider,
  type AwardFact,
  type PolicyVersionData,
} from '@peiyu/subsidy';
import {
  byStream,
  generateInMemory,
  smallCity,
  type Decision,
  type InMemoryRun,
} from './test-support/memory';

type AnyDecider = Decider<unknown, unknown, { type: string; data: unknown }>;
const fold = (d: AnyDecider, events: readonly RecordedEvent[]) =>
  events.reduce((s, e) => d.evolve(s, e as never), d.initialState);

/**
 * The generator writes certification and subsidy history straight into their stores, each append decided by
 * the owning service's decider. Here every such append's command is decided again — by the same deciders,
 * on the state folded from the STORED events before it and with the lookups rebuilt from the stored history
 * (batches from the register stream, the enterprise from the registry's events, the pool snapshot from the
 * pool stream, the published versions from the policy streams, the facts from the stored SmeEntered and
 * HnteCertified) — and must give exactly the stored events.
 */
describe("the generator's certification and subsidy history", () => {
  const spec = { seed: 7, year: 2026, area: smallCity(1000) };
  let run: InMemoryRun;
  beforeAll(async () => {
    run = await generateInMemory(spec);
  }, 120_000);

  /** The position of the command being decided again (the lookups answer as of then). */
  const at = { position: 0 };

  /** The lookups as the certification service's views hold them, rebuilt from the stored history. */
  function certificationPorts(): { app: ApplicationPorts; application: (id: string) => ApplicationState } {
    const streams = byStream(run.certification);
    const foldOf = <S>(pick: (id: string) => unknown, evolve: (s: S, e: never) => S, init: S) =>
      new Map(
        [...streams]
          .filter(([id]) => pick(id))
          .map(([id, events]) => [id, events.reduce((s, e) => evolve(s, e as never), init)] as const),
      );
    const registers = [...foldOf(HNTE_REGISTER_STREAM.parse, evolveRegister, initialRegisterState).values()];
    const pools = foldOf(HNTE_EXPERT_POOL_STREAM.parse, evolveExpertPool, initialExpertPoolState);
    const applications = new Map(
      [...foldOf(HNTE_APPLICATION_STREAM.parse, evolveApplication, initialApplicationState).values()].map(
        (a) => [a!.applicationId, a] as const,
      ),
    );
    const enterprises = new Map<string, EnterpriseView>();
    for (const r of run.registry) {
      const d = r.data as { uscc: string; name: string; divisionCode: string; foundedOn: string };
      if (r.type === 'EnterpriseRegistered')
        enterprises.set(d.uscc, { ...d, status: 'active', name: d.name });
      if (r.type === 'EnterpriseDeregistered')
        enterprises.set(d.uscc, { ...enterprises.get(d.uscc)!, status: 'deregistered' });
    }
    // Claims on an IP item as the service's read model has them when the command is decided: the
    // submissions stored before it, each with its application's status then.
    const claims = new Map<
      string,
      Array<{ applicationId: string; batchId: string; uscc: string; position: number; streamId: string }>
    >();
    for (const r of run.certification)
      if (r.type === 'HnteApplicationSubmitted' || r.type === 'HnteApplicationResubmitted') {
        const d = r.data as {
          applicationId: string;
          batchId: string;
          uscc: string;
          form: { ipItems: Array<{ kind: string; number: string }> };
        };
        for (const i of d.form.ipItems) {
          const key = `${i.kind}:${i.number}`;
          const c = { ...d, position: r.position, streamId: r.streamId };
          claims.set(key, [...(claims.get(key) ?? []), c]);
        }
      }
    const app: ApplicationPorts = {
      batch: (id) => registers.map((s) => batchView(s, id)).find((b) => b) ?? null,
      enterprise: (uscc) => enterprises.get(uscc) ?? null,
      // The generated year cancels no certificate (asserted below).
      cancellations: () => [],
      ipClaims: (kind, number) => {
        const before = (claims.get(`${kind}:${number}`) ?? []).filter((c) => c.position < at.position);
        const latest = new Map(before.map((c) => [c.applicationId, c]));
        return [...latest.values()].map((c) => ({
          applicationId: c.applicationId,
          batchId: c.batchId,
          uscc: c.uscc,
          status: streams
            .get(c.streamId)!
            .filter((e) => e.position < at.position)
            .reduce((s, e) => evolveApplication(s, e as never), initialApplicationState)!.status,
        }));
      },
      expertPool: (province) => {
        const id = HNTE_EXPERT_POOL_STREAM.id({ provinceCode: province });
        return poolSnapshot(pools.get(id)!, id);
      },
      addWorkingDays: (date, n) => {
        const d = addWorkingDays(date, n);
        return { date: d.date, provisional: d.provisional };
      },
    };
    return { app, application: (id) => applications.get(id) ?? null };
  }

  function certificationDecider(streamId: string, ports: ReturnType<typeof certificationPorts>): AnyDecider {
    if (HNTE_REGISTER_STREAM.parse(streamId)) return registerDecider as never;
    if (HNTE_EXPERT_POOL_STREAM.parse(streamId)) return expertPoolDecider as never;
    if (HNTE_APPLICATION_STREAM.parse(streamId)) return applicationDecider(ports.app) as never;
    if (HNTE_ENTERPRISE_STREAM.parse(streamId))
      return enterpriseHnteDecider({ application: ports.application, enterpriseName: () => null }) as never;
    throw new Error(`no certification stream ${streamId}`);
  }

  function subsidyDecider(streamId: string): AnyDecider {
    if (streamId.startsWith('subsidy-policy-')) return policyDecider as never;
    if (streamId.startsWith('entitlement-')) return entitlementDecider as never;
    if (streamId.startsWith('subsidy-ledger-')) return ledgerDecider as never;
    throw new Error(`no subsidy stream ${streamId}`);
  }

  /** Decides each decision again on the state of the stored events before it; returns the types decided. */
  function redecide(decisions: Decision[], deciderOf: (streamId: string) => AnyDecider, extra: object) {
    const states = new Map<string, unknown>();
    const types = new Map<string, number>();
    for (const d of decisions) {
      const decider = deciderOf(d.streamId);
      const before = states.has(d.streamId) ? states.get(d.streamId) : decider.initialState;
      const first = d.records[0]!;
      at.position = first.position;
      const ctx = { now: first.recordedAt, today: d.today, actor: d.actor, correlationId: 'check', ...extra };
      const decided = decider.decide(d.command, before, ctx as never);
      expect({ stream: d.streamId, events: decided }).toEqual({
        stream: d.streamId,
        events: d.records.map((r) => ({ type: r.type, data: r.data })),
      });
      states.set(
        d.streamId,
        d.records.reduce((s, e) => decider.evolve(s, e as never), before),
      );
      for (const r of d.records) types.set(r.type, (types.get(r.type) ?? 0) + 1);
    }
    return types;
  }

  it('every certification event is what the certification deciders decide for its command', () => {
    const decisions = run.decisions.filter((d) => d.db === 'certification');
    expect(run.certification.filter((r) => r.type === 'HnteCancelled')).toEqual([]);
    expect(decisions.reduce((n, d) => n + d.records.length, 0)).toBe(run.certification.length);
    const ports = certificationPorts();
    const types = redecide(decisions, (id) => certificationDecider(id, ports), {});
    expect([...types.keys()].sort()).toEqual(
      [
        'CertificateNumberAssigned',
        'CountyRecommended',
        'ExpertEnlisted',
        'ExpertScoreRecorded',
        'HnteApplicationDeclined',
        'HnteApplicationDrafted',
        'HnteApplicationEdited',
        'HnteApplicationResubmitted',
        'HnteApplicationReturned',
        'HnteApplicationSubmitted',
        'HnteApplicationWithdrawn',
        'HnteBatchOpened',
        'HnteCertified',
        'HnteObjectionLodged',
        'HnteObjectionResolved',
        'HntePublicNoticeClosed',
        'HntePublicNoticeOpened',
        'PanelDrawn',
        'ReviewConcluded',
      ].sort(),
    );
  });

  it('reaches every application status; certificates are numbered without gaps and ≈ 1/3 of evaluations apply', () => {
    const seen = new Set<string>();
    for (const [id, events] of byStream(run.certification)) {
      if (!HNTE_APPLICATION_STREAM.parse(id)) continue;
      let s: ApplicationState = initialApplicationState;
      for (const e of events) {
        s = evolveApplication(s, e as never);
        seen.add(s!.status);
      }
    }
    expect([...seen].sort()).toEqual(
      [
        'approved',
        'declined',
        'draft',
        'in_notice',
        'recommended',
        'rejected',
        'returned',
        'review_failed',
        'review_passed',
        'submitted',
        'under_review',
        'withdrawn',
      ].sort(),
    );
    const count = (t: string) => run.certification.filter((r) => r.type === t).length;
    expect(count('HnteApplicationDrafted') / spec.area.evaluations).toBeGreaterThan(0.28);
    expect(count('HnteApplicationDrafted') / spec.area.evaluations).toBeLessThan(0.38);
    const numbers = run.certification
      .filter((r) => r.type === 'CertificateNumberAssigned')
      .map((r) => (r.data as { serial: number }).serial);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(count('HnteCertified')).toBe(numbers.length);
  });

  it('every subsidy event is what the subsidy deciders decide, on facts that are stored events', () => {
    const decisions = run.decisions.filter((d) => d.db === 'subsidy');
    expect(decisions.reduce((n, d) => n + d.records.length, 0)).toBe(run.subsidy.length);
    const versions = new Map<string, PolicyVersionData[]>();
    for (const [, events] of byStream(run.subsidy).entries())
      if (events[0]!.type === 'PolicyVersionPublished') {
        const s = fold(policyDecider as never, events) as { versions: PolicyVersionData[] };
        versions.set(s.versions[0]!.policyId, s.versions);
      }
    const stored = new Map([...run.assessment, ...run.certification].map((r) => [r.eventId, r]));
    for (const d of decisions) {
      const c = d.command as { type: string; fact?: AwardFact };
      if (c.type !== 'CalculateAward') continue;
      const source = stored.get(c.fact!.eventId);
      expect(source?.type).toBe(c.fact!.kind === 'sme-entry' ? 'SmeEntered' : 'HnteCertified');
      expect(source?.data).toMatchObject({ uscc: c.fact!.uscc });
    }
    const types = redecide(decisions, subsidyDecider, {
      policyVersions: (id: string) => versions.get(id) ?? [],
    });
    expect([...types.keys()].sort()).toEqual(
      [
        'BudgetAllocated',
        'EntitlementCalculated',
        'PolicyVersionPublished',
        'ShareApproved',
        'ShareDisbursed',
        'ShareReduced',
      ].sort(),
    );
    const entries = run.assessment.filter((r) => r.type === 'SmeEntered').length;
    const certificates = run.certification.filter((r) => r.type === 'HnteCertified').length;
    // One entitlement per award policy (two per entry, two per certificate: city and county).
    expect(types.get('EntitlementCalculated')).toBe(2 * entries + 2 * certificates);
  });
});
