import type { WorkingDayCalendar } from '@peiyu/policy';
import { maskContactText, maskName } from '@peiyu/service-kit';
import type { Batch, Evaluation, Objection } from '../domain';
import {
  BATCH_STATUS_LABELS,
  CHECKLIST_LABELS,
  entryStateFields,
  EVALUATION_STATUS_LABELS,
  ON_SITE_REASON_LABELS,
} from './labels';
import { selectSpotCheckSample } from '../domain';

/**
 * The evaluation as the API shows it: its own stream plus the batch outcome, with the stream version; codes with
 * their Chinese labels, and the entry's state on `today` (an entry past its validity is `expired`).
 */
export function evaluationView(e: Evaluation, version: number, today: string, calendar?: YearSources) {
  return {
    evaluationId: e.evaluationId,
    uscc: e.uscc,
    year: e.year,
    status: e.status,
    statusLabel: EVALUATION_STATUS_LABELS[e.status],
    ...entryStateFields(e, today),
    form: e.form,
    submissions: e.submissions,
    submittedOn: e.submittedOn,
    dueOn: e.dueOn,
    // people-and-places.md: a due date counted through a year without the official arrangement says so
    dueOnProvisional:
      e.dueOn !== null && !!e.due && stillProvisional(e.due.provisional, e.due.startOn, e.dueOn, calendar),
    countyCode: e.countyCode,
    ruleSetId: e.ruleSetId,
    score: e.score,
    validHnteCertificate: e.validHnteCertificate,
    onSiteCheckSuggested: e.onSiteCheckSuggested,
    onSiteCheckSuggestedLabels: e.onSiteCheckSuggested.map((r) => ON_SITE_REASON_LABELS[r]),
    onSiteCheck: e.onSiteCheck,
    corrections: e.corrections.map((c) => ({
      ...c,
      itemLabel: CHECKLIST_LABELS[c.item as keyof typeof CHECKLIST_LABELS] ?? c.item,
    })),
    batchId: e.batchId,
    registrationNumber: e.entry?.registrationNumber ?? null,
    validUntil: e.entry?.validUntil ?? null,
    entry: e.entry,
    revocationRequest: e.revocationRequest,
    revocation: e.revocation,
    history: e.history,
    version,
  };
}

/** The batch with the spot-check sample the province is offered once entries exist (≥ 5%, seeded by id). */
export function batchView(
  b: Batch,
  version: number,
  flagged: readonly string[] = [],
  calendar?: YearSources,
) {
  const entered = b.items.filter((i) => i.status === 'entered').map((i) => i.evaluationId);
  return {
    ...b,
    statusLabel: BATCH_STATUS_LABELS[b.status],
    notice: noticeView(b.notice, calendar),
    objections: b.objections.map((o) => objectionView(o)),
    // ≥ 5 % at random (at least one) plus every flagged item: the only items a spot-check result is taken for
    spotCheckSample: entered.length > 0 ? selectSpotCheckSample(entered, b.batchId, { flagged }) : null,
    version,
  };
}

/**
 * An objection as every list and batch read shows it: a public objector's name and contact masked (PIPL); the
 * full text is only on the province's logged single-objection read.
 */
export function objectionView(o: Objection, reveal = false) {
  if (!o.objector || reveal) return o;
  return {
    ...o,
    objector: { name: maskName(o.objector.name), contact: maskContactText(o.objector.contact) },
  };
}

type YearSources = Pick<WorkingDayCalendar, 'yearSource'>;

/**
 * Whether a deadline counted provisionally still rests on a provisional year. Once every year from its start to
 * its date has the official arrangement, the date is firm: the recount after the publication either moved it
 * (ReviewDueDateMoved / PublicNoticeEndMoved, recorded non-provisional) or left it where it was — the same day
 * under the official calendar, or a later day than the official count, which is kept (never shortened). Without
 * a calendar, the recorded flag.
 */
export function stillProvisional(
  recorded: boolean,
  from: string,
  to: string,
  calendar?: YearSources,
): boolean {
  if (!recorded || !calendar) return recorded;
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    if (calendar.yearSource(y).provisional) return true;
  }
  return false;
}

/** The 公示 window as responses show it, its `provisional` flag as of the calendar in force. */
export function noticeView(notice: Batch['notice'], calendar?: YearSources): Batch['notice'] {
  if (!notice) return notice;
  return {
    ...notice,
    provisional: stillProvisional(notice.provisional, notice.openedOn, notice.endsOn, calendar),
  };
}
