import { PolicyInputError } from './errors';

/**
 * Exact non-negative-or-negative rationals on BigInt. Bracket edges such as "exactly 6%" must not depend on
 * binary floating point, so every ratio the rules compare is built from integers and compared by
 * cross-multiplication.
 */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint; // always > 0
}

/** A fraction as callers write it: a JS number such as 0.5 or a decimal string such as '0.5' (or '1/3'). */
export type FractionInput = number | string;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rat(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = BigInt(num);
  let d = BigInt(den);
  if (d === 0n) throw new PolicyInputError('rational.zero-denominator', 'denominator is zero');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { num: n / g, den: d / g };
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * Converts a number or decimal string exactly. A number is read through its shortest decimal spelling
 * (String(0.1) === '0.1'), which is what the caller wrote, not the binary approximation.
 */
export function parseFraction(input: FractionInput, name = 'fraction'): Rational {
  if (typeof input === 'number' && !Number.isFinite(input)) {
    throw new PolicyInputError('rational.invalid', `${name} is not finite`);
  }
  const text = String(input).trim();
  const slash = /^([+-]?\d+)\/(\d+)$/.exec(text);
  if (slash) return rat(BigInt(slash[1] as string), BigInt(slash[2] as string));
  const m = DECIMAL.exec(text);
  if (!m) throw new PolicyInputError('rational.invalid', `${name} ${JSON.stringify(input)} is not a decimal`);
  const [, sign, whole, frac = '', exp = '0'] = m;
  let num = BigInt(`${whole}${frac}`);
  let den = 10n ** BigInt(frac.length);
  const e = Number(exp);
  if (e >= 0) num *= 10n ** BigInt(e);
  else den *= 10n ** BigInt(-e);
  return rat(sign === '-' ? -num : num, den);
}

export function cmp(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const gte = (a: Rational, b: Rational): boolean => cmp(a, b) >= 0;
export const gt = (a: Rational, b: Rational): boolean => cmp(a, b) > 0;
export const lte = (a: Rational, b: Rational): boolean => cmp(a, b) <= 0;

export const add = (a: Rational, b: Rational): Rational => rat(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational): Rational => rat(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational): Rational => rat(a.num * b.num, a.den * b.den);
export const div = (a: Rational, b: Rational): Rational => rat(a.num * b.den, a.den * b.num);

/** floor(a) for the fen rounding rule "round down". */
export function floor(a: Rational): bigint {
  const q = a.num / a.den;
  return a.num < 0n && q * a.den !== a.num ? q - 1n : q;
}

/** Exact text for traces: '3/10'. */
export function show(a: Rational): string {
  return a.den === 1n ? a.num.toString() : `${a.num}/${a.den}`;
}

/**
 * Decimal text for people, truncated toward zero after `places` digits (with a trailing '…' when digits were
 * dropped), so a displayed 29.99% is never rounded up into the 30% bracket it did not reach.
 */
export function toDecimal(a: Rational, places = 6): string {
  const neg = a.num < 0n;
  const n = neg ? -a.num : a.num;
  const scale = 10n ** BigInt(places);
  const scaled = (n * scale) / a.den;
  const exact = (n * scale) % a.den === 0n;
  const whole = scaled / scale;
  let frac = (scaled % scale).toString().padStart(places, '0');
  if (exact) frac = frac.replace(/0+$/, '');
  const body = frac.length > 0 ? `${whole}.${frac}` : whole.toString();
  return `${neg ? '-' : ''}${body}${exact ? '' : '…'}`;
}

/** Percentage text, e.g. 2999/10000 → '29.99%'. */
export function toPercent(a: Rational, places = 4): string {
  return `${toDecimal(mul(a, rat(100n)), places)}%`;
}
