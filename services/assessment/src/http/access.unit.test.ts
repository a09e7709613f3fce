import { accessDecision, type AccessDecision, type AccessTarget, type Principal } from '@peiyu/service-kit';
import type { AssessmentAction } from '../domain';
import { USCC_A, USCC_B, WEIDONG, XINHUA, YUEYANGLOU } from '../domain/test-support/fixtures';
import { ASSESSMENT_ACCESS, ASSESSMENT_SCOPE } from './access';

type Subject = Omit<Principal, 'sub'>;
const ent: Subject = { role: 'enterprise', region: XINHUA, uscc: USCC_A };
const county: Subject = { role: 'county_reviewer', region: XINHUA };
const city: Subject = { role: 'city_reviewer', region: '410400' };
const province: Subject = { role: 'province_reviewer', region: '410000' };
const otherProvince: Subject = { role: 'province_reviewer', region: '430000' };
const auditor: Subject = { role: 'auditor', region: '410000' };

const own: AccessTarget = { uscc: USCC_A, regionCode: XINHUA };
const neighbour: AccessTarget = { uscc: USCC_B, regionCode: WEIDONG };
const hunan: AccessTarget = { uscc: USCC_B, regionCode: YUEYANGLOU };
const ruzhou: AccessTarget = { uscc: USCC_B, regionCode: '410482' }; // 汝州市: 省直管县
const henanBatch: AccessTarget = { regionCode: '410000' };

describe('assessment access: role × region × action, through the kit’s one rule', () => {
  it.each<[string, Subject, AssessmentAction, AccessTarget | null, AccessDecision]>([
    ['enterprise drafts its own', ent, 'draft', own, 'allow'],
    ['enterprise submits its own', ent, 'submit', own, 'allow'],
    ['enterprise withdraws its own', ent, 'withdraw', own, 'allow'],
    ['enterprise reads its own', ent, 'read', own, 'allow'],
    ['enterprise reads another enterprise’s', ent, 'read', neighbour, 'not_found'],
    ['enterprise withdraws another enterprise’s', ent, 'withdraw', neighbour, 'not_found'],
    ['enterprise reviews its own', ent, 'review', own, 'role_not_allowed'],
    ['enterprise closes a notice', ent, 'close_notice', henanBatch, 'not_found'],
    ['enterprise asks for a missing item', ent, 'read', null, 'not_found'],
    ['county reviews its county', county, 'review', own, 'allow'],
    ['county flags its county', county, 'flag_on_site_check', own, 'allow'],
    ['county requests revocation in its county', county, 'request_revocation', own, 'allow'],
    ['county reviews another county', county, 'review', neighbour, 'outside_region'],
    ['county reads another county', county, 'read', neighbour, 'outside_region'],
    ['county submits for an enterprise', county, 'submit', own, 'role_not_allowed'],
    ['county revokes', county, 'revoke', own, 'role_not_allowed'],
    ['county forms a batch', county, 'add_to_batch', henanBatch, 'role_not_allowed'],
    ['county reviews a missing item', county, 'review', null, 'not_found'],
    ['city reads a county of its city', city, 'read', neighbour, 'allow'],
    ['city reviews', city, 'review', own, 'role_not_allowed'],
    ['city reads another province', city, 'read', hunan, 'outside_region'],
    ['province sends back in its province', province, 'send_back', neighbour, 'allow'],
    ['province closes its batch', province, 'close_notice', henanBatch, 'allow'],
    ['province revokes in its province', province, 'revoke', own, 'allow'],
    ['province records a spot check', province, 'record_spot_check', henanBatch, 'allow'],
    ['province revokes in another province', province, 'revoke', hunan, 'outside_region'],
    ['another province closes the batch', otherProvince, 'close_notice', henanBatch, 'outside_region'],
    ['province does the county review', province, 'review', own, 'role_not_allowed'],
    ['province drafts for an enterprise', province, 'draft', own, 'role_not_allowed'],
    ['auditor reads in its region', auditor, 'read', own, 'allow'],
    ['auditor writes', auditor, 'revoke', own, 'role_not_allowed'],
    ['expert reads', { role: 'expert', region: XINHUA }, 'read', own, 'role_not_allowed'],
    ['finance reads', { role: 'finance', region: '410000' }, 'read', own, 'role_not_allowed'],
    ['admin reads anywhere', { role: 'admin' }, 'read', hunan, 'allow'],
    ['admin revokes', { role: 'admin' }, 'revoke', hunan, 'role_not_allowed'],
    ['city reads a 省直管县 whose code starts with its own', city, 'read', ruzhou, 'outside_region'],
    [
      'auditor of the city reads a 省直管县',
      { role: 'auditor', region: '410400' },
      'read',
      ruzhou,
      'outside_region',
    ],
    ['province reads a 省直管县 of its province', province, 'read', ruzhou, 'allow'],
  ])('%s → %s', (_l, subject, action, target, decision) => {
    const principal: Principal = { sub: 't', ...subject };
    expect(accessDecision(principal, action, target, ASSESSMENT_ACCESS, ASSESSMENT_SCOPE)).toBe(decision);
  });
});
