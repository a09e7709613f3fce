import type { InputProblem } from '@peiyu/contracts';
import type { Rule } from 'antd/es/form';
import type { z } from 'zod';

/** Chinese for the contracts' impossible-input codes (the API's detail is localised the same way). */
const PROBLEM_ZH: Record<string, string> = {
  'input.tech-staff-above-employees': '科技人员数不能超过职工总数',
  'input.rd-above-total-cost': '研发费用不能超过成本费用总额',
  'input.high-tech-revenue-above-total': '高新技术产品（服务）收入不能超过总收入',
};
const say = (lang: 'zh' | 'en', code: string | undefined, message: string) =>
  (lang === 'zh' && code ? PROBLEM_ZH[code] : undefined) ?? message;

/**
 * An antd Form rule from a zod schema: the whole form is parsed with the very schema the service uses, and the
 * issues on this field's path are its messages — so the form validates as you type with the API's rules.
 * zod runs an object's refinements only once every field parses, so the contracts' cross-field checks
 * (`problems`, the same functions the schema refines with) also run on the partial form.
 */
export function zodRule(
  schema: z.ZodType,
  toInput: (values: never) => unknown,
  path: readonly string[],
  o: { lang: 'zh' | 'en'; problems?: (input: never) => readonly InputProblem[] } = { lang: 'zh' },
): Rule {
  const key = path.join('.');
  return ({ getFieldsValue }) => ({
    validator: async () => {
      const input = toInput(getFieldsValue(true) as never);
      const result = schema.safeParse(input);
      const messages = result.success
        ? []
        : result.error.issues
            .filter((i) => i.path.join('.') === key)
            .map((i) => say(o.lang, (i as { params?: { code?: string } }).params?.code, i.message));
      if (messages.length === 0 && o.problems) {
        for (const p of o.problems(input as never))
          if (p.path === key) messages.push(say(o.lang, p.code, p.message));
      }
      if (messages.length > 0) throw new Error([...new Set(messages)].join('；'));
    },
  });
}

/** Puts a problem's field errors (JSON pointers `/body/form/techStaff`) on the form's fields. */
export function fieldErrorsFor(
  errors: ReadonlyArray<{ path: string; message: string; code?: string }> | undefined,
  strip: string,
  lang: 'zh' | 'en' = 'zh',
): Array<{ name: string[]; errors: string[] }> {
  return (errors ?? [])
    .filter((e) => e.path.startsWith(strip))
    .map((e) => ({
      name: e.path.slice(strip.length).split('/').filter(Boolean),
      errors: [say(lang, e.code, e.message)],
    }));
}
