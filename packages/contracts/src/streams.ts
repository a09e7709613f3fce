/**
 * Stream ids, built and parsed by one helper per stream type, so no other code repeats their format. The
 * catalog (topic-catalog.ts) maps each stream type to the topic its events are published on.
 */
export interface StreamType<Key> {
  readonly name: string;
  id(key: Key): string;
  /** The key of an id of this type; null for an id of another type. */
  parse(id: string): Key | null;
}

function streamType<Key>(
  name: string,
  prefix: string,
  encode: (k: Key) => string,
  decode: (rest: string) => Key | null,
): StreamType<Key> {
  return {
    name,
    id: (key) => prefix + encode(key),
    parse: (id) => (id.startsWith(prefix) ? decode(id.slice(prefix.length)) : null),
  };
}

/** One stream per enterprise (registry), keyed by USCC. */
export const ENTERPRISE_STREAM = streamType<{ uscc: string }>(
  'enterprise',
  'enterprise-',
  (k) => k.uscc,
  // Only an 18-character code: `enterprise-titles-…` (statistics) shares the prefix and is another type.
  (uscc) => (/^[0-9A-Z]{18}$/.test(uscc) ? { uscc } : null),
);

/** One stream per enterprise and campaign year (assessment). */
export const SME_EVALUATION_STREAM = streamType<{ uscc: string; year: number }>(
  'sme-evaluation',
  'sme-evaluation-',
  (k) => `${k.uscc}-${k.year}`,
  (rest) => {
    const m = /^(.+)-(\d{4})$/.exec(rest);
    return m ? { uscc: m[1]!, year: Number(m[2]) } : null;
  },
);

/** One stream per provincial batch (assessment). */
export const SME_BATCH_STREAM = streamType<{ batchId: string }>(
  'sme-batch',
  'sme-batch-',
  (k) => k.batchId,
  (batchId) => ({ batchId }),
);

/** One stream per calendar year of the working-day calendar (registry: reference data the admin publishes). */
export const WORKING_CALENDAR_STREAM = streamType<{ year: number }>(
  'working-calendar',
  'working-calendar-',
  (k) => String(k.year),
  (rest) => (/^\d{4}$/.test(rest) ? { year: Number(rest) } : null),
);

const DIVISION = '(\\d{6})';
const YEAR = '(\\d{4})';

/** Yearly targets of one county (statistics): `county-targets-411702-2021`. */
export const COUNTY_TARGETS_STREAM = streamType<{ countyCode: string; year: number }>(
  'county-targets',
  'county-targets-',
  (k) => `${k.countyCode}-${k.year}`,
  (rest) => {
    const m = new RegExp(`^${DIVISION}-${YEAR}$`).exec(rest);
    return m ? { countyCode: m[1]!, year: Number(m[2]) } : null;
  },
);

/** One county's indicator report of one quarter (statistics): `indicator-report-411702-2021-q2`. */
export const INDICATOR_REPORT_STREAM = streamType<{ countyCode: string; year: number; quarter: number }>(
  'indicator-report',
  'indicator-report-',
  (k) => `${k.countyCode}-${k.year}-q${k.quarter}`,
  (rest) => {
    const m = new RegExp(`^${DIVISION}-${YEAR}-q([1-4])$`).exec(rest);
    return m ? { countyCode: m[1]!, year: Number(m[2]), quarter: Number(m[3]) } : null;
  },
);

/** A city's ranking method of one year (statistics): `ranking-method-411700-2021`. */
export const RANKING_METHOD_STREAM = streamType<{ cityCode: string; year: number }>(
  'ranking-method',
  'ranking-method-',
  (k) => `${k.cityCode}-${k.year}`,
  (rest) => {
    const m = new RegExp(`^${DIVISION}-${YEAR}$`).exec(rest);
    return m ? { cityCode: m[1]!, year: Number(m[2]) } : null;
  },
);

/** A city's published ranking of one quarter, every version (statistics): `ranking-411700-2021-q3`. */
export const RANKING_STREAM = streamType<{ cityCode: string; year: number; quarter: number }>(
  'ranking',
  'ranking-',
  (k) => `${k.cityCode}-${k.year}-q${k.quarter}`,
  (rest) => {
    // `ranking-method-…` shares the prefix: only six digits, a year and a quarter are a ranking.
    const m = new RegExp(`^${DIVISION}-${YEAR}-q([1-4])$`).exec(rest);
    return m ? { cityCode: m[1]!, year: Number(m[2]), quarter: Number(m[3]) } : null;
  },
);

