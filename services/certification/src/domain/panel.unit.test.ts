import fc from 'fast-check';
import { HNTE_FIELDS, type HnteField } from '@peiyu/contracts';
import { hasCode } from './errors';
import { drawPanel, minTechnical, poolHash, type PanelDraw, type PanelRules, type PoolExpert } from './panel';

const APPLICANT = '91430602MA4L0XY71B';
const OTHER_ORG = '91430603MA4L0XY82C';
const RULES: PanelRules = { minExperts: 5, minTechnicalShare: '0.60', minFinancial: 1 };
const SEED = '00112233445566778899aabbccddeeff';

const tech = (id: string, fields: HnteField[], extra: Partial<PoolExpert> = {}): PoolExpert => ({
  expertId: id,
  organisationUscc: null,
  expertise: { kind: 'technical', fields },
  relations: [],
  ...extra,
});
const fin = (id: string, extra: Partial<PoolExpert> = {}): PoolExpert => ({
  expertId: id,
  organisationUscc: null,
  expertise: { kind: 'financial' },
  relations: [],
  ...extra,
});

const expertArb: fc.Arbitrary<Omit<PoolExpert, 'expertId'>> = fc.record({
  organisationUscc: fc.constantFrom(null, APPLICANT, OTHER_ORG),
  expertise: fc.oneof(
    fc.record({
      kind: fc.constant('technical' as const),
      fields: fc.uniqueArray(fc.constantFrom(...HNTE_FIELDS), { minLength: 1, maxLength: 3 }),
    }),
    fc.constant({ kind: 'financial' as const }),
  ),
  relations: fc.constantFrom([], [{ uscc: APPLICANT }], [{ uscc: OTHER_ORG }]),
});
const poolArb = fc
  .array(expertArb, { maxLength: 12 })
  .map((xs) => xs.map((x, i) => ({ ...x, expertId: `x${String(i).padStart(2, '0')}` })));
const seedArb = fc.stringMatching(/^[0-9a-f]{32}$/);
const fieldArb = fc.constantFrom(...HNTE_FIELDS);

const conflicted = (e: PoolExpert) =>
  e.organisationUscc === APPLICANT || e.relations.some((r) => r.uscc === APPLICANT);
const inField = (e: PoolExpert, field: HnteField) =>
  e.expertise.kind === 'technical' && e.expertise.fields.includes(field);

/** Independent brute force: does any 5-subset of the non-conflicted experts satisfy the rules? */
function somePanelExists(pool: PoolExpert[], field: HnteField): boolean {
  const free = pool.filter((e) => !conflicted(e));
  const choose = (start: number, left: number, picked: PoolExpert[]): boolean => {
    if (left === 0) {
      const t = picked.filter((e) => inField(e, field)).length;
      const f = picked.filter((e) => e.expertise.kind === 'financial').length;
      return t * 100 >= 60 * picked.length && f >= 1;
    }
    for (let i = start; i <= free.length - left; i++) {
      if (choose(i + 1, left - 1, [...picked, free[i] as PoolExpert])) return true;
    }
    return false;
  };
  return choose(0, 5, []);
}

function attempt(
  pool: PoolExpert[],
  field: HnteField,
  seed: string,
): { draw: PanelDraw } | { error: unknown } {
  try {
    return {
      draw: drawPanel({
        pool: { snapshotId: 'p@1', experts: pool },
        field,
        uscc: APPLICANT,
        seed,
        rules: RULES,
      }),
    };
  } catch (error) {
    return { error };
  }
}

