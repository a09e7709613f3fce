import { noticeClosableOn, noticeOpenOn } from '@peiyu/policy';
import type { AddWorkingDays, CampaignParams, RecomputeDeadline } from './context';
import type { DomainError } from '@peiyu/contracts';
import type { Decider } from '@peiyu/eventstore';
import { refuse, type AssessmentRefusal } from './errors';
import type { EvaluationStatus } from './evaluation-state';
import type { BatchEvent } from './events';
import { type Batch, type BatchState, entriesToNumber, evolveBatch, initialBatchState } from './batch-state';
import { formatRegistrationNumber, provinceOf, type SequenceBlock } from './registration-number';
import { selectSpotCheckSample } from './spot-check';

/** What the batch decider needs to know of an evaluation: its view (evaluation stream + item batch events). */
export interface EvaluationItemView {
  evaluationId: string;
  uscc: string;
  year: number;
  status: EvaluationStatus;
  /** The enterprise's current county. */
  countyCode: string;
  /** Flagged for an on-site check (by the county, or its data trigger a flag): always in the spot-check sample. */
  onSiteFlagged?: boolean;
}

export interface BatchContext {
  today: string;
  evaluation(evaluationId: string): EvaluationItemView | null;
  campaign(provinceCode: string, year: number): CampaignParams | null;
  addWorkingDays: AddWorkingDays;
  recomputeDeadline: RecomputeDeadline;
  /** The province's registration-number template (see registration-number.ts). */
  registrationNumberFormat(provinceCode: string): string;
  /** Needed only to close: numbers reserved for this batch's province and year (size: entriesToNumber). */
  sequenceBlock?: SequenceBlock;
}

export type BatchCommand =
  | {
      type: 'AddToBatch';
      batchId: string;
      provinceCode: string;
      year: number;
      evaluationIds: readonly string[];
    }
  | { type: 'OpenPublicNotice' }
  | {
      type: 'LodgeObjection';
      objectionId: string;
      evaluationId: string;
      summary: string;
      /** Present when anyone lodged it through the public 公示 form (real name and contact required). */
      objector?: { name: string; contact: string };
    }
  | { type: 'ResolveObjection'; objectionId: string; outcome: 'upheld' | 'dismissed'; finding: string }
  | { type: 'ClosePublicNotice' }
  /** System command after a calendar publication: recount a provisional notice end. */
  | { type: 'RecomputeNoticeEnd'; calendarYear: number; calendarReference: string }
  | {
      type: 'RecordSpotCheck';
      evaluationId: string;
      selection: 'random' | 'flagged';
      outcome: 'passed' | 'failed' | 'materials_not_provided';
      findings: string;
    };

function conflict(code: AssessmentRefusal, message: string): DomainError {
  return refuse('conflict', code, message);
}

function requireCampaign(b: Pick<Batch, 'provinceCode' | 'year'>, ctx: BatchContext): CampaignParams {
  const year = b.year;
  const c = ctx.campaign(b.provinceCode, year);
  if (!c) throw conflict('no_campaign', `no evaluation campaign is configured for ${year}`);
  return c;
}

function addItem(
  batch: BatchState,
  c: Extract<BatchCommand, { type: 'AddToBatch' }>,
  ctx: BatchContext,
  id: string,
) {
  const v = ctx.evaluation(id);
  if (!v) throw refuse('not_found', 'no_evaluation', `no evaluation ${id}`, 'evaluationIds');
  if (provinceOf(v.countyCode) !== c.provinceCode) {
    throw refuse(
      'invalid',
      'other_province',
      `evaluation ${id} belongs to another province`,
      'evaluationIds',
    );
  }
  if (v.year !== c.year) {
    throw refuse('invalid', 'other_year', `evaluation ${id} is for campaign ${v.year}`, 'evaluationIds');
  }
  if (batch?.items.some((i) => i.evaluationId === id))
    throw conflict('already_in_batch', `${id} is in this batch`);
  // Only items the county passed (and the province has not sent back) can be batched.
  if (v.status !== 'forwarded') {
    throw conflict(
      'not_forwarded',
      `evaluation ${id} is ${v.status}; only items forwarded by the county can be batched`,
    );
  }
  return { evaluationId: id, uscc: v.uscc, countyCode: v.countyCode };
}

function add(
  batch: BatchState,
  c: Extract<BatchCommand, { type: 'AddToBatch' }>,
  ctx: BatchContext,
): BatchEvent[] {
  if (batch && batch.status !== 'forming') {
    throw conflict(
      'notice_already_opened',
      `batch ${batch.batchId} is ${batch.status}: items can no longer be added`,
    );
  }
  if (batch && (batch.provinceCode !== c.provinceCode || batch.year !== c.year)) {
    throw refuse(
      'invalid',
      'batch_mismatch',
      `batch ${batch.batchId} is ${batch.provinceCode}/${batch.year}`,
    );
  }
  const ids = [...new Set(c.evaluationIds)];
  if (ids.length === 0 || ids.length !== c.evaluationIds.length) {
    throw refuse('invalid', 'bad_item_list', 'give at least one evaluation, each once', 'evaluationIds');
  }
  const items = ids.map((id) => addItem(batch, c, ctx, id));
  const data = { batchId: c.batchId, provinceCode: c.provinceCode, year: c.year, addedOn: ctx.today, items };
  return [{ type: 'AddedToBatch', data }];
}

