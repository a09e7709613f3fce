import { accessDecision, type Principal } from '@peiyu/service-kit';
import { SUBSIDY_ACCESS, SUBSIDY_SCOPE, type SubsidyAction } from './access';

const USCC = '91410402MA9G5K2X8R';
const who = (role: Principal['role'], region?: string, uscc?: string): Principal => ({
  sub: 'x',
  role,
  ...(region ? { region } : {}),
  ...(uscc ? { uscc } : {}),
});
const decide = (p: Principal, action: SubsidyAction, regionCode = '410402', uscc = USCC) =>
  accessDecision(p, action, { uscc, regionCode }, SUBSIDY_ACCESS, SUBSIDY_SCOPE);

describe('subsidy access table (role × region)', () => {
  it('lets an enterprise read and apply for its own entitlements only', () => {
    const e = who('enterprise', '410402', USCC);
    expect(decide(e, 'read_entitlements')).toBe('allow');
    expect(decide(e, 'apply_rd')).toBe('allow');
    expect(decide(e, 'read_entitlements', '410402', '91410402MA9G5K2X9T')).toBe('not_found');
    expect(decide(e, 'manage_ledger')).toBe('role_not_allowed');
    expect(decide(e, 'what_if')).toBe('role_not_allowed');
  });

  it('scopes bureaus and finance by region; a city never covers a 省直管县', () => {
    expect(decide(who('finance', '410400'), 'read_entitlements')).toBe('allow');
    expect(decide(who('finance', '410400'), 'read_entitlements', '410482')).toBe('outside_region');
    expect(decide(who('finance', '410000'), 'read_entitlements', '410482')).toBe('allow');
    expect(decide(who('county_reviewer', '410402'), 'verify_rd')).toBe('allow');
    expect(decide(who('county_reviewer', '410403'), 'verify_rd')).toBe('outside_region');
    expect(decide(who('city_reviewer', '410400'), 'verify_rd')).toBe('role_not_allowed');
  });

  it('keeps budgets, approvals and payments to finance, and publication to admin and finance', () => {
    expect(SUBSIDY_ACCESS.manage_ledger).toEqual(['finance']);
    expect(SUBSIDY_ACCESS.publish_policy).toEqual(['admin', 'finance']);
    expect(decide(who('auditor', '410000'), 'read_ledgers')).toBe('allow');
    expect(decide(who('province_reviewer', '410000'), 'read_ledgers')).toBe('role_not_allowed');
    expect(SUBSIDY_ACCESS.export_lists).toEqual(['finance', 'auditor', 'admin']);
    expect(decide(who('enterprise', '410402', USCC), 'export_lists')).toBe('role_not_allowed');
    expect(decide(who('city_reviewer', '410400'), 'export_lists')).toBe('role_not_allowed');
  });
});
