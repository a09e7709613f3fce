/**
 * Spot checks (抽查, tech-sme.md workflow 8): at least 5% of each batch at random, plus every flagged case.
 * The draw is deterministic given the seed, so it can be recorded, replayed and audited.
 */
export const SPOT_CHECK_MIN_PERCENT = 5;

/** FNV-1a: a 32-bit hash of the seed text, to start the generator. */
function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** mulberry32: a small, well-distributed 32-bit generator; plenty for picking a sample. */
function generator(seed: string): () => number {
  let a = hashSeed(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The number drawn at random: ⌈n × percent / 100⌉, so never below the percentage. */
export function spotCheckSize(batchSize: number, percent = SPOT_CHECK_MIN_PERCENT): number {
  return Math.ceil((batchSize * percent) / 100);
}

/**
 * Chooses the spot-check sample of a batch. The random part is drawn from the items not already flagged (the
 * flagged ones are all checked anyway), sized on the whole batch. Input order does not matter.
 */
export function selectSpotCheckSample(
  evaluationIds: readonly string[],
  seed: string,
  options: { percent?: number; flagged?: readonly string[] } = {},
): { random: string[]; flagged: string[] } {
  const all = [...new Set(evaluationIds)].sort();
  const flaggedSet = new Set(options.flagged ?? []);
  const flagged = all.filter((id) => flaggedSet.has(id));
  const pool = all.filter((id) => !flaggedSet.has(id));
  const size = Math.min(pool.length, spotCheckSize(all.length, options.percent));
  const next = generator(seed);
  // Partial Fisher–Yates: the first `size` positions become a uniform sample without replacement.
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
  }
  return { random: pool.slice(0, size).sort(), flagged };
}
