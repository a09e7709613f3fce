import type { Role } from '@peiyu/contracts';

/**
 * Who may do what (people-and-places.md): the enterprise acts on its own USCC only, a county reviewer on
 * enterprises of its county, a province reviewer within its province; city reviewers and auditors read within
 * their region. The table below says which actions a role may take at all; the place is checked by
 * service-kit's one scope rule (`authorise`, `listScope`), which also keeps 省直管县 out of a city's scope.
 */
export type AssessmentAction =
  | 'draft'
  | 'update'
  | 'submit'
  | 'withdraw'
  | 'read'
  | 'review'
  | 'flag_on_site_check'
  | 'record_on_site_check'
  | 'request_revocation'
  | 'send_back'
  | 'add_to_batch'
  | 'open_notice'
  | 'lodge_objection'
  | 'resolve_objection'
  | 'read_objector'
  | 'close_notice'
  | 'revoke'
  | 'record_spot_check';

const ENTERPRISE: readonly AssessmentAction[] = ['draft', 'update', 'submit', 'withdraw', 'read'];
const COUNTY: readonly AssessmentAction[] = [
  'read',
  'review',
  'flag_on_site_check',
  'record_on_site_check',
  'request_revocation',
];
const PROVINCE: readonly AssessmentAction[] = [
  'read',
  'send_back',
  'add_to_batch',
  'open_notice',
  'lodge_objection',
  'resolve_objection',
  // an objector's real name and contact (personal information, each read logged)
  'read_objector',
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
