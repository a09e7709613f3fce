import { allEvents, hnteExpertPoolStreamId } from '@peiyu/contracts';
import { fold, type DecisionContext, type Decider, type DomainEvent } from '@peiyu/eventstore';
import { applicationDecider, type ApplicationCommand } from './application';
import { enterpriseHnteDecider, type EnterpriseHnteCommand } from './enterprise-decide';
import type { ApplicationEvent, EnterpriseEvent, ExpertPoolEvent, RegisterEvent } from './events';
import { expertPoolDecider, poolSnapshot, type ExpertPoolCommand } from './expert-pool';
import { drawPanel } from './panel';
import { batchView, registerDecider, type RegisterCommand } from './register';
import { ctxOn } from './test-support/fixtures';
import { enterprise, goodForm, ports as basePorts, USCC } from './test-support/application-fixtures';

/** An in-memory stream: decide on the folded state, append, validate each event against its contract. */
function stream<S, C, E extends DomainEvent>(d: Decider<S, C, E>) {
  const events: E[] = [];
  const registry = allEvents();
  return {
    events,
    state: () => fold(d, events),
    run(c: C, ctx: DecisionContext): E[] {
      const out = d.decide(c, fold(d, events), ctx);
      for (const e of out)
        registry.validate({ type: e.type, schemaVersion: registry.latestVersion(e.type), data: e.data });
      events.push(...out);
      return [...out];
    },
  };
}

const on = (day: string, role = 'province_reviewer') => ctxOn(day, role);
const POOL_ID = hnteExpertPoolStreamId('430000');

