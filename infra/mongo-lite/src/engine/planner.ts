import type { Collection } from './collection';
import { encodeKey, type IndexStore, type Range } from './index-store';
import { compareValues, type Doc, isPlainObject, keyOf } from './values';

/** Candidate document ids for a filter: a superset of the matches, or every document when no index helps. */
export interface Plan {
  ids: Iterable<string> | 'all';
  /** True when `ids` already follows the requested sort. */
  sorted: boolean;
  index?: string;
}

interface FieldCond {
  eq?: unknown;
  hasEq?: boolean;
  in?: unknown[];
  range?: Range;
}

const indexableScalar = (v: unknown): boolean =>
  !Array.isArray(v) && !isPlainObject(v) && !(v instanceof RegExp);

function collect(filter: Doc, out: Map<string, FieldCond>): void {
  for (const [field, value] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(value)) {
      for (const sub of value) if (isPlainObject(sub)) collect(sub, out);
      continue;
    }
    if (field.startsWith('$')) continue;
    const cond = out.get(field) ?? {};
    if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
      addOperators(cond, value);
    } else if (indexableScalar(value)) {
      cond.eq = value;
      cond.hasEq = true;
    }
    out.set(field, cond);
  }
}

function addOperators(cond: FieldCond, ops: Doc): void {
  for (const [op, v] of Object.entries(ops)) {
    if (op === '$eq' && indexableScalar(v)) {
      cond.eq = v;
      cond.hasEq = true;
    } else if (op === '$in' && Array.isArray(v) && v.every(indexableScalar)) {
      cond.in = v;
    } else if ((op === '$gt' || op === '$gte') && indexableScalar(v) && v !== null) {
      const r = (cond.range ??= {});
      if (!r.lo || compareValues(v, r.lo.value) > 0) r.lo = { value: v, inclusive: op === '$gte' };
    } else if ((op === '$lt' || op === '$lte') && indexableScalar(v) && v !== null) {
      const r = (cond.range ??= {});
      if (!r.hi || compareValues(v, r.hi.value) < 0) r.hi = { value: v, inclusive: op === '$lte' };
    }
  }
}

function sortField(sort: Doc | undefined): { field: string; dir: number } | undefined {
  if (!sort) return undefined;
  const keys = Object.keys(sort);
  if (keys.length !== 1) return undefined;
  const field = keys[0] as string;
  return { field, dir: Number(sort[field]) < 0 ? -1 : 1 };
}

function* unionScan(index: IndexStore, values: unknown[]): Generator<string> {
  const seen = new Set<string>();
  for (const v of values) {
    for (const id of index.scan({ lo: { value: v, inclusive: true }, hi: { value: v, inclusive: true } })) {
      if (!seen.has(id)) {
        seen.add(id);
        yield id;
      }
    }
  }
}

function* dedupeIds(ids: Iterable<string>): Generator<string> {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    yield id;
  }
}

/** Picks an index for equality, `$in` and range predicates, or for walking in sort order. */
export function plan(coll: Collection, filter: Doc, sort?: Doc): Plan {
  const conds = new Map<string, FieldCond>();
  collect(filter, conds);
  const idCond = conds.get('_id');
  if (idCond?.hasEq) return { ids: [keyOf(idCond.eq)], sorted: false, index: '_id_' };
  if (idCond?.in) return { ids: [...new Set(idCond.in.map(keyOf))], sorted: false, index: '_id_' };

  const usable = [...coll.indexes.values()].filter((i) => i.complete);
  const exact = usable
    .filter((i) => i.fields.every((f) => conds.get(f)?.hasEq))
    .sort((a, b) => Number(b.unique) - Number(a.unique))[0];
  if (exact) {
    const key = encodeKey(exact.fields.map((f) => conds.get(f)?.eq ?? null));
    return { ids: [...(exact.lookup(key) ?? [])], sorted: false, index: exact.spec.name };
  }

  const wanted = sortField(sort);
  const leading = usable.filter((i) => {
    const c = conds.get(i.fields[0] as string);
    return c && (c.hasEq || c.in || c.range);
  });
  leading.sort((a, b) => score(b, conds, wanted) - score(a, conds, wanted));
  const best = leading[0];
  if (best) {
    const c = conds.get(best.fields[0] as string) as FieldCond;
    const ordered = !!wanted && wanted.field === best.fields[0] && !best.multikey && !c.in;
    const reverse = ordered && wanted?.dir === -1;
    if (c.hasEq) {
      const range = { lo: { value: c.eq, inclusive: true }, hi: { value: c.eq, inclusive: true } };
      return { ids: dedupeIds(best.scan(range, reverse)), sorted: ordered, index: best.spec.name };
    }
    if (c.in) return { ids: unionScan(best, c.in), sorted: false, index: best.spec.name };
    return { ids: dedupeIds(best.scan(c.range as Range, reverse)), sorted: ordered, index: best.spec.name };
  }

  if (wanted) {
    const walk = usable.find((i) => i.fields[0] === wanted.field && !i.multikey);
    if (walk)
      return { ids: dedupeIds(walk.scan({}, wanted.dir === -1)), sorted: true, index: walk.spec.name };
  }
  return { ids: 'all', sorted: false };
}

function score(i: IndexStore, conds: Map<string, FieldCond>, wanted?: { field: string }): number {
  const c = conds.get(i.fields[0] as string) as FieldCond;
  let s = c.hasEq ? 8 : c.in ? 4 : c.range?.lo && c.range.hi ? 3 : 2;
  if (i.unique) s += 1;
  if (wanted && wanted.field === i.fields[0]) s += 1;
  return s;
}
