import { Writable } from 'node:stream';
import { exampleUscc } from '@peiyu/policy';
import {
  accessDecision,
  createLogger,
  ForbiddenError,
  NotFoundError,
  type AccessDecision,
  type AccessTarget,
  type Principal,
} from '@peiyu/service-kit';
import {
  authoriseApplicationAccess,
  CERTIFICATION_ACCESS,
  CERTIFICATION_SCOPE,
  type CertificationAction,
} from './access';

type Subject = Omit<Principal, 'sub'>;
const YUEYANGLOU = '430602';
const YUNXI = '430603';
const USCC_A = exampleUscc(YUEYANGLOU, 1);
const USCC_B = exampleUscc(YUNXI, 2);
const ent: Subject = { role: 'enterprise', region: YUEYANGLOU, uscc: USCC_A };
const county: Subject = { role: 'county_reviewer', region: YUEYANGLOU };
const city: Subject = { role: 'city_reviewer', region: '430600' };
const province: Subject = { role: 'province_reviewer', region: '430000' };
const henan: Subject = { role: 'province_reviewer', region: '410000' };
const auditor: Subject = { role: 'auditor', region: '430000' };
const admin: Subject = { role: 'admin' };

const own: AccessTarget = { uscc: USCC_A, regionCode: YUEYANGLOU };
const neighbour: AccessTarget = { uscc: USCC_B, regionCode: YUNXI };
const hunan: AccessTarget = { regionCode: '430000' };

describe('certification access: role × region × action, through the kit’s one rule', () => {
  it.each<[string, Subject, CertificationAction, AccessTarget | null, AccessDecision]>([
    ['enterprise applies for itself', ent, 'apply', own, 'allow'],
    ['enterprise files its annual report', ent, 'file_annual_report', own, 'allow'],
    ['enterprise reports a major change', ent, 'report_change', own, 'allow'],
    ['enterprise reads another’s application', ent, 'read_application', neighbour, 'not_found'],
    ['enterprise recommends itself', ent, 'county_review', own, 'role_not_allowed'],
    ['enterprise opens a batch', ent, 'open_batch', hunan, 'not_found'],
    ['county recommends in its county', county, 'county_review', own, 'allow'],
    ['county recommends in another county', county, 'county_review', neighbour, 'outside_region'],
    ['county proposes a cancellation in its county', county, 'propose_cancellation', own, 'allow'],
    ['county cancels', county, 'cancel', own, 'role_not_allowed'],
    ['county draws a panel', county, 'draw_panel', own, 'role_not_allowed'],
    ['county applies for an enterprise', county, 'apply', own, 'role_not_allowed'],
    ['city reads an application of its city', city, 'read_application', neighbour, 'allow'],
    ['city recommends', city, 'county_review', own, 'role_not_allowed'],
    ['province opens a batch of its province', province, 'open_batch', hunan, 'allow'],
    ['province manages its pool', province, 'manage_pool', hunan, 'allow'],
    ['province draws a panel', province, 'draw_panel', own, 'allow'],
    ['province runs the 公示', province, 'run_notice', own, 'allow'],
    ['province certifies', province, 'certify', own, 'allow'],
    ['province cancels', province, 'cancel', own, 'allow'],
    ['province scores', province, 'score', own, 'role_not_allowed'],
    ['another province opens a batch here', henan, 'open_batch', hunan, 'outside_region'],
    ['another province certifies here', henan, 'certify', own, 'outside_region'],
    ['auditor reads the pool', auditor, 'read_pool', hunan, 'allow'],
    ['auditor certifies', auditor, 'certify', own, 'role_not_allowed'],
    ['admin opens a batch anywhere', admin, 'open_batch', hunan, 'allow'],
    ['admin certifies', admin, 'certify', own, 'role_not_allowed'],
    [
      'finance reads an application',
      { role: 'finance', region: '430000' },
      'read_application',
      own,
      'role_not_allowed',
    ],
  ])('%s → %s', (_what, subject, action, target, expected) => {
    const principal = { sub: 'someone', ...subject } as Principal;
    expect(accessDecision(principal, action, target, CERTIFICATION_ACCESS, CERTIFICATION_SCOPE)).toBe(
      expected,
    );
  });
});

describe('experts: only the applications whose panel names them', () => {
  const logger = createLogger('test', {}, new Writable({ write: (_c, _e, done) => done() }));
  const as = (sub: string): Principal => ({ sub, role: 'expert' });
  const check = (p: Principal, action: CertificationAction, panel: string[]) => () =>
    authoriseApplicationAccess(logger, p, action, own, panel, 'application');

  it('reads and scores an application on its panel', () => {
    expect(check(as('t1'), 'read_application', ['t1', 'f1'])).not.toThrow();
    expect(check(as('t1'), 'score', ['t1', 'f1'])).not.toThrow();
  });
  it('gets "not found" for an application it is not assigned to (its existence stays private)', () => {
    expect(check(as('t9'), 'read_application', ['t1', 'f1'])).toThrow(NotFoundError);
    expect(check(as('t9'), 'score', [])).toThrow(NotFoundError);
  });
  it('cannot take a province action even on its own panel', () => {
    expect(check(as('t1'), 'conclude_review', ['t1'])).toThrow(ForbiddenError);
  });
});
