import { decideBatch, type BatchCommand, type BatchContext } from './batch-decide';
import { entriesToNumber, evolveBatch, type BatchState } from './batch-state';
import { decideEvaluation, type EvaluationCommand } from './evaluation-decide';
import { evolveEvaluation, type EvaluationState } from './evaluation-state';
import type { BatchEvent, EvaluationEvent, ItemBatchEvent } from './events';
import { itemView } from './queries';
import { DEFAULT_REGISTRATION_NUMBER_FORMAT, type SequenceBlock } from './registration-number';
import {
  campaign2025,
  checkContract,
  evaluationCtx,
  goodForm,
  realAddWorkingDays,
  realRecomputeDeadline,
  USCC_A,
  USCC_B,
  XINHUA,
} from './test-support/fixtures';

/**
 * The story at the domain level, both aggregates together, with a tiny in-memory "shell": streams as
 * arrays, the batch's item events routed to the evaluation views, and an atomic counter for numbers.
 */
describe('tech-SME workflow across the evaluation and batch deciders', () => {
  const streams = new Map<string, Array<EvaluationEvent | ItemBatchEvent>>();
  let batch: BatchEvent[] = [];
  let counter = 0;
  const evalState = (id: string): EvaluationState => (streams.get(id) ?? []).reduce(evolveEvaluation, null);
  const onEvaluation = (id: string, c: EvaluationCommand, today: string): EvaluationEvent[] => {
    const events = decideEvaluation(c, evalState(id), evaluationCtx({ today }));
    checkContract(events);
    streams.set(id, [...(streams.get(id) ?? []), ...events]);
    return events;
  };
  const batchCtx = (today: string, sequenceBlock?: SequenceBlock): BatchContext => ({
    today,
    evaluation: (id) => {
      const e = evalState(id);
      return e ? itemView(e, XINHUA) : null;
    },
    campaign: (_p, y) => (y === 2025 ? campaign2025 : null),
    addWorkingDays: realAddWorkingDays,
    recomputeDeadline: realRecomputeDeadline,
    registrationNumberFormat: () => DEFAULT_REGISTRATION_NUMBER_FORMAT,
    ...(sequenceBlock ? { sequenceBlock } : {}),
  });
  const onBatch = (c: BatchCommand, today: string, block?: SequenceBlock): BatchEvent[] => {
    const state: BatchState = batch.reduce(evolveBatch, null);
    const events = decideBatch(c, state, batchCtx(today, block));
    checkContract(events);
    batch = [...batch, ...events];
    // route item events to the evaluation views (what the shell's projection does)
    for (const e of events) {
      if (e.type === 'AddedToBatch') for (const i of e.data.items) streams.get(i.evaluationId)?.push(e);
      if (e.type === 'ObjectionResolved' || e.type === 'SmeEntered')
        streams.get(e.data.evaluationId)?.push(e);
    }
    return events;
  };
  const ITEMS = [
    'form_complete',
    'consistent_with_evidence',
    'signed_and_sealed',
    'no_other_problem',
  ] as const;
  const review = (sealed: boolean): EvaluationCommand => ({
    type: 'ReviewFormally',
    checklist: ITEMS.map((item) => ({
      item,
      passed: sealed || item !== 'signed_and_sealed',
      comment: '未盖章',
    })),
  });

  it('runs draft → return → resubmit → pass → batch → notice → objections → close → entered', () => {
    onEvaluation(
      'ev-a',
      { type: 'DraftSmeEvaluation', evaluationId: 'ev-a', uscc: USCC_A, year: 2025, form: goodForm },
      '2025-09-01',
    );
    onEvaluation(
      'ev-b',
      { type: 'DraftSmeEvaluation', evaluationId: 'ev-b', uscc: USCC_B, year: 2025, form: goodForm },
      '2025-09-01',
    );
    onEvaluation('ev-a', { type: 'SubmitSmeEvaluation' }, '2025-09-02');
    onEvaluation('ev-b', { type: 'SubmitSmeEvaluation' }, '2025-09-02');
    expect(onEvaluation('ev-a', review(false), '2025-09-03')[0]?.type).toBe('ReturnedForCorrection');
    onEvaluation('ev-a', { type: 'SubmitSmeEvaluation' }, '2025-09-04');
    onEvaluation('ev-a', review(true), '2025-09-05');
    onEvaluation('ev-b', review(true), '2025-09-05');

    onBatch(
      {
        type: 'AddToBatch',
        batchId: 'b1',
        provinceCode: '410000',
        year: 2025,
        evaluationIds: ['ev-a', 'ev-b'],
      },
      '2025-09-24',
    );
    expect(onBatch({ type: 'OpenPublicNotice' }, '2025-09-26')[0]).toHaveProperty(
      'data.endsOn',
      '2025-10-16',
    );
    onBatch(
      { type: 'LodgeObjection', objectionId: 'o1', evaluationId: 'ev-a', summary: '专利权属存疑' },
      '2025-10-09',
    );
    onBatch(
      { type: 'LodgeObjection', objectionId: 'o2', evaluationId: 'ev-b', summary: '职工人数不实' },
      '2025-10-10',
    );
    onBatch(
      { type: 'ResolveObjection', objectionId: 'o1', outcome: 'dismissed', finding: '权属清楚' },
      '2025-10-13',
    );
    onBatch(
      { type: 'ResolveObjection', objectionId: 'o2', outcome: 'upheld', finding: '人数虚报' },
      '2025-10-14',
    );
    expect(() => onBatch({ type: 'ClosePublicNotice' }, '2025-10-16')).toThrow(/runs until 2025-10-16/);

    const needed = entriesToNumber(batch.reduce(evolveBatch, null));
    const block = { provinceCode: '410000', year: 2025, first: counter + 1, count: needed };
    counter += needed;
    onBatch({ type: 'ClosePublicNotice' }, '2025-10-17', block);

    expect(evalState('ev-a')).toMatchObject({
      status: 'entered',
      submissions: 2,
      entry: { registrationNumber: '202541000001', enteredOn: '2025-10-17', validUntil: '2026-03-31' },
    });
    expect(evalState('ev-b')).toMatchObject({ status: 'rejected', entry: null });
    expect(evalState('ev-a')?.history.map((h) => h.status)).toEqual([
      'draft',
      'submitted',
      'returned',
      'submitted',
      'forwarded',
      'batched',
      'entered',
    ]);
    expect(batch.map((e) => e.type)).toEqual([
      'AddedToBatch',
      'PublicNoticeOpened',
      'ObjectionLodged',
      'ObjectionLodged',
      'ObjectionResolved',
      'ObjectionResolved',
      'PublicNoticeClosed',
      'SmeEntered',
    ]);
  });
});