describe('an HNTE journey through the four streams', () => {
  it('opens a batch, draws a reproducible panel, certifies with a GR number and follows up', () => {
    const register = stream<ReturnType<typeof registerDecider.evolve>, RegisterCommand, RegisterEvent>(
      registerDecider,
    );
    register.run(
      {
        type: 'OpenHnteBatch',
        batchId: '43-2022-1',
        provinceCode: '430000',
        year: 2022,
        title: '2022年第一批',
        applicationOpensOn: '2022-05-10',
        applicationClosesOn: '2022-06-30',
        recommendationDueOn: '2022-07-15',
        ruleSetId: 'hnte-2016-32',
      },
      on('2022-05-01', 'admin'),
    );

    const pool = stream<ReturnType<typeof expertPoolDecider.evolve>, ExpertPoolCommand, ExpertPoolEvent>(
      expertPoolDecider,
    );
    const org = (name: string) => ({ name, uscc: null });
    for (let i = 1; i <= 6; i++) {
      pool.run(
        {
          type: 'EnlistExpert',
          provinceCode: '430000',
          expertId: `t${i}`,
          name: `技术专家${i}`,
          organisation: org('湖南大学'),
          expertise: { kind: 'technical', fields: ['new_materials'] },
          relations: [],
        },
        on('2022-04-01', 'admin'),
      );
    }
    pool.run(
      {
        type: 'EnlistExpert',
        provinceCode: '430000',
        expertId: 'f1',
        name: '财务专家',
        organisation: org('某会计师事务所'),
        expertise: { kind: 'financial' },
        relations: [{ uscc: USCC, nature: 'advisory' }],
      },
      on('2022-04-01', 'admin'),
    );
    pool.run(
      {
        type: 'EnlistExpert',
        provinceCode: '430000',
        expertId: 'f2',
        name: '财务专家二',
        organisation: org('某会计师事务所'),
        expertise: { kind: 'financial' },
        relations: [],
      },
      on('2022-04-01', 'admin'),
    );

    const ports = {
      ...basePorts(),
      batch: (id: string) => batchView(register.state(), id),
      expertPool: () => poolSnapshot(pool.state(), POOL_ID),
    };
    const app = stream<
      ReturnType<ReturnType<typeof applicationDecider>['evolve']>,
      ApplicationCommand,
      ApplicationEvent
    >(applicationDecider(ports));
    app.run(
      {
        type: 'DraftHnteApplication',
        applicationId: 'app-1',
        batchId: '43-2022-1',
        uscc: USCC,
        form: goodForm,
      },
      on('2022-05-20', 'enterprise'),
    );
    app.run({ type: 'SubmitHnteApplication' }, on('2022-05-21', 'enterprise'));
    app.run({ type: 'RecommendHnteApplication', comment: '材料齐全' }, on('2022-06-10', 'county_reviewer'));
    const [drawn] = app.run(
      { type: 'DrawPanel', seed: '5eed5eed5eed5eed5eed5eed5eed5eed' },
      on('2022-07-20'),
    );
    if (drawn?.type !== 'PanelDrawn') throw new Error('expected PanelDrawn');

    // The auditor: rebuild the pool at the recorded version and redo the draw from the recorded seed.
    const version = Number(drawn.data.pool.snapshotId.split('@')[1]);
    const rebuilt = poolSnapshot(fold(expertPoolDecider, pool.events.slice(0, version)), POOL_ID);
    const redo = drawPanel({
      pool: rebuilt,
      field: drawn.data.field,
      uscc: USCC,
      seed: drawn.data.seed,
      rules: { minExperts: 5, minTechnicalShare: '0.60', minFinancial: 1 },
    });
    expect(redo.members).toEqual(drawn.data.members);
    expect(redo.poolHash).toBe(drawn.data.pool.hash);
    expect(drawn.data.excluded).toEqual([{ expertId: 'f1', reason: 'declared_relation' }]);
    expect(drawn.data.members.find((m) => m.role === 'financial')?.expertId).toBe('f2');

    for (const m of drawn.data.members) {
      const sheet =
        m.role === 'financial'
          ? ({ role: 'financial', netAssetGrowth: 5, salesGrowth: 6 } as const)
          : ({
              role: 'technical',
              ip: { advancement: 7, coreSupport: 7, quantity: 8, acquisition: 5, bonus: 1 },
              conversion: 21,
              organisation: { management: 5, institution: 4, incentives: 3, training: 3 },
            } as const);
      app.run({ type: 'RecordExpertScore', expertId: m.expertId, sheet }, on('2022-07-25', 'expert'));
    }
    const [concluded] = app.run({ type: 'ConcludeReview' }, on('2022-08-01'));
    expect(concluded?.data).toMatchObject({ average: '75', passed: true });
    app.run({ type: 'OpenPublicNotice', noticeId: 'n-43-2022-1' }, on('2022-08-03'));
    app.run(
      {
        type: 'LodgeObjection',
        objectionId: 'o1',
        objectorName: '李四',
        statementRef: 'objections/o1.pdf',
        summary: '高新收入占比存疑',
      },
      on('2022-08-05'),
    );
    app.run(
      {
        type: 'ResolveObjection',
        objectionId: 'o1',
        outcome: 'dismissed',
        finding: '经核实专项审计报告无误',
      },
      on('2022-08-12'),
    );
    app.run({ type: 'ClosePublicNotice' }, on('2022-08-18'));
    expect(app.state()?.status).toBe('approved');

    const [assigned] = register.run(
      {
        type: 'AssignCertificateNumber',
        provinceCode: '430000',
        year: 2022,
        uscc: USCC,
        applicationId: 'app-1',
      },
      on('2022-09-01'),
    );
    if (assigned?.type !== 'CertificateNumberAssigned') throw new Error('expected a number');
    expect(assigned.data.certificateNumber).toBe('GR202243000001');

    const record = stream<
      ReturnType<ReturnType<typeof enterpriseHnteDecider>['evolve']>,
      EnterpriseHnteCommand,
      EnterpriseEvent
    >(
      enterpriseHnteDecider({
        application: (id) => (id === 'app-1' ? app.state() : null),
        enterpriseName: () => enterprise.name,
      }),
    );
    const [cert] = record.run(
      {
        type: 'CertifyHnte',
        uscc: USCC,
        applicationId: 'app-1',
        certificateNumber: assigned.data.certificateNumber,
      },
      on('2022-09-01'),
    );
    expect(cert?.data).toMatchObject({
      kind: 'first',
      issuedOn: '2022-09-01',
      validUntil: '2025-08-31',
      countyCode: '430602',
      provinceCode: '430000',
    });

    record.run(
      {
        type: 'FileAnnualReport',
        reportYear: 2022,
        figures: {
          ipClassI: 1,
          ipClassII: 1,
          employees: 100,
          techStaff: 20,
          rdExpense: 220_000_000,
          salesRevenue: 3_600_000_000,
          totalRevenue: 3_700_000_000,
        },
      },
      on('2023-05-20', 'enterprise'),
    );
    const renamed = record.run(
      {
        type: 'ReportMajorChange',
        change: 'name_change',
        description: '更名',
        changedOn: '2023-07-01',
        stillQualified: true,
        newName: '岳阳新材料科技股份有限公司',
      },
      on('2023-08-01'),
    );
    expect(renamed.map((e) => e.type)).toEqual([
      'MajorChangeReported',
      'CertificateReissued',
      'HnteCertified',
    ]);
    const [cancelled] = record.run(
      {
        type: 'CancelHnte',
        ground: 'major_accident_or_environmental_violation',
        conductYear: 2024,
        reason: '发生重大安全事故',
      },
      on('2024-09-01'),
    );
    expect(cancelled?.data).toMatchObject({ effectiveFrom: '2024-01-01', effectiveYear: 2024 });

    // The cancelled enterprise cannot apply again that year.
    const later = applicationDecider({
      ...ports,
      cancellations: () => record.state().cancellations,
      batch: () => ({
        ...batchView(register.state(), '43-2022-1')!,
        year: 2024,
        applicationOpensOn: '2024-09-01',
        applicationClosesOn: '2024-09-30',
        recommendationDueOn: '2024-10-15',
      }),
    });
    expect(() =>
      later.decide(
        {
          type: 'DraftHnteApplication',
          applicationId: 'app-9',
          batchId: '43-2024-2',
          uscc: USCC,
          form: goodForm,
        },
        null,
        on('2024-09-10', 'enterprise'),
      ),
    ).toThrow(/cancelled on 2024-09-01/);
  });
});
