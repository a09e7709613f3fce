import { Query } from 'mingo';
import { MINGO_OPTIONS } from './mingo-options';
import { compareValues, type Doc, isPlainObject, keyOf, typeRank, valuesAtPath } from './values';

export type Matcher = (doc: Doc) => boolean;

export type Test = (v: unknown) => boolean;

export const simpleScalar = (v: unknown): boolean =>
  v !== null && v !== undefined && !Array.isArray(v) && !isPlainObject(v) && !(v instanceof RegExp);

/** Same-type comparison, as the server brackets range predicates by BSON type. */
const ranged =
  (bound: unknown, ok: (c: number) => boolean): Test =>
  (v) =>
    typeRank(v) === typeRank(bound) && ok(compareValues(v, bound));

/** The test `compileFilter`'s fast path applies to each value at a field (exported for covered counts). */
export function operatorTest(op: string, arg: unknown): Test | undefined {
  switch (op) {
    case '$eq': {
      if (!simpleScalar(arg)) return undefined;
      const k = keyOf(arg);
      return (v) => keyOf(v) === k;
    }
    case '$in': {
      if (!Array.isArray(arg) || !arg.every(simpleScalar)) return undefined;
      const ks = new Set(arg.map(keyOf));
      return (v) => ks.has(keyOf(v));
    }
    case '$gt':
      return simpleScalar(arg) ? ranged(arg, (c) => c > 0) : undefined;
    case '$gte':
      return simpleScalar(arg) ? ranged(arg, (c) => c >= 0) : undefined;
    case '$lt':
      return simpleScalar(arg) ? ranged(arg, (c) => c < 0) : undefined;
    case '$lte':
      return simpleScalar(arg) ? ranged(arg, (c) => c <= 0) : undefined;
    default:
      return undefined;
  }
}

/**
 * Compiles the common filter shapes (top-level fields with scalar equality, $in and ranges) into a direct
 * predicate; anything else goes to mingo. Compiling a mingo Query copies its whole operator table, which
 * dominated point-read cost. Each operator may be satisfied by a different array element, as on the server.
 */
function fastMatcher(filter: Doc): Matcher | undefined {
  const fieldTests: Array<[string, Test[]]> = [];
  const presence: Array<(doc: Doc) => boolean> = [];
  for (const [field, cond] of Object.entries(filter)) {
    if (field.startsWith('$') || /(^|\.)\d+(\.|$)/.test(field)) return undefined;
    const top = topLevelPresence(field, cond);
    if (top) {
      presence.push(top);
      continue;
    }
    const tests: Test[] = [];
    if (isPlainObject(cond) && Object.keys(cond).some((k) => k.startsWith('$'))) {
      for (const [op, arg] of Object.entries(cond)) {
        const t = operatorTest(op, arg);
        if (!t) return undefined;
        tests.push(t);
      }
    } else {
      const t = operatorTest('$eq', cond);
      if (!t) return undefined;
      tests.push(t);
    }
    fieldTests.push([field, tests]);
  }
  return (doc) =>
    presence.every((p) => p(doc)) &&
    fieldTests.every(([field, tests]) => {
      const values = field.includes('.') ? valuesAtPath(doc, field) : leafValues(doc[field]);
      return tests.every((t) => values.some(t));
    });
}

/**
 * `{ f: null }` and `{ f: { $exists: <bool> } }` on a top-level field (the projector's conditional
 * replacements send both): null matches a missing field, null, or an array holding null; $exists asks
 * whether the field is there at all.
 */
function topLevelPresence(field: string, cond: unknown): ((doc: Doc) => boolean) | undefined {
  if (field.includes('.')) return undefined;
  if (cond === null)
    return (doc) => {
      const v = doc[field];
      return v === undefined || v === null || (Array.isArray(v) && v.includes(null));
    };
  if (isPlainObject(cond) && Object.keys(cond).length === 1 && typeof cond.$exists === 'boolean') {
    const want = cond.$exists;
    return (doc) => (doc[field] !== undefined) === want;
  }
  return undefined;
}

function leafValues(v: unknown): unknown[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? (v.length === 0 ? [] : v) : [v];
}

export function compileFilter(filter: Doc): Matcher {
  if (Object.keys(filter).length === 0) return () => true;
  const fast = fastMatcher(filter);
  if (fast) return fast;
  const q = new Query(filter, MINGO_OPTIONS);
  return (doc) => q.test(doc);
}
