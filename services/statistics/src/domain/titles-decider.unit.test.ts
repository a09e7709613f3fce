import { deciderSpec } from '@peiyu/eventstore';
import type { TitleEvent } from './events';
import { defaultTitleName, titlesDecider, type GrantTitle } from './titles-decider';
import { cityOf, countyOf, ctx, provinceOf, usccOf } from './test-support/fixtures';

const yinchuan = '640104';
const a = usccOf(yinchuan, 1);
const decider = titlesDecider({ countyOf: (u) => (u === a ? yinchuan : null), titleName: defaultTitleName });
const spec = deciderSpec(decider);
const province = provinceOf('640000');
const grantCmd = (over: Partial<GrantTitle> = {}): GrantTitle => ({
  type: 'GrantTitle',
  uscc: a,
  grantId: 'nx-2024-001',
  titleCode: 'sci_tech_little_giant',
  level: 'provincial',
  validUntil: null,
  reference: '宁科发〔2024〕1号',
  ...over,
});
const granted: TitleEvent = {
  type: 'EnterpriseTitleGranted',
  data: {
    uscc: a,
    grantId: 'nx-2024-001',
    titleCode: 'sci_tech_little_giant',
    titleName: '科技小巨人',
    level: 'provincial',
    grantedByRegion: '640000',
    grantedOn: '2024-06-01',
    validUntil: null,
    reference: '宁科发〔2024〕1号',
  },
};

describe('enterprise titles', () => {
  it('grants a title with its Chinese name from the province catalog', () => {
    spec.given([]).when(grantCmd(), ctx(province, '2024-06-01')).then([granted]);
  });

  it('revokes a grant once; a repeated revocation is a retry', () => {
    const revoke = {
      type: 'RevokeTitle',
      uscc: a,
      grantId: 'nx-2024-001',
      reason: '复核不合格',
      reference: '宁科发〔2025〕9号',
    } as const;
    const revoked: TitleEvent = {
      type: 'EnterpriseTitleRevoked',
      data: {
        uscc: a,
        grantId: 'nx-2024-001',
        titleCode: 'sci_tech_little_giant',
        revokedOn: '2025-03-01',
        reason: '复核不合格',
        reference: '宁科发〔2025〕9号',
      },
    };
    spec.given([granted]).when(revoke, ctx(province, '2025-03-01')).then([revoked]);
    spec.given([granted, revoked]).when(revoke, ctx(province, '2025-03-02')).then([]);
    spec.given([]).when(revoke, ctx(province, '2025-03-01')).thenRejects('titles.unknown-grant');
  });

  it('refuses a title held already, a reused grant id, an undefined title and an unknown enterprise', () => {
    spec.given([granted]).when(grantCmd(), ctx(province, '2024-06-02')).then([]);
    spec
      .given([granted])
      .when(grantCmd({ grantId: 'nx-2024-002' }), ctx(province, '2024-07-01'))
      .thenRejects('titles.already-held');
    spec
      .given([granted])
      .when(grantCmd({ titleCode: 'gazelle', reference: '宁科发〔2024〕7号' }), ctx(province, '2024-07-01'))
      .thenRejects('titles.grant-id-taken');
    spec
      .given([])
      .when(grantCmd({ titleCode: 'eaglet' }), ctx(province, '2024-06-01'))
      .thenRejects('titles.unknown-title');
    spec
      .given([])
      .when(grantCmd({ uscc: usccOf(yinchuan, 2) }), ctx(province, '2024-06-01'))
      .thenRejects('titles.enterprise-unknown');
  });

  it('lets a city grant city titles in its counties only, and no county bureau at all', () => {
    spec
      .given([])
      .when(grantCmd(), ctx(cityOf('640100'), '2024-06-01'))
      .thenRejects('titles.out-of-scope');
    const [e] = decider.decide(
      grantCmd({ level: 'city' }),
      decider.initialState,
      ctx(cityOf('640100'), '2024-06-01'),
    );
    expect(e?.data).toMatchObject({ level: 'city', grantedByRegion: '640100' });
    spec
      .given([])
      .when(grantCmd({ level: 'city' }), ctx(cityOf('640200'), '2024-06-01'))
      .thenRejects('titles.out-of-scope');
    spec
      .given([])
      .when(grantCmd(), ctx(countyOf(yinchuan), '2024-06-01'))
      .thenRejects('titles.out-of-scope');
  });

  it('knows Henan titles in Henan only', () => {
    expect(defaultTitleName('410000', 'eaglet')).toBe('科技雏鹰企业');
    expect(defaultTitleName('640000', 'eaglet')).toBeNull();
    expect(defaultTitleName('640000', 'gazelle')).toBe('瞪羚企业');
  });
});
