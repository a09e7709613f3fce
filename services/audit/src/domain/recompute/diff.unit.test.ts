import { compareRecorded, overlay, RecomputeInputError } from './diff';

describe('compareRecorded (field-by-field diff)', () => {
  it('equal records: match, no diffs — undefined members count as absent, like stored JSON', () => {
    const r = compareRecorded({ a: 1, b: { c: [1, 2] }, d: undefined }, { b: { c: [1, 2] }, a: 1 });
    expect(r).toEqual({
      match: true,
      diffs: [],
      recorded: { a: 1, b: { c: [1, 2] } },
      recomputed: { a: 1, b: { c: [1, 2] } },
    });
  });

  it('names every differing leaf by its path, recorded and recomputed side by side', () => {
    const r = compareRecorded(
      { score: { points: { total: 70, ip: 20 }, reasons: [] }, ruleSetId: 'x' },
      { score: { points: { total: 60, ip: 10 }, reasons: ['r'] }, ruleSetId: 'x' },
    );
    expect(r.match).toBe(false);
    expect(r.diffs).toEqual([
      { path: 'score.points.ip', recorded: 20, recomputed: 10 },
      { path: 'score.points.total', recorded: 70, recomputed: 60 },
      { path: 'score.reasons.0', recorded: null, recomputed: 'r' },
    ]);
  });
});

describe('overlay (parameter overrides)', () => {
  const base = { passScore: 60, maxEmployees: 500 };
  it('replaces only the named parameters and lists them', () => {
    expect(overlay(base, { passScore: 70 }, 'rs')).toEqual({
      value: { passScore: 70, maxEmployees: 500 },
      overridden: ['passScore'],
    });
    expect(overlay(base, undefined, 'rs')).toEqual({ value: base, overridden: [] });
  });
  it('refuses a parameter the rule set does not have (a typo is not a silent no-op)', () => {
    expect(() => overlay(base, { passscore: 70 }, 'rs')).toThrow(RecomputeInputError);
  });
});
