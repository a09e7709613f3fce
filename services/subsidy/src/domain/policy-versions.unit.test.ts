import { deciderSpec } from '@peiyu/eventstore';
import type { PolicyEvent } from './events';
import { policyDecider, type VersionDraft } from './policy-versions';
import { ADMIN, checkContracts, ctxOf, draftOf } from './test-support/fixtures';

const ctx = ctxOf(ADMIN, '2025-01-02');
const spec = deciderSpec(policyDecider);
const rd = draftOf('rd-subsidy');
const rdPublished: PolicyEvent = {
  type: 'PolicyVersionPublished',
  data: { ...rd, replaces: null, publishedOn: '2025-01-02' },
};

describe('policy-version publication', () => {
  it('publishes the example R&D subsidy, marked as an example', () => {
    spec.given([]).when({ type: 'PublishPolicyVersion', version: rd }, ctx).then([rdPublished]);
    checkContracts([rdPublished]);
    expect(rdPublished.data.example).toBe(true);
  });

  it('treats the same version sent again as a retry (no event)', () => {
    spec.given([rdPublished]).when({ type: 'PublishPolicyVersion', version: rd }, ctx).then([]);
  });

  it('closes the open-ended version the day before a later one starts ("null = until replaced")', () => {
    const v2: VersionDraft = { ...rd, versionId: 'rd-2025', effectiveFrom: '2025-01-01', example: false };
    const expected: PolicyEvent = {
      type: 'PolicyVersionPublished',
      data: {
        ...v2,
        replaces: { versionId: rd.versionId, effectiveTo: '2024-12-31' },
        publishedOn: '2025-01-02',
      },
    };
    const outcome = spec.given([rdPublished]).when({ type: 'PublishPolicyVersion', version: v2 }, ctx);
    outcome.then([expected]);
    outcome.thenState({
      versions: [{ ...rdPublished.data, effectiveTo: '2024-12-31' }, expected.data],
    });
  });

  it('refuses a gap between periods, naming policy.gap', () => {
    const closed: PolicyEvent = {
      type: 'PolicyVersionPublished',
      data: { ...rdPublished.data, effectiveTo: '2023-12-31' },
    };
    const v2 = { ...rd, versionId: 'rd-2025', effectiveFrom: '2024-01-02' };
    spec.given([closed]).when({ type: 'PublishPolicyVersion', version: v2 }, ctx).thenRejects('policy.gap');
  });

  it('refuses an overlap, naming policy.overlap', () => {
    const closed: PolicyEvent = {
      type: 'PolicyVersionPublished',
      data: { ...rdPublished.data, effectiveTo: '2023-12-31' },
    };
    const v2 = { ...rd, versionId: 'rd-2025', effectiveFrom: '2023-12-31' };
    spec
      .given([closed])
      .when({ type: 'PublishPolicyVersion', version: v2 }, ctx)
      .thenRejects('policy.overlap');
    // A version starting before the open-ended one is not a replacement: it overlaps too.
    const before = { ...rd, versionId: 'rd-2016', effectiveFrom: '2016-01-01', effectiveTo: null };
    spec
      .given([rdPublished])
      .when({ type: 'PublishPolicyVersion', version: before }, ctx)
      .thenRejects('policy.overlap');
  });

  it('refuses a province share above 50 % and a city share above 20 %, naming policy.funding', () => {
    const over = (province: string, city: string): VersionDraft => ({
      ...rd,
      funding: { kind: 'shared', province, city, ref: 'x' },
    });
    spec
      .given([])
      .when({ type: 'PublishPolicyVersion', version: over('0.51', '0.2') }, ctx)
      .thenRejects('policy.funding');
    spec
      .given([])
      .when({ type: 'PublishPolicyVersion', version: over('0.5', '0.201') }, ctx)
      .thenRejects('policy.funding');
    spec
      .given([])
      .when({ type: 'PublishPolicyVersion', version: over('1/2', '1/5') }, ctx)
      .then([
        {
          type: 'PolicyVersionPublished',
          data: { ...over('1/2', '1/5'), replaces: null, publishedOn: '2025-01-02' },
        },
      ]);
  });

  it('refuses a parameter, the funding or the version without its legal reference', () => {
    const noParamRef = { ...rd, parameters: { ...rd.parameters, rateAbove: { value: '0.05', ref: ' ' } } };
    spec
      .given([])
      .when({ type: 'PublishPolicyVersion', version: noParamRef }, ctx)
      .thenRejects({ code: 'policy.reference', field: 'parameters.rateAbove.ref' });
    spec
      .given([])
      .when({ type: 'PublishPolicyVersion', version: { ...rd, legalReference: '' } }, ctx)
      .thenRejects({ code: 'policy.reference', field: 'legalReference' });
    spec
      .given([])
      .when({ type: 'PublishPolicyVersion', version: { ...rd, funding: { ...rd.funding, ref: '' } } }, ctx)
      .thenRejects({ code: 'policy.reference', field: 'funding.ref' });
    spec
      .given([])
      .when(
        { type: 'PublishPolicyVersion', version: { ...rd, budgetRule: { kind: 'pro-rata', ref: '' } } },
        ctx,
      )
      .thenRejects({ code: 'policy.reference', field: 'budgetRule.ref' });
  });

  it('refuses parameters the calculation cannot read, and unknown policies', () => {
    const hnte = draftOf('hnte-award/city');
    const closedTiers = {
      ...hnte,
      parameters: { ...hnte.parameters, firstTiers: { value: [{ maxRevenue: 1, amount: 1 }], ref: 'x' } },
    };
    spec
      .given([])
      .when({ type: 'PublishPolicyVersion', version: closedTiers }, ctx)
      .thenRejects('policy.parameters');
    const noCap = { ...rd, parameters: { ...rd.parameters, caps: { value: { ordinary: 1 }, ref: 'x' } } };
    spec
      .given([])
      .when({ type: 'PublishPolicyVersion', version: noCap }, ctx)
      .thenRejects('policy.parameters');
    spec
      .given([])
      .when({ type: 'PublishPolicyVersion', version: { ...rd, policyId: 'lottery' } }, ctx)
      .thenRejects('policy.unknown');
    spec
      .given([rdPublished])
      .when({ type: 'PublishPolicyVersion', version: { ...draftOf('hnte-award/city') } }, ctx)
      .thenRejects('policy.unknown');
  });

  it('refuses what the contract would refuse at append (a fraction not written exactly, a bad date)', () => {
    const float = { ...rd, funding: { kind: 'shared' as const, province: '5e-1', city: '0.2', ref: 'x' } };
    spec
      .given([])
      .when({ type: 'PublishPolicyVersion', version: float }, ctx)
      .thenRejects({ code: 'policy.version', field: 'funding.province' });
    spec
      .given([])
      .when({ type: 'PublishPolicyVersion', version: { ...rd, effectiveFrom: '2018-02-30' } }, ctx)
      .thenRejects({ code: 'policy.version', field: 'effectiveFrom' });
  });

  it('refuses a version that ends before it starts', () => {
    const backwards = { ...rd, versionId: 'rd-x', effectiveFrom: '2019-01-01', effectiveTo: '2018-12-31' };
    spec
      .given([])
      .when({ type: 'PublishPolicyVersion', version: backwards }, ctx)
      .thenRejects('policy.version');
  });

  it('refuses a version id used again with other content', () => {
    const changed = { ...rd, effectiveFrom: '2019-01-01' };
    spec
      .given([rdPublished])
      .when({ type: 'PublishPolicyVersion', version: changed }, ctx)
      .thenRejects('policy.duplicate');
  });
});
