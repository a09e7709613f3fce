import { Double, Long } from 'bson';
import type { Doc } from './values';

/**
 * Numeric type fidelity. Documents hold plain JS numbers so mingo and the planner can compare them, but the
 * BSON type a client sent must come back: an Int64, or a Double with an integral value, would otherwise
 * re-serialize as Int32. Such fields are tagged on their container under a hidden symbol and re-wrapped on
 * the way out (replies and the log).
 */
const TAGS = Symbol('mongo-lite.numericTypes');
export type NumTag = 'l' | 'd';
type Container = (Doc | unknown[]) & { [TAGS]?: Record<string, NumTag> };

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const fitsInt32 = (n: number): boolean => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX;

export function tagOf(c: unknown, key: string | number): NumTag | undefined {
  return (c as Container)?.[TAGS]?.[String(key)];
}

export function setTag(c: object, key: string | number, tag: NumTag | undefined): void {
  const box = c as Container;
  if (!tag) {
    if (box[TAGS]) delete box[TAGS][String(key)];
    return;
  }
  if (!box[TAGS]) Object.defineProperty(box, TAGS, { value: {}, enumerable: false, writable: true });
  (box[TAGS] as Record<string, NumTag>)[String(key)] = tag;
}

/** Copies the tags of one container onto its copy. */
export function copyTags(from: object, to: object): void {
  const tags = (from as Container)[TAGS];
  if (tags) for (const [k, t] of Object.entries(tags)) setTag(to, k, t);
}

const bsonType = (v: unknown): string | undefined =>
  v !== null && typeof v === 'object' ? (v as { _bsontype?: string })._bsontype : undefined;

/** Replaces Int32/Double/Long objects (from `promoteValues: false`) by numbers, in place, tagging where needed. */
export function normalizeNumbers(c: Doc | unknown[]): void {
  const keys = Array.isArray(c) ? c.keys() : Object.keys(c);
  for (const k of keys) {
    const v = (c as Record<string | number, unknown>)[k];
    if (v === null || typeof v !== 'object') continue;
    const t = bsonType(v);
    if (t === 'Int32') (c as Record<string | number, unknown>)[k] = (v as { value: number }).value;
    else if (t === 'Double') {
      const n = (v as Double).value;
      (c as Record<string | number, unknown>)[k] = n;
      if (fitsInt32(n) || Object.is(n, -0)) setTag(c, k, 'd');
    } else if (t === 'Long') {
      const n = (v as Long).toNumber();
      if (Number.isSafeInteger(n)) {
        (c as Record<string | number, unknown>)[k] = n;
        setTag(c, k, 'l');
      }
    } else if (t === undefined && (Array.isArray(v) || isContainer(v))) normalizeNumbers(v as Doc);
  }
}

const isContainer = (v: object): boolean => v.constructor === Object || v.constructor === undefined;

/** A copy of `v` with tagged numbers wrapped back into Long/Double; untouched subtrees are shared. */
export function restoreNumbers<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const r = restoreValue(v, i, v[i]);
      if (r !== v[i]) (out ??= v.slice())[i] = r;
    }
    return (out ?? v) as T;
  }
  if (bsonType(v) !== undefined || !isContainer(v)) return v;
  let out: Doc | undefined;
  for (const k of Object.keys(v)) {
    const cur = (v as Doc)[k];
    const r = restoreValue(v, k, cur);
    if (r !== cur) (out ??= { ...(v as Doc) })[k] = r;
  }
  return (out ?? v) as T;
}

function restoreValue(c: object, k: string | number, v: unknown): unknown {
  if (typeof v === 'number') {
    const tag = tagOf(c, k);
    if (tag === 'l' && Number.isSafeInteger(v)) return Long.fromNumber(v);
    if (tag === 'd' || (tag === 'l' && !Number.isInteger(v))) return new Double(v);
    return v;
  }
  return restoreNumbers(v);
}

/** Tag for an arithmetic result, following the server's promotion: any Double → Double, else any Long → Long. */
export function arithmeticTag(a: NumTag | undefined, b: NumTag | undefined): NumTag | undefined {
  if (a === 'd' || b === 'd') return 'd';
  if (a === 'l' || b === 'l') return 'l';
  return undefined;
}