describe('drawPanel', () => {
  it('needs 3 technical experts of the field in a panel of 5 (60 %, rounded up)', () => {
    expect(minTechnical(RULES)).toBe(3);
    expect(minTechnical({ ...RULES, minExperts: 7 })).toBe(5);
  });

  it('property: every drawn panel satisfies the composition rules and excludes conflicts', () => {
    fc.assert(
      fc.property(poolArb, fieldArb, seedArb, (pool, field, seed) => {
        const r = attempt(pool, field, seed);
        if ('error' in r) return;
        const members = r.draw.members.map((m) => pool.find((e) => e.expertId === m.expertId) as PoolExpert);
        expect(members).toHaveLength(5);
        expect(new Set(r.draw.members.map((m) => m.expertId)).size).toBe(5);
        expect(members.every((e) => e !== undefined && !conflicted(e))).toBe(true);
        expect(members.filter((e) => inField(e, field)).length).toBeGreaterThanOrEqual(3);
        expect(members.filter((e) => e.expertise.kind === 'financial').length).toBeGreaterThanOrEqual(1);
        r.draw.members.forEach((m, i) => expect(m.role).toBe(members[i]?.expertise.kind));
        expect(new Set(r.draw.excluded.map((x) => x.expertId))).toEqual(
          new Set(pool.filter(conflicted).map((e) => e.expertId)),
        );
      }),
    );
  });

  it('property: the same seed and pool give the same panel, whatever order the pool is listed in', () => {
    fc.assert(
      fc.property(poolArb, fieldArb, seedArb, (pool, field, seed) => {
        const a = attempt(pool, field, seed);
        const b = attempt([...pool].reverse(), field, seed);
        if ('error' in a) expect((b as { error: unknown }).error).toEqual(a.error);
        else expect((b as { draw: unknown }).draw).toEqual(a.draw);
      }),
    );
  });

  it('property: it refuses exactly when no panel can satisfy the rules', () => {
    fc.assert(
      fc.property(poolArb, fieldArb, seedArb, (pool, field, seed) => {
        const r = attempt(pool, field, seed);
        expect('draw' in r).toBe(somePanelExists(pool, field));
      }),
    );
  });

  it('names the rule the pool cannot satisfy', () => {
    const f: HnteField = 'new_materials';
    const twoTech = [tech('t1', [f]), tech('t2', [f]), tech('t3', ['aerospace']), fin('f1'), fin('f2')];
    expect(() =>
      drawPanel({
        pool: { snapshotId: 'p@1', experts: twoTech },
        field: f,
        uscc: APPLICANT,
        seed: SEED,
        rules: RULES,
      }),
    ).toThrow(/2 technical expert\(s\) of field new_materials.*at least 3/);
    const noFin = [tech('t1', [f]), tech('t2', [f]), tech('t3', [f]), tech('t4', [f]), tech('t5', [f])];
    const e1 = attempt(noFin, f, SEED);
    expect(hasCode('panel_too_few_financial')((e1 as { error: unknown }).error)).toBe(true);
    const four = [tech('t1', [f]), tech('t2', [f]), tech('t3', [f]), fin('f1')];
    expect(hasCode('panel_too_few_experts')((attempt(four, f, SEED) as { error: unknown }).error)).toBe(true);
  });

  it('excludes the applicant organisation and declared relations, and may seat other-field experts', () => {
    const f: HnteField = 'new_materials';
    const pool = [
      tech('t1', [f]),
      tech('t2', [f]),
      tech('t3', [f]),
      tech('t4', [f], { organisationUscc: APPLICANT }),
      tech('t5', [f], { relations: [{ uscc: APPLICANT }] }),
      tech('o1', ['aerospace']),
      fin('f1'),
    ];
    const r = attempt(pool, f, SEED);
    if (!('draw' in r)) throw r.error;
    expect(r.draw.excluded).toEqual([
      { expertId: 't4', reason: 'same_organisation' },
      { expertId: 't5', reason: 'declared_relation' },
    ]);
    expect(new Set(r.draw.members.map((m) => m.expertId))).toEqual(new Set(['t1', 't2', 't3', 'f1', 'o1']));
    expect(r.draw.poolHash).toBe(poolHash(pool));
    expect(r.draw.poolSize).toBe(7);
  });

  it('hashes the pool independently of its order and changes the hash when an expert changes', () => {
    const a = [tech('t1', ['aerospace']), fin('f1')];
    expect(poolHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(poolHash([...a].reverse())).toBe(poolHash(a));
    expect(poolHash([tech('t1', ['new_materials']), fin('f1')])).not.toBe(poolHash(a));
  });

  it('draws differently with other seeds from a large pool', () => {
    const f: HnteField = 'aerospace';
    const pool = [
      ...Array.from({ length: 20 }, (_, i) => tech(`t${i}`, [f])),
      ...Array.from({ length: 5 }, (_, i) => fin(`f${i}`)),
    ];
    const panels = new Set(
      ['00', '01', '02', '03', '04'].map((s) => {
        const r = attempt(pool, f, `${s}112233445566778899aabbccddeeff`);
        return JSON.stringify((r as { draw: { members: unknown } }).draw.members);
      }),
    );
    expect(panels.size).toBeGreaterThan(1);
  });
});
