import { authorize, type AssessmentAction, type AuthDecision, type Subject, type Target } from './authorize';
import { USCC_A, USCC_B, WEIDONG, XINHUA, YUEYANGLOU } from './test-support/fixtures';

const ent: Subject = { role: 'enterprise', uscc: USCC_A };
const county: Subject = { role: 'county_reviewer', region: XINHUA };
const city: Subject = { role: 'city_reviewer', region: '410400' };
const province: Subject = { role: 'province_reviewer', region: '410000' };
const otherProvince: Subject = { role: 'province_reviewer', region: '430000' };
const auditor: Subject = { role: 'auditor', region: '410000' };

const own: Target = { uscc: USCC_A, divisionCode: XINHUA };
const neighbour: Target = { uscc: USCC_B, divisionCode: WEIDONG };
const hunan: Target = { uscc: USCC_B, divisionCode: YUEYANGLOU };
const henanBatch: Target = { divisionCode: '410000' };

describe('authorisation table: role × region × action', () => {
  it.each<[string, Subject, AssessmentAction, Target | null, AuthDecision]>([
    ['enterprise drafts its own', ent, 'draft', own, 'allow'],
    ['enterprise submits its own', ent, 'submit', own, 'allow'],
    ['enterprise withdraws its own', ent, 'withdraw', own, 'allow'],
    ['enterprise reads its own', ent, 'read', own, 'allow'],
    ['enterprise reads another enterprise’s', ent, 'read', neighbour, 'not_found'],
    ['enterprise withdraws another enterprise’s', ent, 'withdraw', neighbour, 'not_found'],
    ['enterprise reviews its own', ent, 'review', own, 'forbidden'],
    ['enterprise closes a notice', ent, 'close_notice', henanBatch, 'not_found'],
    ['enterprise asks for a missing item', ent, 'read', null, 'not_found'],
    ['county reviews its county', county, 'review', own, 'allow'],
    ['county flags its county', county, 'flag_on_site_check', own, 'allow'],
    ['county requests revocation in its county', county, 'request_revocation', own, 'allow'],
    ['county reviews another county', county, 'review', neighbour, 'forbidden'],
    ['county reads another county', county, 'read', neighbour, 'forbidden'],
    ['county submits for an enterprise', county, 'submit', own, 'forbidden'],
    ['county revokes', county, 'revoke', own, 'forbidden'],
    ['county forms a batch', county, 'add_to_batch', henanBatch, 'forbidden'],
    ['county reviews a missing item', county, 'review', null, 'not_found'],
    ['city reads a county of its city', city, 'read', neighbour, 'allow'],
    ['city reviews', city, 'review', own, 'forbidden'],
    ['city reads another province', city, 'read', hunan, 'forbidden'],
    ['province sends back in its province', province, 'send_back', neighbour, 'allow'],
    ['province closes its batch', province, 'close_notice', henanBatch, 'allow'],
    ['province revokes in its province', province, 'revoke', own, 'allow'],
    ['province records a spot check', province, 'record_spot_check', henanBatch, 'allow'],
    ['province revokes in another province', province, 'revoke', hunan, 'forbidden'],
    ['another province closes the batch', otherProvince, 'close_notice', henanBatch, 'forbidden'],
    ['province does the county review', province, 'review', own, 'forbidden'],
    ['province drafts for an enterprise', province, 'draft', own, 'forbidden'],
    ['auditor reads in its region', auditor, 'read', own, 'allow'],
    ['auditor writes', auditor, 'revoke', own, 'forbidden'],
    ['expert reads', { role: 'expert', region: XINHUA }, 'read', own, 'forbidden'],
    ['finance reads', { role: 'finance', region: '410000' }, 'read', own, 'forbidden'],
    ['admin reads anywhere', { role: 'admin' }, 'read', hunan, 'allow'],
    ['admin revokes', { role: 'admin' }, 'revoke', hunan, 'forbidden'],
  ])('%s → %s', (_l, subject, action, target, decision) => {
    expect(authorize(subject, action, target)).toBe(decision);
  });
});
