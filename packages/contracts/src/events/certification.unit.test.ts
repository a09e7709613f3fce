import {
  CERTIFICATION_ALL_EVENTS,
  CERTIFICATION_EVENTS,
  hnteApplicationStreamId,
  hnteEnterpriseStreamId,
  hnteExpertPoolStreamId,
  hnteRegisterStreamId,
} from './certification';
import { allEvents } from './index';

const uscc = '91430602MA4L0XY71B';
const App = { applicationId: 'a1', batchId: '43-2022-1', uscc };
const form = {
  financials: [
    {
      year: 2021,
      salesRevenue: 30_000_000_00,
      totalRevenue: 31_000_000_00,
      cost: 20_000_000_00,
      rdExpenseDomestic: 1_800_000_00,
      rdExpenseAbroad: 0,
      totalAssets: 50_000_000_00,
      liabilities: 20_000_000_00,
      highTechRevenue: 25_000_000_00,
      conversions: 3,
    },
  ],
  employees: 80,
  techStaff: 20,
  ipItems: [
    {
      kind: 'utility_model',
      number: 'ZL202120000001.1',
      ipClass: 'II',
      acquiredBy: 'own_rd',
      inForce: true,
      coreSupport: true,
    },
  ],
  rdProjects: [{ code: 'RD01', title: '新型材料研发', budget: 500_000_00, year: 2021 }],
  field: 'new_materials',
  selfStatement: '企业研发组织管理情况说明',
  auditReports: ['audit/rd-2021.pdf'],
  majorIncidentLastYear: false,
};

