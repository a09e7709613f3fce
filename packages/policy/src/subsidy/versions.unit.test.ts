import { loadPolicyVersions, selectPolicyVersion } from './versions';
import { RD_SUBSIDY_HENAN_2018, type RdSubsidyVersion } from './policies';

const v = (
  versionId: string,
  effectiveFrom: string,
  effectiveTo: string | null,
  over: Partial<RdSubsidyVersion> = {},
): RdSubsidyVersion => ({
  ...RD_SUBSIDY_HENAN_2018,
  versionId,
  effectiveFrom,
  effectiveTo,
  ...over,
});
const history = [v('rd-2021', '2021-01-01', null), v('rd-2018', '2018-01-01', '2020-12-31')];

describe('selectPolicyVersion', () => {
  it.each([
    ['2018-01-01', 'rd-2018'],
    ['2020-12-31', 'rd-2018'],
    ['2021-01-01', 'rd-2021'],
    ['2030-06-30', 'rd-2021'],
  ])('on %s picks %s', (date, id) => {
    expect(selectPolicyVersion(history, date).versionId).toBe(id);
  });

  it('refuses a date before the first version', () => {
    expect(() => selectPolicyVersion(history, '2017-12-31')).toThrow(
      expect.objectContaining({ code: 'policy.not-in-force' }),
    );
  });

  it.each([
    [[v('a', '2018-01-01', '2020-12-31'), v('b', '2021-01-02', null)], 'policy.gap'],
    [[v('a', '2018-01-01', '2020-12-31'), v('b', '2020-12-31', null)], 'policy.overlap'],
    [[v('a', '2018-01-01', null), v('b', '2021-01-01', null)], 'policy.overlap'],
    [[v('a', '2018-01-01', '2017-12-31')], 'policy.version'],
    [[v('a', '2018-01-01', null), v('a', '2019-01-01', null)], 'policy.duplicate'],
    [
      [
        v('a', '2018-01-01', '2018-12-31'),
        { ...v('b', '2019-01-01', null), policyId: 'hnte-award' } as unknown as RdSubsidyVersion,
      ],
      'policy.mixed',
    ],
    [
      [v('a', '2018-01-01', null, { funding: { kind: 'shared', province: '0.6', city: '0.2', ref: 'x' } })],
      'share.province',
    ],
    [
      [v('a', '2018-01-01', null, { funding: { kind: 'shared', province: '0.5', city: 0.25, ref: 'x' } })],
      'share.city',
    ],
    [[], 'policy.empty'],
  ])('rejects bad version sets when loaded (%#: %s)', (versions, code) => {
    expect(() => loadPolicyVersions(versions)).toThrow(expect.objectContaining({ code }));
    expect(() => selectPolicyVersion(versions, '2018-06-01')).toThrow(expect.objectContaining({ code }));
  });
});
