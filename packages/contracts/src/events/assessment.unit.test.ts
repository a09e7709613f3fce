import {
  ASSESSMENT_BATCH_TOPIC,
  ASSESSMENT_EVALUATION_TOPIC,
  smeBatchStreamId,
  smeEvaluationStreamId,
} from './assessment';
import { allEvents } from './index';

const uscc = '91410402MA9G5K2X8R';
const form = {
  employees: 40,
  techStaff: 12,
  salesRevenue: 30_000_000_00,
  totalAssets: 20_000_000_00,
  rdExpense: 2_000_000_00,
  totalCostExpense: 25_000_000_00,
  ipClassI: 1,
  ipClassII: 0,
  evidence: ['evidence/form.pdf'],
};

describe('assessment events', () => {
  it('names the two topics and stream ids', () => {
    expect(ASSESSMENT_EVALUATION_TOPIC).toBe('peiyu.assessment.sme-evaluation.v1');
    expect(ASSESSMENT_BATCH_TOPIC).toBe('peiyu.assessment.batch.v1');
    expect(smeEvaluationStreamId(uscc, 2025)).toBe(`sme-evaluation-${uscc}-2025`);
    expect(smeBatchStreamId('41-2025-01')).toBe('sme-batch-41-2025-01');
  });

  it('decodes a draft and refuses a self-declared HNTE certificate or fractional fen', () => {
    const r = allEvents();
    const data = { evaluationId: 'e1', uscc, year: 2025, form, draftedOn: '2025-03-01' };
    expect(r.decode({ type: 'SmeEvaluationDrafted', schemaVersion: 1, data }).data).toEqual(data);
    const hnte = { ...form, direct: { validHnteCertificate: true } };
    expect(() =>
      r.decode({ type: 'SmeEvaluationDrafted', schemaVersion: 1, data: { ...data, form: hnte } }),
    ).toThrow(/validHnteCertificate/);
    const cents = { ...form, rdExpense: 100.5 };
    expect(() =>
      r.decode({ type: 'SmeEvaluationDrafted', schemaVersion: 1, data: { ...data, form: cents } }),
    ).toThrow(/rdExpense/);
  });

  it('requires a comment per failed checklist item and at least one failed item', () => {
    const r = allEvents();
    const base = { evaluationId: 'e1', uscc, year: 2025, reviewedOn: '2025-03-05' };
    const ok = { ...base, failedItems: [{ item: 'signed_and_sealed', comment: '缺公章' }] };
    expect(r.decode({ type: 'ReturnedForCorrection', schemaVersion: 1, data: ok }).data).toEqual(ok);
    expect(() =>
      r.decode({
        type: 'ReturnedForCorrection',
        schemaVersion: 1,
        data: { ...base, failedItems: [{ item: 'signed_and_sealed', comment: '  ' }] },
      }),
    ).toThrow(/comment/);
    expect(() =>
      r.decode({ type: 'ReturnedForCorrection', schemaVersion: 1, data: { ...base, failedItems: [] } }),
    ).toThrow(/failedItems/);
  });

  it('decodes an entry and an objection outcome, refusing unknown outcomes', () => {
    const r = allEvents();
    const entered = {
      batchId: 'b1',
      evaluationId: 'e1',
      uscc,
      year: 2025,
      countyCode: '410402',
      registrationNumber: '202541000001',
      enteredOn: '2025-10-20',
      validUntil: '2026-03-31',
    };
    expect(r.decode({ type: 'SmeEntered', schemaVersion: 1, data: entered }).data).toEqual(entered);
    const resolved = {
      batchId: 'b1',
      objectionId: 'o1',
      evaluationId: 'e1',
      outcome: 'upheld',
      resolvedOn: '2025-10-15',
      finding: '核实属实',
    };
    expect(r.decode({ type: 'ObjectionResolved', schemaVersion: 1, data: resolved }).data).toEqual(resolved);
    expect(() =>
      r.decode({ type: 'ObjectionResolved', schemaVersion: 1, data: { ...resolved, outcome: 'maybe' } }),
    ).toThrow(/outcome/);
  });
});
