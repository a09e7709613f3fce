import type { Rule } from 'antd/es/form';
import type { z } from 'zod';

/**
 * An antd Form rule from a zod schema: the whole form is parsed with the very schema the service uses, and the
 * issues on this field's path are its messages — so the form validates as you type with the API's rules.
 */
export function zodRule(schema: z.ZodType, toInput: (values: never) => unknown, path: readonly string[]): Rule {
  return ({ getFieldsValue }) => ({
    validator: async () => {
      const result = schema.safeParse(toInput(getFieldsValue(true) as never));
      if (result.success) return;
      const mine = result.error.issues.filter((i) => i.path.join('.') === path.join('.'));
      if (mine.length > 0) throw new Error(mine.map((i) => i.message).join('；'));
    },
  });
}

/** Puts a problem's field errors (JSON pointers `/body/form/techStaff`) on the form's fields. */
export function fieldErrorsFor(
  errors: ReadonlyArray<{ path: string; message: string }> | undefined,
  strip: string,
): Array<{ name: string[]; errors: string[] }> {
  return (errors ?? [])
    .filter((e) => e.path.startsWith(strip))
    .map((e) => ({ name: e.path.slice(strip.length).split('/').filter(Boolean), errors: [e.message] }));
}