function open(b: Batch, ctx: BatchContext): BatchEvent[] {
  if (b.status !== 'forming')
    throw conflict('notice_already_opened', `the notice of ${b.batchId} was already opened`);
  const workingDays = requireCampaign(b, ctx).noticeWorkingDays;
  // The window's last day: the n-th working day after opening (the opening day itself is not counted).
  const end = ctx.addWorkingDays(ctx.today, workingDays);
  const data = {
    batchId: b.batchId,
    openedOn: ctx.today,
    endsOn: end.date,
    workingDays,
    provisional: end.provisional,
    calendarReferences: end.calendarReferences,
  };
  return [{ type: 'PublicNoticeOpened', data }];
}

/** people-and-places.md: after a publication a provisional notice end is recounted; it only moves later. */
function recomputeEnd(
  b: Batch,
  c: Extract<BatchCommand, { type: 'RecomputeNoticeEnd' }>,
  ctx: BatchContext,
): BatchEvent[] {
  if (b.status !== 'in_notice' || !b.notice?.provisional) return [];
  const { openedOn, workingDays, endsOn } = b.notice;
  const r = ctx.recomputeDeadline({ startOn: openedOn, workingDays, dueOn: endsOn });
  if (!r.moved) return [];
  const data = {
    batchId: b.batchId,
    previousEndsOn: endsOn,
    endsOn: r.dueOn,
    calendarYear: c.calendarYear,
    calendarReference: c.calendarReference,
    movedOn: ctx.today,
    provisional: r.provisional,
  };
  return [{ type: 'PublicNoticeEndMoved', data }];
}

function lodge(
  b: Batch,
  c: Extract<BatchCommand, { type: 'LodgeObjection' }>,
  ctx: BatchContext,
): BatchEvent[] {
  // Objections are accepted through the last day of the notice (policy noticeOpenOn).
  if (b.status !== 'in_notice' || !b.notice || !noticeOpenOn(b.notice, ctx.today)) {
    const when = b.notice ? `${b.notice.openedOn}..${b.notice.endsOn}` : 'not opened';
    throw conflict('outside_notice_window', `objections are taken only during the public notice (${when})`);
  }
  if (b.objections.some((o) => o.objectionId === c.objectionId)) {
    throw conflict('duplicate_objection', `objection ${c.objectionId} is already recorded`);
  }
  const item = b.items.find((i) => i.evaluationId === c.evaluationId);
  if (!item) throw refuse('not_found', 'not_in_batch', `${c.evaluationId} is not in this batch`);
  if (item.status === 'rejected') throw conflict('item_rejected', `${c.evaluationId} was already rejected`);
  const data = {
    batchId: b.batchId,
    objectionId: c.objectionId,
    evaluationId: c.evaluationId,
    summary: c.summary,
  };
  if (c.objector) {
    return [{ type: 'PublicObjectionLodged', data: { ...data, lodgedOn: ctx.today, objector: c.objector } }];
  }
  return [{ type: 'ObjectionLodged', data: { ...data, lodgedOn: ctx.today } }];
}

function resolve(
  b: Batch,
  c: Extract<BatchCommand, { type: 'ResolveObjection' }>,
  ctx: BatchContext,
): BatchEvent[] {
  const o = b.objections.find((x) => x.objectionId === c.objectionId);
  if (!o) throw refuse('not_found', 'no_objection', `no objection ${c.objectionId} in this batch`);
  if (o.outcome !== 'open')
    throw conflict('objection_resolved', `objection ${c.objectionId} was ${o.outcome}`);
  const data = {
    batchId: b.batchId,
    objectionId: o.objectionId,
    evaluationId: o.evaluationId,
    outcome: c.outcome,
  };
  return [{ type: 'ObjectionResolved', data: { ...data, resolvedOn: ctx.today, finding: c.finding } }];
}

function sequenceFor(b: Batch, needed: number, ctx: BatchContext): SequenceBlock | null {
  if (needed === 0) return null;
  const s = ctx.sequenceBlock;
  if (!s || s.provinceCode !== b.provinceCode || s.year !== b.year || s.count < needed || s.first < 1) {
    throw refuse(
      'invalid',
      'sequence_block_required',
      `closing needs ${needed} registration numbers reserved for ${b.provinceCode}/${b.year}`,
    );
  }
  return s;
}

