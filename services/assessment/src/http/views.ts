import { maskContactText, maskName } from '@peiyu/service-kit';
import type { Batch, Evaluation, Objection } from '../domain';
import { selectSpotCheckSample } from '../domain';

/** The evaluation as the API shows it: its own stream plus the batch outcome, with the stream version. */
export function evaluationView(e: Evaluation, version: number) {
  return {
    evaluationId: e.evaluationId,
    uscc: e.uscc,
    year: e.year,
    status: e.status,
    form: e.form,
    submissions: e.submissions,
    submittedOn: e.submittedOn,
    dueOn: e.dueOn,
    // people-and-places.md: a due date counted through a year without the official arrangement says so
    dueOnProvisional: e.dueOn !== null && (e.due?.provisional ?? false),
    countyCode: e.countyCode,
    ruleSetId: e.ruleSetId,
    score: e.score,
    validHnteCertificate: e.validHnteCertificate,
    onSiteCheckSuggested: e.onSiteCheckSuggested,
    onSiteCheck: e.onSiteCheck,
    corrections: e.corrections,
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
export function batchView(b: Batch, version: number, flagged: readonly string[] = []) {
  const entered = b.items.filter((i) => i.status === 'entered').map((i) => i.evaluationId);
  return {
    ...b,
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