/** The ladder titles of one enterprise (statistics): `enterprise-titles-<USCC>`. */
export const ENTERPRISE_TITLES_STREAM = streamType<{ uscc: string }>(
  'enterprise-titles',
  'enterprise-titles-',
  (k) => k.uscc,
  (uscc) => (/^[0-9A-Z]{18}$/.test(uscc) ? { uscc } : null),
);

/** USCCs are 18 characters (GB 32100-2015): an id ending in one splits unambiguously from what precedes it. */
const USCC_LENGTH = 18;

/** The register of one province and year (certification): its HNTE batches and certificate serial. */
export const HNTE_REGISTER_STREAM = streamType<{ provinceCode: string; year: number }>(
  'hnte-register',
  'hnte-register-',
  (k) => `${k.provinceCode}-${k.year}`,
  (rest) => {
    const m = /^(\d{6})-(\d{4})$/.exec(rest);
    return m ? { provinceCode: m[1]!, year: Number(m[2]) } : null;
  },
);

/** The HNTE expert pool of one province (certification). */
export const HNTE_EXPERT_POOL_STREAM = streamType<{ provinceCode: string }>(
  'hnte-expert-pool',
  'hnte-expert-pool-',
  (k) => k.provinceCode,
  (rest) => (/^\d{6}$/.test(rest) ? { provinceCode: rest } : null),
);

/** One HNTE application of one enterprise to one batch (certification). */
export const HNTE_APPLICATION_STREAM = streamType<{ batchId: string; uscc: string }>(
  'hnte-application',
  'hnte-application-',
  (k) => `${k.batchId}-${k.uscc}`,
  (rest) => {
    if (rest.length < USCC_LENGTH + 2 || rest[rest.length - USCC_LENGTH - 1] !== '-') return null;
    return { batchId: rest.slice(0, -USCC_LENGTH - 1), uscc: rest.slice(-USCC_LENGTH) };
  },
);

/** The HNTE record of one enterprise: certificates and after care (certification). */
export const HNTE_ENTERPRISE_STREAM = streamType<{ uscc: string }>(
  'hnte-enterprise',
  'hnte-enterprise-',
  (k) => k.uscc,
  (uscc) => (uscc.length === USCC_LENGTH ? { uscc } : null),
);

/** One stream per subsidy policy (subsidy): its published versions. `hnte-award/city` ↔ `hnte-award.city`. */
export const SUBSIDY_POLICY_STREAM = streamType<{ policyId: string }>(
  'subsidy-policy',
  'subsidy-policy-',
  (k) => k.policyId.replace('/', '.'),
  (rest) => (/^[a-z0-9-]+(\.[a-z0-9-]+)?$/.test(rest) ? { policyId: rest.replace('.', '/') } : null),
);

/** One stream per entitlement (subsidy): an enterprise under one policy on one basis. */
export const ENTITLEMENT_STREAM = streamType<{ entitlementId: string }>(
  'entitlement',
  'entitlement-',
  (k) => k.entitlementId,
  (entitlementId) => (entitlementId ? { entitlementId } : null),
);

/** One ledger per paying level, region, policy and budget year (subsidy). */
export interface SubsidyLedgerKey {
  level: 'province' | 'city' | 'county';
  regionCode: string;
  policyId: string;
  budgetYear: number;
}
export const SUBSIDY_LEDGER_STREAM = streamType<SubsidyLedgerKey>(
  'subsidy-ledger',
  'subsidy-ledger-',
  (k) => `${k.level}-${k.regionCode}-${k.policyId.replace('/', '.')}-${k.budgetYear}`,
  (rest) => {
    const m = /^(province|city|county)-(\d{6})-([a-z0-9-]+(?:\.[a-z0-9-]+)?)-(\d{4})$/.exec(rest);
    return m
      ? {
          level: m[1] as SubsidyLedgerKey['level'],
          regionCode: m[2]!,
          policyId: m[3]!.replace('.', '/'),
          budgetYear: Number(m[4]),
        }
      : null;
  },
);

export const enterpriseStreamId = (uscc: string): string => ENTERPRISE_STREAM.id({ uscc });
export const smeEvaluationStreamId = (uscc: string, year: number): string =>
  SME_EVALUATION_STREAM.id({ uscc, year });
export const smeBatchStreamId = (batchId: string): string => SME_BATCH_STREAM.id({ batchId });
