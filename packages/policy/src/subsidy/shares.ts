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

export interface ShareFractions {
  readonly province: FractionInput;
  readonly city: FractionInput;
}

export interface SplitOptions {
  /** 省直管县: there is no city level; `cityShareBornBy` (default 'county') takes the city's part. */
  readonly provinciallyAdministered?: boolean;
  readonly cityShareBornBy?: 'county' | 'province';
  /** Ceilings; default the seed documents' 50% / 20%. A policy whose own text allows more says so here. */
  readonly limits?: ShareLimits;
}

export interface ShareLimits {
  readonly province: FractionInput;
  readonly city: FractionInput;
}

/** The ceilings of the seed documents: province at most 50%, city at most 20%. */
export const MAX_PROVINCE_SHARE = '0.5';
export const MAX_CITY_SHARE = '0.2';

export interface CheckedFractions {
  readonly province: Rational;
  readonly city: Rational;
  readonly county: Rational;
}

/** Validates a cost-sharing rule and returns it exactly; county is the remainder 1 − province − city. */
export function checkShareFractions(f: ShareFractions, limits?: ShareLimits): CheckedFractions {
  const province = parseFraction(f.province, 'province share');
  const city = parseFraction(f.city, 'city share');
  const zero = rat(0n);
  if (cmp(province, zero) < 0 || cmp(city, zero) < 0)
    throw new PolicyInputError('share.negative', 'shares cannot be negative');
  const maxProvince = parseFraction(limits?.province ?? MAX_PROVINCE_SHARE, 'province limit');
  const maxCity = parseFraction(limits?.city ?? MAX_CITY_SHARE, 'city limit');
  if (cmp(province, maxProvince) > 0)
    throw new PolicyInputError('share.province', `province share above ${show(maxProvince)}`);
  if (cmp(city, maxCity) > 0) throw new PolicyInputError('share.city', `city share above ${show(maxCity)}`);
  const both = add(province, city);
  if (cmp(both, rat(1n)) > 0) throw new PolicyInputError('share.sum', 'shares add up to more than 100%');
  return { province, city, county: rat(both.den - both.num, both.den) };
}

/**
 * Splits an amount (integer fen) between the fiscal levels: province and city rounded down to the fen, the
 * county (属地) takes the remainder, so the three always add up to the amount exactly.
 */
export function splitShares(amount: number, fractions: ShareFractions, options: SplitOptions = {}): Shares {
  requireNonNegativeInteger('amount', amount);
  const f = checkShareFractions(fractions, options.limits);
  const total = BigInt(amount);
  let province = floor(mul(rat(total), f.province));
  let city = floor(mul(rat(total), f.city));
  if (options.provinciallyAdministered) {
    if (options.cityShareBornBy === 'province') province += city;
    city = 0n;
  }
  return { province: Number(province), city: Number(city), county: Number(total - province - city) };
}
