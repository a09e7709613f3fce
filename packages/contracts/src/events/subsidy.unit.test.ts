import { allEvents } from './index';
import { entitlementStreamId, subsidyLedgerStreamId, subsidyPolicyStreamId } from './subsidy';

const uscc = '91410402MA9G5K2X8R';
const basis = { kind: 'sme-entry', reference: '2024-41-0001', eventId: 'ev-1' };
const calculated = {
  entitlementId: 'tsme-entry-award.city-2024-41-0001',
  uscc,
  countyCode: '410402',
  provinciallyAdministered: false,
  policyId: 'tsme-entry-award/city',
  versionId: 'tsme-entry-award/city-example-2017',
  example: true,
  factDate: '2024-06-01',
  decisionOn: '2024-06-01',
  budgetYear: 2024,
  basis,
  eligible: true,
  reasons: [],
  parameters: [{ name: 'amount', value: 1_000_000, ref: 'example' }],
  inputs: [{ name: 'entered', value: true, sourceEventId: 'ev-1' }],
  trace: {
    ruleSetId: 'v',
    legalReference: 'r',
    steps: [{ rule: 'x', ref: 'r', inputs: {}, values: { a: [1, 'b'] } }],
  },
  amount: 1_000_000,
  shares: { province: 0, city: 1_000_000, county: 0 },
  payers: { province: '410000', city: '410400', county: '410402' },
  budgetRule: { kind: 'pro-rata', ref: 'r' },
  calculatedOn: '2024-06-02',
};
const share = {
  level: 'city',
  regionCode: '410400',
  policyId: 'tsme-entry-award/city',
  budgetYear: 2024,
  entitlementId: calculated.entitlementId,
  uscc,
  countyCode: '410402',
  decisionOn: '2024-06-01',
  factDate: '2024-06-01',
  basis,
};

describe('subsidy events', () => {
  const r = allEvents();
  it('decodes a calculation and refuses shares that do not add up to the amount', () => {
    expect(r.decode({ type: 'EntitlementCalculated', schemaVersion: 1, data: calculated }).data).toEqual(
      calculated,
    );
    const wrong = { ...calculated, shares: { province: 0, city: 999_999, county: 0 } };
    expect(() => r.decode({ type: 'EntitlementCalculated', schemaVersion: 1, data: wrong })).toThrow(
      /shares/,
    );
  });

  it('refuses a reduction that is not below the request', () => {
    const reduced = {
      ...share,
      roundId: 'r1',
      requested: 100,
      approved: 66,
      roundAvailable: 200,
      roundRequested: 300,
      remainderFen: 0,
      remainderRule: 'largest remainder',
      approvedOn: '2024-07-01',
    };
    expect(r.decode({ type: 'ShareReduced', schemaVersion: 1, data: reduced }).data).toEqual(reduced);
    expect(() =>
      r.decode({ type: 'ShareReduced', schemaVersion: 1, data: { ...reduced, approved: 100 } }),
    ).toThrow(/approved/);
  });

  it('refuses a parameter without its reference and a fraction that is not exact text', () => {
    const version = {
      policyId: 'rd-subsidy',
      versionId: 'rd-2018',
      effectiveFrom: '2018-01-01',
      effectiveTo: null,
      legalReference: 'ref',
      funding: { kind: 'shared', province: '0.5', city: '1/5', ref: 'ref' },
      parameters: { tierLimit: { value: 500_000_000, ref: 'ref' } },
      budgetRule: { kind: 'queue-by-decision-date', ref: 'ref' },
      example: true,
      replaces: null,
      publishedOn: '2018-01-01',
    };
    expect(r.decode({ type: 'PolicyVersionPublished', schemaVersion: 1, data: version }).data).toEqual(
      version,
    );
    const noRef = { ...version, parameters: { tierLimit: { value: 1, ref: ' ' } } };
    expect(() => r.decode({ type: 'PolicyVersionPublished', schemaVersion: 1, data: noRef })).toThrow(/ref/);
    const float = { ...version, funding: { ...version.funding, province: '0.5e0' } };
    expect(() => r.decode({ type: 'PolicyVersionPublished', schemaVersion: 1, data: float })).toThrow(
      /province/,
    );
  });

  it('names streams without slashes', () => {
    expect(subsidyPolicyStreamId('hnte-award/city')).toBe('subsidy-policy-hnte-award.city');
    expect(entitlementStreamId('x')).toBe('entitlement-x');
    expect(subsidyLedgerStreamId({ ...share })).toBe('subsidy-ledger-city-410400-tsme-entry-award.city-2024');
  });
});
