import { HnteApplicationFormSchema } from '@peiyu/contracts';
import { runPrecheck } from '../domain';
import { DEMO_TARGETS, demoForm, demoSlots, stepsOf, YUEYANG_FIRST_BATCH_2022 } from './plan';

describe('the demo plan: 岳阳, first batch of 2022, by county', () => {
  const slots = demoSlots();
  it('has the seed figures per county and every target state', () => {
    for (const c of YUEYANG_FIRST_BATCH_2022)
      expect(slots.filter((s) => s.countyCode === c.code)).toHaveLength(c.applications);
    expect(slots).toHaveLength(150);
    expect(new Set(slots.map((s) => s.target))).toEqual(new Set(DEMO_TARGETS));
    expect(new Set(slots.map((s) => s.uscc)).size).toBe(150);
  });
  it('gives valid forms meeting the data conditions, each with its own Class II item', () => {
    const forms = slots.map((s) => demoForm(s, 2026));
    for (const f of forms) HnteApplicationFormSchema.parse(f);
    const classII = forms.flatMap((f) => f.ipItems.filter((i) => i.ipClass === 'II').map((i) => i.number));
    expect(new Set(classII).size).toBe(150);
    const p = runPrecheck(forms[0]!, '2015-03-01', '2026-06-01', 'hnte-2016-32');
    expect(p.conditions.filter((c) => c.id !== 7).every((c) => c.met === true)).toBe(true);
  });
  it('walks review targets through the county and the panel', () => {
    expect(stepsOf('certified')).toEqual(['submit', 'recommend', 'panel', 'score_pass', 'conclude']);
    expect(stepsOf('draft')).toEqual([]);
  });
});
