import { selectSpotCheckSample, spotCheckSize } from './spot-check';

const ids = Array.from({ length: 200 }, (_, i) => `ev-${String(i).padStart(3, '0')}`);

describe('spot-check sample (抽查)', () => {
  it.each([
    [0, 0],
    [1, 1],
    [3, 1],
    [20, 1],
    [21, 2],
    [100, 5],
    [101, 6],
  ])('draws at least 5%% of a batch of %i: %i', (n, size) => {
    expect(spotCheckSize(n)).toBe(size);
  });

  it('is deterministic given the seed and independent of input order', () => {
    const a = selectSpotCheckSample(ids, 'batch-41-2025-07');
    const b = selectSpotCheckSample([...ids].reverse(), 'batch-41-2025-07');
    expect(a).toEqual(b);
    expect(a.random).toHaveLength(10);
    expect(new Set(a.random).size).toBe(10);
    expect(a.random.every((id) => ids.includes(id))).toBe(true);
  });

  it('draws different samples for different seeds', () => {
    const samples = ['s1', 's2', 's3', 's4'].map((seed) => selectSpotCheckSample(ids, seed).random.join());
    expect(new Set(samples).size).toBe(4);
  });

  it('spreads over the whole batch: every item is drawn by some seed', () => {
    const seen = new Set<string>();
    const small = ids.slice(0, 20);
    for (let s = 0; s < 400; s++)
      for (const id of selectSpotCheckSample(small, `seed-${s}`).random) seen.add(id);
    expect(seen.size).toBe(20);
  });

  it('checks every flagged item in addition to the random part', () => {
    const flagged = ['ev-001', 'ev-150', 'not-in-batch'];
    const r = selectSpotCheckSample(ids, 'x', { flagged });
    expect(r.flagged).toEqual(['ev-001', 'ev-150']);
    expect(r.random).toHaveLength(10);
    expect(r.random.some((id) => flagged.includes(id))).toBe(false);
    expect(selectSpotCheckSample(['a', 'b'], 'x', { flagged: ['a'] })).toEqual({
      random: ['b'],
      flagged: ['a'],
    });
    expect(selectSpotCheckSample(['a'], 'x', { flagged: ['a'] })).toEqual({ random: [], flagged: ['a'] });
  });

  it('takes a higher percentage when the province asks for one', () => {
    expect(selectSpotCheckSample(ids, 'x', { percent: 20 }).random).toHaveLength(40);
  });
});
