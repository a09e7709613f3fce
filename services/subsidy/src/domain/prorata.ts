export interface Request {
  readonly id: string;
  /** Orders ties of the remainder rule: the earlier decision first. */
  readonly decisionOn: string;
  readonly amount: number;
}

export const REMAINDER_RULE =
  'each share gets ⌊request × available ÷ total⌋ fen; the fen left over go one each to the largest ' +
  'fractional remainders, ties to the earlier decision date, then the smaller entitlement id';

/**
 * 按比例核减 for one round: `available` fen shared among requests totalling more than it, exact to the fen.
 * Every share is floor(amount × available / total); the few fen left (fewer than the number of requests) go
 * one each by the largest remainder, so the approved amounts add up to `available` exactly and none exceeds
 * its request. BigInt keeps amount × available exact at any size.
 */
export function proRata(
  requests: readonly Request[],
  available: number,
): Map<string, { approved: number; extra: 0 | 1 }> {
  const total = requests.reduce((s, r) => s + BigInt(r.amount), 0n);
  const avail = BigInt(available);
  const rows = requests.map((r) => {
    const scaled = BigInt(r.amount) * avail;
    return { r, base: scaled / total, rem: scaled % total };
  });
  let left = avail - rows.reduce((s, x) => s + x.base, 0n);
  const order = [...rows].sort(
    (a, b) =>
      (a.rem === b.rem ? 0 : a.rem > b.rem ? -1 : 1) ||
      a.r.decisionOn.localeCompare(b.r.decisionOn) ||
      (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0),
  );
  const out = new Map<string, { approved: number; extra: 0 | 1 }>();
  for (const x of order) {
    const extra = left > 0n && x.rem > 0n ? 1 : 0;
    left -= BigInt(extra);
    out.set(x.r.id, { approved: Number(x.base) + extra, extra });
  }
  return out;
}
