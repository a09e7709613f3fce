const UNIT_MS = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
} as const;

type Unit = keyof typeof UNIT_MS;

/**
 * Parses a duration such as `15d`, `8h`, `90m` or `1d12h` into milliseconds. Units: ms, s, m, h, d, w.
 * Throws RangeError on anything else (including an empty string and a zero-length total).
 */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (!/^(\d+(ms|s|m|h|d|w))+$/.test(trimmed)) {
    throw new RangeError(`not a duration: "${text}" (use e.g. 15d, 8h, 30m, 1d12h)`);
  }
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)(ms|s|m|h|d|w)/g)) {
    total += Number(amount) * UNIT_MS[unit as Unit];
  }
  if (!Number.isSafeInteger(total) || total <= 0) throw new RangeError(`duration out of range: "${text}"`);
  return total;
}
