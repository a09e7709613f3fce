import type { HnteApplicationForm } from '@peiyu/contracts';
import type { Application, ApplicationState, ApplicationStatus } from './application-state';
import { yearOf } from './dates';
import { refuse } from './errors';
import type { ApplicationPorts, BatchView, EnterpriseView } from './ports';

/** Shared checks of the application decider; each refusal names its rule. */

export function current(state: ApplicationState): Application {
  if (!state)
    throw refuse('not_found', 'no_application', 'no application exists for this enterprise and batch');
  return state;
}

export function requireStatus(a: Application, allowed: readonly ApplicationStatus[], action: string): void {
  if (allowed.includes(a.status)) return;
  throw refuse(
    'conflict',
    a.status === 'withdrawn' ? 'application_withdrawn' : 'wrong_status',
    `cannot ${action} an application that is ${a.status}; allowed only when ${allowed.join(' or ')}`,
  );
}

export function batchOf(batchId: string, ports: ApplicationPorts): BatchView {
  const b = ports.batch(batchId);
  if (!b) throw refuse('not_found', 'no_batch', `no HNTE batch ${batchId}`, 'batchId');
  return b;
}

/** Applications are accepted only within the batch's window (both days included). */
export function withinWindow(b: BatchView, today: string): void {
  if (today < b.applicationOpensOn || today > b.applicationClosesOn) {
    throw refuse(
      'conflict',
      'outside_window',
      `batch ${b.title} accepts applications from ${b.applicationOpensOn} to ${b.applicationClosesOn}; today is ${today}`,
    );
  }
}

export function liveEnterprise(uscc: string, b: BatchView, ports: ApplicationPorts): EnterpriseView {
  const ent = ports.enterprise(uscc);
  if (!ent) throw refuse('not_found', 'enterprise_not_registered', `no enterprise ${uscc} is registered`);
  if (ent.status !== 'active')
    throw refuse('conflict', 'enterprise_deregistered', `enterprise ${uscc} is deregistered`);
  // 32号: recognition is by the body of the province where the enterprise is registered.
  if (ent.divisionCode.slice(0, 2) !== b.provinceCode.slice(0, 2)) {
    throw refuse(
      'conflict',
      'wrong_province',
      `enterprise ${uscc} is registered in ${ent.divisionCode}, outside province ${b.provinceCode} of batch ${b.batchId}`,
    );
  }
  return ent;
}

/** A cancelled enterprise cannot apply again in the year of the cancellation (hnte.md §7). */
export function notCancelledThisYear(
  uscc: string,
  b: BatchView,
  today: string,
  ports: ApplicationPorts,
): void {
  const c = ports
    .cancellations(uscc)
    .find((x) => yearOf(x.decidedOn) === yearOf(today) || yearOf(x.decidedOn) === b.year);
  if (c) {
    throw refuse(
      'conflict',
      'cancelled_this_year',
      `the HNTE status (${c.certificateNumber}) was cancelled on ${c.decidedOn}: no new application in ${yearOf(c.decidedOn)}`,
    );
  }
}

const CLASS_I_KINDS = new Set([
  'invention_patent',
  'defence_patent',
  'new_plant_variety',
  'national_crop_variety',
  'national_new_drug',
  'tcm_protected_variety',
  'ic_layout_design',
]);

/**
 * IP items: each listed once, in the class its kind belongs to, and a Class II item only if no other
 * application ever used it (195号: Ⅱ类知识产权在申请高新技术企业时仅限使用一次). A withdrawn application never
 * supported a decision, so it releases its items.
 */
export function checkIpItems(
  a: Pick<Application, 'applicationId'>,
  form: HnteApplicationForm,
  ports: ApplicationPorts,
): void {
  const seen = new Set<string>();
  for (const item of form.ipItems) {
    const key = `${item.kind}:${item.number}`;
    if (seen.has(key)) {
      throw refuse(
        'invalid',
        'ip_item_duplicate',
        `IP item ${item.kind} ${item.number} is listed twice`,
        'form.ipItems',
      );
    }
    seen.add(key);
    const expected = item.kind === 'other' ? item.ipClass : CLASS_I_KINDS.has(item.kind) ? 'I' : 'II';
    if (item.ipClass !== expected) {
      throw refuse(
        'invalid',
        'ip_class_mismatch',
        `IP item ${item.kind} ${item.number} is Class ${expected}, not Class ${item.ipClass}`,
        'form.ipItems',
      );
    }
    if (item.ipClass !== 'II') continue;
    const earlier = ports
      .ipClaims(item.kind, item.number)
      .find((c) => c.applicationId !== a.applicationId && c.status !== 'withdrawn');
    if (earlier) {
      throw refuse(
        'conflict',
        'ip_item_used',
        `Class II IP item ${item.kind} ${item.number} already supported application ${earlier.applicationId} ` +
          `(batch ${earlier.batchId}); a Class II item may support only one HNTE application`,
        'form.ipItems',
      );
    }
  }
}
