import { refuse } from './errors';

export interface Share {
  readonly countyCode: string;
  /** Non-negative integer weight, e.g. the county's count of the previous year or 1 for an equal split. */
  readonly weight: number;
}

/**
 * Spreads a city's yearly target over its counties so that the county targets add up to the city's exactly
 * (驻马店 2021: 20 new HNTE and 260 tech SMEs for the city; the action plan has the counties 层层分解). Largest
 * remainder method: each county gets ⌊total × weight ÷ Σweight⌋, the units left go to the largest remainders,
 * equal remainders by county code. Exact integer arithmetic (BigInt), so fen totals split exactly too.
 */
export function apportion(total: number, shares: readonly Share[]): Map<string, number> {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw refuse('invalid', 'apportion.total', 'the total must be a whole non-negative number', 'total');
  }
  if (shares.some((s) => !Number.isSafeInteger(s.weight) || s.weight < 0)) {
    throw refuse('invalid', 'apportion.weight', 'weights must be whole non-negative numbers', 'shares');
  }
  const sum = shares.reduce((s, x) => s + BigInt(x.weight), 0n);
  if (sum === 0n)
    throw refuse('invalid', 'apportion.no-weight', 'at least one weight must be positive', 'shares');
  const t = BigInt(total);
  const parts = shares.map((s) => ({
    countyCode: s.countyCode,
    base: (t * BigInt(s.weight)) / sum,
    remainder: (t * BigInt(s.weight)) % sum,
  }));
  let left = t - parts.reduce((s, p) => s + p.base, 0n);
  const byRemainder = [...parts].sort((a, b) =>
    a.remainder !== b.remainder ? (b.remainder > a.remainder ? 1 : -1) : a.countyCode < b.countyCode ? -1 : 1,
  );
  const extra = new Set<string>();
  for (const p of byRemainder) {
    if (left === 0n) break;
    extra.add(p.countyCode);
    left -= 1n;
  }
  return new Map(parts.map((p) => [p.countyCode, Number(p.base) + (extra.has(p.countyCode) ? 1 : 0)]));
}