function close(b: Batch, ctx: BatchContext): BatchEvent[] {
  if (b.status !== 'in_notice' || !b.notice)
    throw conflict('notice_not_open', `batch ${b.batchId} is ${b.status}`);
  // A 公示 closes only after its last day (today > endsOn): the last day is a full day for objections.
  if (!noticeClosableOn(b.notice.endsOn, ctx.today)) {
    throw conflict(
      'notice_not_ended',
      `the public notice runs until ${b.notice.endsOn} inclusive: it can close from the day after`,
    );
  }
  const open = b.objections.filter((o) => o.outcome === 'open');
  if (open.length > 0) {
    const ids = open.map((o) => o.objectionId).join(', ');
    throw conflict('objection_unresolved', `every objection must be resolved before closing: ${ids} open`);
  }
  const pending = b.items.filter((i) => i.status === 'pending');
  const block = sequenceFor(b, entriesToNumber(b), ctx);
  const validUntil = requireCampaign(b, ctx).entryValidUntil;
  const template = ctx.registrationNumberFormat(b.provinceCode);
  const entries: BatchEvent[] = pending.map((i, k) => ({
    type: 'SmeEntered',
    data: {
      batchId: b.batchId,
      evaluationId: i.evaluationId,
      uscc: i.uscc,
      year: b.year,
      countyCode: i.countyCode,
      registrationNumber: formatRegistrationNumber(template, {
        year: b.year,
        countyCode: i.countyCode,
        seq: (block?.first ?? 0) + k,
      }),
      enteredOn: ctx.today,
      validUntil,
    },
  }));
  const closed: BatchEvent = {
    type: 'PublicNoticeClosed',
    data: {
      batchId: b.batchId,
      closedOn: ctx.today,
      entered: pending.map((i) => i.evaluationId),
      rejected: b.items.filter((i) => i.status === 'rejected').map((i) => i.evaluationId),
    },
  };
  return [closed, ...entries];
}

function spotCheck(
  b: Batch,
  c: Extract<BatchCommand, { type: 'RecordSpotCheck' }>,
  ctx: BatchContext,
): BatchEvent[] {
  const item = b.items.find((i) => i.evaluationId === c.evaluationId);
  if (!item) throw refuse('not_found', 'not_in_batch', `${c.evaluationId} is not in this batch`);
  if (item.status !== 'entered')
    throw conflict('not_entered', `spot checks are of entered items; ${item.status}`);
  // tech-sme.md workflow 8: the sample is ≥ 5 % of the batch at random (at least one) plus every flagged case,
  // drawn deterministically from the batch id; a result for an item outside the drawn sample is refused.
  const sample = spotCheckSampleOf(b, ctx);
  if (!sample.random.includes(c.evaluationId) && !sample.flagged.includes(c.evaluationId)) {
    throw conflict(
      'not_in_sample',
      `${c.evaluationId} is not in the drawn sample (${[...sample.flagged, ...sample.random].join(', ')})`,
    );
  }
  if (b.spotChecks.some((s) => s.evaluationId === c.evaluationId)) {
    throw conflict('already_checked', `a spot check of ${c.evaluationId} is already recorded`);
  }
  const data = {
    batchId: b.batchId,
    evaluationId: item.evaluationId,
    uscc: item.uscc,
    checkedOn: ctx.today,
    selection: c.selection,
    outcome: c.outcome,
    findings: c.findings,
  };
  return [{ type: 'SpotCheckRecorded', data }];
}

/** The spot-check sample of a batch's entered items, flagged ones from the ctx's evaluation views. */
export function spotCheckSampleOf(
  b: Batch,
  ctx: Pick<BatchContext, 'evaluation'>,
): { random: string[]; flagged: string[] } {
  const entered = b.items.filter((i) => i.status === 'entered').map((i) => i.evaluationId);
  const flagged = entered.filter((id) => ctx.evaluation(id)?.onSiteFlagged === true);
  return selectSpotCheckSample(entered, b.batchId, { flagged });
}

/** decide for a provincial batch: (command, state, ctx) → events, or a DomainError naming the rule. Pure. */
export function decideBatch(command: BatchCommand, state: BatchState, ctx: BatchContext): BatchEvent[] {
  if (command.type === 'AddToBatch') return add(state, command, ctx);
  if (!state) throw refuse('not_found', 'no_batch', 'no such batch');
  switch (command.type) {
    case 'OpenPublicNotice':
      return open(state, ctx);
    case 'LodgeObjection':
      return lodge(state, command, ctx);
    case 'ResolveObjection':
      return resolve(state, command, ctx);
    case 'ClosePublicNotice':
      return close(state, ctx);
    case 'RecordSpotCheck':
      return spotCheck(state, command, ctx);
    case 'RecomputeNoticeEnd':
      return recomputeEnd(state, command, ctx);
  }
}

/**
 * The provincial batch aggregate. For ClosePublicNotice the ctx carries the `sequenceBlock` reserved for
 * `entriesToNumber(state)` numbers (the decider asks for it with `sequence_block_required`).
 */
export const batchDecider: Decider<BatchState, BatchCommand, BatchEvent, BatchContext> = {
  initialState: initialBatchState,
  evolve: evolveBatch,
  decide: decideBatch,
};
