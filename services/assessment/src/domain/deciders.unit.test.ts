import { batchDecider, evaluationDecider, type EvaluationPorts } from './deciders';
import { DEFAULT_REGISTRATION_NUMBER_FORMAT } from './registration-number';
import type { EvaluationEvent, ItemBatchEvent } from './events';
import {
  campaign2025,
  evaluationCtx,
  goodForm,
  realAddWorkingDays,
  USCC_A,
  XINHUA,
} from './test-support/fixtures';

const item = { evaluationId: 'ev-1', uscc: USCC_A, countyCode: XINHUA };
const batchEvents: ItemBatchEvent[] = [
  {
    type: 'AddedToBatch',
    data: { batchId: 'b1', provinceCode: '410000', year: 2025, addedOn: '2025-09-24', items: [item] },
  },
  {
    type: 'SmeEntered',
    data: {
      batchId: 'b1',
      ...item,
      year: 2025,
      registrationNumber: '202541000001',
      enteredOn: '2025-10-16',
      validUntil: '2026-03-31',
    },
  },
];

function ports(itemEvents: ItemBatchEvent[]): EvaluationPorts {
  const { today: _today, ...rest } = evaluationCtx();
  return { ...rest, itemBatchEvents: (id) => (id === 'ev-1' ? itemEvents : []) };
}

function stream(d: ReturnType<typeof evaluationDecider>): EvaluationEvent[] {
  const out: EvaluationEvent[] = [];
  const run = (c: Parameters<typeof d.decide>[0], today: string) =>
    out.push(...d.decide(c, out.reduce(d.evolve, d.initialState), { today }));
  run(
    { type: 'DraftSmeEvaluation', evaluationId: 'ev-1', uscc: USCC_A, year: 2025, form: goodForm },
    '2025-09-01',
  );
  run({ type: 'SubmitSmeEvaluation' }, '2025-09-02');
  run(
    {
      type: 'ReviewFormally',
      checklist: (
        ['form_complete', 'consistent_with_evidence', 'signed_and_sealed', 'no_other_problem'] as const
      ).map((i) => ({ item: i, passed: true })),
    },
    '2025-09-03',
  );
  return out;
}

describe('eventstore-shaped deciders', () => {
  it('decides on the evaluation stream with the batch outcome folded in', () => {
    const revoke = { type: 'RevokeEntry', ground: 'serious_fraud', reason: '虚报' } as const;
    const d = evaluationDecider(ports(batchEvents));
    const own = stream(d);
    const state = own.reduce(d.evolve, d.initialState);
    expect(state?.status).toBe('forwarded');
    expect(d.decide(revoke, state, { today: '2025-12-01' })[0]).toMatchObject({
      type: 'SmeEntryRevoked',
      data: { registrationNumber: '202541000001', fraud: true },
    });
    // without the batch stream's facts the same stream is merely forwarded: no entry to revoke
    const blind = evaluationDecider(ports([]));
    expect(() => blind.decide(revoke, state, { today: '2025-12-01' })).toThrow(/forwarded/);
  });

  it('keeps a revocation folded from the stream when the batch outcome is folded after it', () => {
    const d = evaluationDecider(ports(batchEvents));
    const own = stream(d);
    const revoked = d.decide(
      { type: 'RevokeEntry', ground: 'no_longer_qualified', reason: '规模超标' },
      own.reduce(d.evolve, null),
      {
        today: '2025-12-01',
      },
    );
    const all = [...own, ...revoked].reduce(d.evolve, null);
    expect(() =>
      d.decide({ type: 'RevokeEntry', ground: 'serious_fraud', reason: 'x' }, all, { today: '2025-12-02' }),
    ).toThrow(/revoked/);
  });

  it('binds the batch ports, including the reserved sequence block', () => {
    const d = batchDecider({
      evaluation: () => ({ ...item, year: 2025, status: 'forwarded' }),
      campaign: () => campaign2025,
      addWorkingDays: realAddWorkingDays,
      registrationNumberFormat: () => DEFAULT_REGISTRATION_NUMBER_FORMAT,
      sequenceBlock: { provinceCode: '410000', year: 2025, first: 7, count: 1 },
    });
    let s = d.initialState;
    for (const [c, today] of [
      [
        { type: 'AddToBatch', batchId: 'b1', provinceCode: '410000', year: 2025, evaluationIds: ['ev-1'] },
        '2025-09-24',
      ],
      [{ type: 'OpenPublicNotice' }, '2025-09-26'],
    ] as const) {
      s = d.decide(c, s, { today }).reduce(d.evolve, s);
    }
    expect(d.decide({ type: 'ClosePublicNotice' }, s, { today: '2025-10-16' })[1]).toHaveProperty(
      'data.registrationNumber',
      '202541000007',
    );
  });
});
