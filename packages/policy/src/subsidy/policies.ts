import type { Param, PolicyVersionBase } from './versions';

/** Enterprise types with an R&D-subsidy cap; the highest applicable cap counts (caps do not add up). */
export const RD_ENTERPRISE_TYPES = [
  'ordinary',
  'tech-sme',
  'small-giant',
  'provincial-rd-platform',
  'national-rd-platform',
  'provincial-platform-excellent',
  'provincial-innovation-leader-excellent',
] as const;
export type RdEnterpriseType = (typeof RD_ENTERPRISE_TYPES)[number];

export interface RdSubsidyVersion extends PolicyVersionBase {
  readonly policyId: 'rd-subsidy';
  readonly parameters: {
    /** Fen; the marginal tiers split the base here. */
    readonly tierLimit: Param<number>;
    readonly rateUpToLimit: Param<string>;
    readonly rateAbove: Param<string>;
    /** Fen per enterprise type. */
    readonly caps: Param<Readonly<Record<RdEnterpriseType, number>>>;
  };
}

/** The tech-SME entry award is paid by the city and by the county, each from its own funds: two policies. */
export const TSME_ENTRY_AWARD_POLICIES = ['tsme-entry-award/city', 'tsme-entry-award/county'] as const;
/** The HNTE award is paid by the city and by the district (county), each from its own funds: two policies. */
export const HNTE_AWARD_POLICIES = ['hnte-award/city', 'hnte-award/county'] as const;

export interface TsmeEntryAwardVersion extends PolicyVersionBase {
  readonly policyId: (typeof TSME_ENTRY_AWARD_POLICIES)[number];
  readonly parameters: {
    readonly amount: Param<number>;
    /** Optional condition "entered two years in a row". */
    readonly requireConsecutiveEntry: Param<boolean>;
  };
}

export interface HnteAwardVersion extends PolicyVersionBase {
  readonly policyId: (typeof HNTE_AWARD_POLICIES)[number];
  readonly parameters: {
    /** First certification, by latest-year revenue (fen, inclusive upper bound; null = above all). */
    readonly firstTiers: Param<readonly { readonly maxRevenue: number | null; readonly amount: number }[]>;
    readonly recertification: Param<number>;
    readonly movingIn: Param<number>;
  };
}

export type PolicyVersion = RdSubsidyVersion | TsmeEntryAwardVersion | HnteAwardVersion;

const YUAN = 100;
const EXAMPLE = 'example parameters of shared/domain/subsidy.md';
const RD_REF = `研发费用财政补助 (after Henan's 2018 scheme; ${EXAMPLE} §1)`;

/** R&D financial subsidy: 10% of the accepted base up to 5,000,000 yuan + 5% above, capped by type. */
export const RD_SUBSIDY_HENAN_2018: RdSubsidyVersion = {
  policyId: 'rd-subsidy',
  versionId: 'rd-subsidy-henan-2018',
  effectiveFrom: '2018-01-01',
  effectiveTo: null,
  legalReference: RD_REF,
  funding: {
    kind: 'shared',
    province: '0.5',
    city: '0.2',
    ref: `${RD_REF}: province ≤ 50%, city ≤ 20%, remainder by the locality (属地原则)`,
  },
  parameters: {
    tierLimit: { value: 5_000_000 * YUAN, ref: `${RD_REF}: tier boundary 5,000,000 yuan` },
    rateUpToLimit: { value: '0.10', ref: `${RD_REF}: 10% up to the boundary` },
    rateAbove: { value: '0.05', ref: `${RD_REF}: 5% above the boundary` },
    caps: {
      value: {
        ordinary: 1_000_000 * YUAN,
        'tech-sme': 2_000_000 * YUAN,
        'small-giant': 2_000_000 * YUAN,
        'provincial-rd-platform': 2_000_000 * YUAN,
        'national-rd-platform': 3_000_000 * YUAN,
        'provincial-platform-excellent': 3_000_000 * YUAN,
        'provincial-innovation-leader-excellent': 4_000_000 * YUAN,
      },
      ref: `${RD_REF}: caps by enterprise type, highest applies`,
    },
  },
};

const TSME_REF = `科技型中小企业入库奖励 (${EXAMPLE} §2: "由市、县(区)财政分别进行奖励")`;

function tsmeEntryAward(level: 'city' | 'county'): TsmeEntryAwardVersion {
  return {
    policyId: `tsme-entry-award/${level}`,
    versionId: `tsme-entry-award/${level}-example-2017`,
    effectiveFrom: '2017-05-03',
    effectiveTo: null,
    legalReference: TSME_REF,
    funding: { kind: 'own-funds', level, ref: `${TSME_REF}: paid by the ${level} from its own funds` },
    parameters: {
      amount: { value: 10_000 * YUAN, ref: `${TSME_REF}: example, 10,000 yuan per entry from the ${level}` },
      requireConsecutiveEntry: { value: false, ref: `${TSME_REF}: optional condition off` },
    },
  };
}

/** Tech-SME entry award (example amounts): 10,000 yuan from the city and 10,000 yuan from the county. */
export const TSME_ENTRY_AWARD_CITY_EXAMPLE = tsmeEntryAward('city');
export const TSME_ENTRY_AWARD_COUNTY_EXAMPLE = tsmeEntryAward('county');

const HNTE_REF = `高新技术企业认定奖励 (${EXAMPLE} §3: city and district each from its own funds, Tianjin 50/50)`;

function hnteAward(level: 'city' | 'county'): HnteAwardVersion {
  const ref = (what: string) => `${HNTE_REF}: ${what}, the ${level}'s half`;
  return {
    policyId: `hnte-award/${level}`,
    versionId: `hnte-award/${level}-example-2016`,
    effectiveFrom: '2016-01-01',
    effectiveTo: null,
    legalReference: HNTE_REF,
    funding: { kind: 'own-funds', level, ref: `${HNTE_REF}: paid by the ${level} from its own funds` },
    parameters: {
      firstTiers: {
        value: [
          { maxRevenue: 50_000_000 * YUAN, amount: 150_000 * YUAN },
          { maxRevenue: 200_000_000 * YUAN, amount: 200_000 * YUAN },
          { maxRevenue: null, amount: 250_000 * YUAN },
        ],
        ref: ref('first certification 300,000 / 400,000 / 500,000 yuan by latest-year revenue'),
      },
      recertification: { value: 50_000 * YUAN, ref: ref('re-certification 100,000 yuan') },
      movingIn: { value: 50_000 * YUAN, ref: ref('moving in with a valid certificate 100,000 yuan') },
    },
  };
}

/** HNTE award (example): first 300,000 / 400,000 / 500,000 yuan, renewal and moving in 100,000, half per level. */
export const HNTE_AWARD_CITY_EXAMPLE = hnteAward('city');
export const HNTE_AWARD_COUNTY_EXAMPLE = hnteAward('county');

export const EXAMPLE_POLICY_VERSIONS: readonly PolicyVersion[] = [
  RD_SUBSIDY_HENAN_2018,
  TSME_ENTRY_AWARD_CITY_EXAMPLE,
  TSME_ENTRY_AWARD_COUNTY_EXAMPLE,
  HNTE_AWARD_CITY_EXAMPLE,
  HNTE_AWARD_COUNTY_EXAMPLE,
];
