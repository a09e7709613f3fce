import type { Role } from '@peiyu/contracts';

/**
 * Who may do what to which item (people-and-places.md): the enterprise acts on its own USCC only, a county
 * reviewer on enterprises of its county, a province reviewer within its province; city reviewers and auditors
 * read within their region. Another enterprise's evaluation is answered as missing, so its existence stays
 * private; other out-of-scope attempts are forbidden (and logged by the shell).
 */
export type AssessmentAction =
  | 'draft'
  | 'update'
  | 'submit'
  | 'withdraw'
  | 'read'
  | 'review'
  | 'flag_on_site_check'
  | 'request_revocation'
  | 'send_back'
  | 'add_to_batch'
  | 'open_notice'
  | 'lodge_objection'
  | 'resolve_objection'
  | 'close_notice'
  | 'revoke'
  | 'record_spot_check';

export type AuthDecision = 'allow' | 'forbidden' | 'not_found';

export interface Subject {
  role: Role;
  /** The division the account serves (county, city or province code); none for an enterprise. */
  region?: string;
  /** The enterprise's own USCC (enterprise accounts). */
  uscc?: string;
}

/** The item acted on: an evaluation (its enterprise and current county) or a batch (its province code). */
export interface Target {
  uscc?: string;
  divisionCode: string;
}

const ENTERPRISE: readonly AssessmentAction[] = ['draft', 'update', 'submit', 'withdraw', 'read'];
const COUNTY: readonly AssessmentAction[] = ['read', 'review', 'flag_on_site_check', 'request_revocation'];
const PROVINCE: readonly AssessmentAction[] = [
  'read',
  'send_back',
  'add_to_batch',
  'open_notice',
  'lodge_objection',
  'resolve_objection',
  'close_notice',
  'revoke',
  'record_spot_check',
];

/** The action table: role → actions it may take at all (scope is checked separately). */
export const ACTIONS_BY_ROLE: Readonly<Record<Role, readonly AssessmentAction[]>> = {
  enterprise: ENTERPRISE,
  county_reviewer: COUNTY,
  city_reviewer: ['read'],
  province_reviewer: PROVINCE,
  expert: [],
  finance: [],
  auditor: ['read'],
  admin: ['read'],
};

/** Whether `code` lies within `region`: a province PP0000 covers PP…, a city PPCC00 covers PPCC…, else exact. */
export function withinRegion(region: string, code: string): boolean {
  if (/^\d{2}0000$/.test(region)) return code.startsWith(region.slice(0, 2));
  if (/^\d{4}00$/.test(region)) return code.startsWith(region.slice(0, 4));
  return code === region;
}

function inScope(subject: Subject, target: Target): boolean {
  switch (subject.role) {
    case 'admin':
      return true;
    case 'county_reviewer':
      // A county reviewer acts on items of its own county; a batch (province code) is never its county.
      return subject.region === target.divisionCode;
    default:
      return subject.region !== undefined && withinRegion(subject.region, target.divisionCode);
  }
}

export function authorize(subject: Subject, action: AssessmentAction, target: Target | null): AuthDecision {
  if (subject.role === 'enterprise') {
    // Anything not its own is "not found": an enterprise must not learn whether another one applied.
    if (!target || !target.uscc || target.uscc !== subject.uscc) return 'not_found';
    return ENTERPRISE.includes(action) ? 'allow' : 'forbidden';
  }
  if (!ACTIONS_BY_ROLE[subject.role].includes(action)) return 'forbidden';
  if (!target) return 'not_found';
  return inScope(subject, target) ? 'allow' : 'forbidden';
}
