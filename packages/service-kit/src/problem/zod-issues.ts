import type { z } from 'zod';
import type { FieldError } from './problem';

function pointerSegment(segment: PropertyKey): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** JSON Pointer (RFC 6901) for a path under a request part, e.g. `/body/items/0/name`. */
export function jsonPointer(part: string, path: readonly PropertyKey[]): string {
  return ['', part, ...path].map(pointerSegment).join('/');
}

/** Whether the raw input has nothing at `path` (a coerced field then fails as NaN, not as undefined). */
function absent(input: unknown, path: readonly PropertyKey[]): boolean {
  if (input === undefined) return false;
  let at: unknown = input;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return true;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at === undefined;
}

/**
 * One FieldError per failing field. zod reports unknown keys as a single issue on the parent object; we split it
 * so each unknown field is named at its own path, which is what a form needs.
 */
export function fieldErrorsOf(part: string, error: z.ZodError, input?: unknown): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: jsonPointer(part, [...issue.path, key]),
        message: 'unknown field',
        code: 'unrecognized_keys',
      }));
    }
    // zod says "expected string, received undefined" for an absent field: a form wants "required".
    if (
      issue.code === 'invalid_type' &&
      (/received undefined$/.test(issue.message) || absent(input, issue.path))
    ) {
      return [{ path: jsonPointer(part, issue.path), message: 'required', code: 'required' }];
    }
    return [{ path: jsonPointer(part, issue.path), message: issue.message, code: issue.code }];
  });
}
