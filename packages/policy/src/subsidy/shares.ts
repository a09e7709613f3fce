import { PolicyInputError, requireNonNegativeInteger } from '../core/errors';
import {
  add,
  cmp,
  floor,
  mul,
  parseFraction,
  rat,
  show,
  type FractionInput,
  type Rational,
} from '../core/rational';

export interface Shares {
  readonly province: number;
  readonly city: number;
  readonly county: number;
}

export type FiscalLevel = keyof Shares;

export interface ShareFractions {
  readonly province: FractionInput;
  readonly city: FractionInput;
}

export interface SplitOptions {
  /** 省直管县: there is no city level; the city's part is borne by the county itself, never the province. */
  readonly provinciallyAdministered?: boolean;
}

/**
 * The ceilings of subsidy.md: province at most 50%, city at most 20%, for every policy whose cost is shared
 * between levels. They are constants, not parameters: no policy version can raise them.
 */
export const MAX_PROVINCE_SHARE = '0.5';
export const MAX_CITY_SHARE = '0.2';
export const SHARE_CEILINGS_REF =
  'subsidy.md 成本分担: province ≤ 50%, city ≤ 20%, the rest by the locality (属地原则); 省直管县: city share to the county';

export interface CheckedFractions {
  readonly province: Rational;
  readonly city: Rational;
  readonly county: Rational;
}

/** Validates a cost-sharing rule against the fixed ceilings and returns it exactly; county = 1 − province − city. */
export function checkShareFractions(f: ShareFractions): CheckedFractions {
  const province = parseFraction(f.province, 'province share');
  const city = parseFraction(f.city, 'city share');
  const zero = rat(0n);
  if (cmp(province, zero) < 0 || cmp(city, zero) < 0)
    throw new PolicyInputError('share.negative', 'shares cannot be negative');
  const maxProvince = parseFraction(MAX_PROVINCE_SHARE);
  const maxCity = parseFraction(MAX_CITY_SHARE);
  if (cmp(province, maxProvince) > 0)
    throw new PolicyInputError('share.province', `province share above ${show(maxProvince)}`);
  if (cmp(city, maxCity) > 0) throw new PolicyInputError('share.city', `city share above ${show(maxCity)}`);
  const both = add(province, city);
  return { province, city, county: rat(both.den - both.num, both.den) };
}

/**
 * Splits an amount (integer fen) shared between the fiscal levels: province and city rounded down to the fen,
 * the county (属地) takes the remainder, so the three always add up to the amount exactly. In a provincially
 * administered county the city's part falls to the county (subsidy.md), so the province never pays above 50%.
 */
export function splitShares(amount: number, fractions: ShareFractions, options: SplitOptions = {}): Shares {
  requireNonNegativeInteger('amount', amount);
  const f = checkShareFractions(fractions);
  const total = BigInt(amount);
  const province = floor(mul(rat(total), f.province));
  const city = options.provinciallyAdministered ? 0n : floor(mul(rat(total), f.city));
  return { province: Number(province), city: Number(city), county: Number(total - province - city) };
}

/**
 * An award one level pays from its own funds (subsidy.md: "由市、县(区)财政分别进行奖励" is one policy per paying
 * level). A city award in a provincially administered county is paid by the county, which has no city above it
 * in fiscal matters — never by the province.
 */
export function ownFundsShares(amount: number, level: FiscalLevel, options: SplitOptions = {}): Shares {
  requireNonNegativeInteger('amount', amount);
  const payer = level === 'city' && options.provinciallyAdministered ? 'county' : level;
  return { province: 0, city: 0, county: 0, [payer]: amount };
}