describe('certification events', () => {
  it('names the four kinds of stream', () => {
    expect(hnteRegisterStreamId('430000', 2022)).toBe('hnte-register-430000-2022');
    expect(hnteExpertPoolStreamId('430000')).toBe('hnte-expert-pool-430000');
    expect(hnteApplicationStreamId('43-2022-1', uscc)).toBe(`hnte-application-43-2022-1-${uscc}`);
    expect(hnteEnterpriseStreamId(uscc)).toBe(`hnte-enterprise-${uscc}`);
  });

  it('registers every definition once and keeps the validity list to the validity types', () => {
    const r = allEvents();
    for (const d of CERTIFICATION_ALL_EVENTS) expect(r.types()).toContain(d.type);
    expect(new Set(CERTIFICATION_EVENTS.map((d) => d.type))).toEqual(
      new Set(['HnteCertified', 'HnteCancelled', 'CertificateExpired']),
    );
    expect(r.latestVersion('HnteCertified')).toBe(2);
    expect(r.latestVersion('HnteCancelled')).toBe(2);
  });

  it('decodes a draft and refuses fractional fen, an unknown field and an unknown IP acquisition', () => {
    const r = allEvents();
    const data = { ...App, form, draftedOn: '2022-05-10' };
    expect(r.decode({ type: 'HnteApplicationDrafted', schemaVersion: 1, data }).data).toEqual(data);
    const fin = [{ ...form.financials[0], salesRevenue: 1.5 }];
    expect(() =>
      r.decode({
        type: 'HnteApplicationDrafted',
        schemaVersion: 1,
        data: { ...data, form: { ...form, financials: fin } },
      }),
    ).toThrow(/salesRevenue/);
    expect(() =>
      r.decode({
        type: 'HnteApplicationDrafted',
        schemaVersion: 1,
        data: { ...data, form: { ...form, field: 'electronic-information' } },
      }),
    ).toThrow(/field/);
    const ip = [{ ...form.ipItems[0], acquiredBy: 'licence' }];
    expect(() =>
      r.decode({
        type: 'HnteApplicationDrafted',
        schemaVersion: 1,
        data: { ...data, form: { ...form, ipItems: ip } },
      }),
    ).toThrow(/acquiredBy/);
  });

  it('requires a comment per returned section and at least one section', () => {
    const r = allEvents();
    const base = { ...App, returnedOn: '2022-06-01' };
    const ok = { ...base, items: [{ section: 'audit_reports', comment: '缺研发费用专项审计报告' }] };
    expect(r.decode({ type: 'HnteApplicationReturned', schemaVersion: 1, data: ok }).data).toEqual(ok);
    expect(() =>
      r.decode({
        type: 'HnteApplicationReturned',
        schemaVersion: 1,
        data: { ...base, items: [{ section: 'audit_reports', comment: ' ' }] },
      }),
    ).toThrow(/comment/);
    expect(() =>
      r.decode({ type: 'HnteApplicationReturned', schemaVersion: 1, data: { ...base, items: [] } }),
    ).toThrow(/items/);
  });

  it('keeps the review average exact and refuses a decimal', () => {
    const r = allEvents();
    const trace = { ruleSetId: 'hnte-2016-32', legalReference: '32号', steps: [] };
    const data = {
      ...App,
      concludedOn: '2022-08-01',
      average: '351/5',
      technicalAverage: '61',
      financialAverage: '46/5',
      experts: [{ expertId: 'x1', role: 'technical', total: 61 }],
      scorePassed: true,
      unmetConditions: [],
      passed: true,
      ruleSetId: 'hnte-2016-32',
      trace,
    };
    expect(r.decode({ type: 'ReviewConcluded', schemaVersion: 1, data }).data).toEqual(data);
    expect(() =>
      r.decode({ type: 'ReviewConcluded', schemaVersion: 1, data: { ...data, average: '70.2' } }),
    ).toThrow(/average/);
  });

  it('records the draw so it can be redone: seed as hex, pool hash as SHA-256', () => {
    const r = allEvents();
    const data = {
      ...App,
      drawnOn: '2022-07-01',
      algorithm: 'sha256-ctr-v1',
      seed: '00112233445566778899aabbccddeeff',
      pool: { snapshotId: 'hnte-expert-pool-430000@12', hash: 'a'.repeat(64), size: 12 },
      field: 'new_materials',
      members: [{ expertId: 'x1', role: 'technical' }],
      excluded: [{ expertId: 'x9', reason: 'declared_relation' }],
    };
    expect(r.decode({ type: 'PanelDrawn', schemaVersion: 1, data }).data).toEqual(data);
    expect(() =>
      r.decode({ type: 'PanelDrawn', schemaVersion: 1, data: { ...data, seed: 'not-hex' } }),
    ).toThrow(/seed/);
  });

  it('upcasts HnteCancelled v1 to v2 with the effective year and no reason', () => {
    const v1 = {
      uscc,
      certificateNumber: 'GR202243000007',
      ground: 'annual_reports_missed',
      effectiveFrom: '2024-01-01',
      decidedOn: '2025-07-01',
    };
    expect(allEvents().decode({ type: 'HnteCancelled', schemaVersion: 1, data: v1 })).toEqual({
      type: 'HnteCancelled',
      schemaVersion: 2,
      data: { ...v1, effectiveYear: 2024, reason: null },
    });
  });

  it('refuses an HnteCertified v2 of an unknown kind, and accepts a moving-in one without application', () => {
    const r = allEvents();
    const data = {
      uscc,
      certificateNumber: 'GR202243000007',
      field: 'new_materials',
      issuedOn: '2022-12-01',
      validUntil: '2025-11-30',
      kind: 'moving_in',
      latestYearRevenue: null,
      countyCode: '430602',
      provinceCode: '430000',
      applicationId: null,
      ruleSetId: 'hnte-2016-32',
    };
    expect(r.decode({ type: 'HnteCertified', schemaVersion: 2, data }).data).toEqual(data);
    expect(() =>
      r.decode({ type: 'HnteCertified', schemaVersion: 2, data: { ...data, kind: 'renewal' } }),
    ).toThrow(/kind/);
  });
});
