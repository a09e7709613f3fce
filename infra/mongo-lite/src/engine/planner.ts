import type { Collection } from './collection';
import { compareKeys, encodeKey, type IndexStore, type Range } from './index-store';
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

/**
 * The runs of `prefix` + each `$in` value (each in index order over the rest of the key), merged by the rest
 * of the key: the index order with the `$in` field left out — a sort on the fields after it (a SORT_MERGE).
 */
function* mergeRuns(
  index: IndexStore,
  prefix: unknown[],
  values: unknown[],
  range: Range,
  dir: 1 | -1,
): Generator<string> {
  const k = prefix.length + 1;
  const sorted = [...values].sort(compareValues);
  const distinct = sorted.filter((v, i) => i === 0 || compareValues(sorted[i - 1], v) !== 0);
  const runs = distinct.map((v) => index.scanEntries(range, dir === -1, [...prefix, v]));
  const heads = runs.map((r) => r.next());
  const rest = (vals: unknown[]): unknown[] => vals.slice(k);
  for (;;) {
    let at = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i] as IteratorResult<[unknown[], string]>;
      if (h.done) continue;
      const best = heads[at] as IteratorResult<[unknown[], string]> | undefined;
      if (
        at < 0 ||
        compareKeys(rest(h.value[0]), rest((best as { value: [unknown[], string] }).value[0])) * dir < 0
      )
        at = i;
    }
    if (at < 0) return;
    yield (heads[at] as { value: [unknown[], string] }).value[1];
    heads[at] = (runs[at] as Generator<[unknown[], string]>).next();
  }
}

/** Picks an index for equality, `$in` and range predicates, or for walking in sort order. */
export function plan(coll: Collection, filter: Doc, sort?: Doc): Plan {
  const conds = new Map<string, FieldCond>();
  collect(filter, conds);
  const or = filter.$or;
  if (Array.isArray(or) && or.length > 0 && !hasIndexedCondition(coll, conds))
    return planOr(coll, filter, or);
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

  let best: { index: IndexStore; k: number; next?: FieldCond; score: number; merge?: 1 | -1 } | undefined;
  for (const index of usable) {
    let k = 0;
    while (k < index.fields.length && conds.get(index.fields[k] as string)?.hasEq) k++;
    const next = conds.get(index.fields[k] as string);
    // `$in` after an equality prefix: one run per value, merged in sort order when the rest of the key is it
    const merge = k > 0 && next?.in && !next.range ? followsSort(index, k + 1, conds, sort) : 0;
    const usefulNext = next && (next.range || (next.in && (k === 0 || merge))) ? next : undefined;
    if (k === 0 && !usefulNext) continue;
    const score =
      k * 10 +
      (usefulNext ? (usefulNext.in ? 2 : 3) : 0) +
      (index.unique ? 1 : 0) +
      (followsSort(index, k, conds, sort) || merge ? 1 : 0);
    if (!best || score > best.score) best = { index, k, next: usefulNext, score, merge: merge || undefined };
  }
  if (best) {
    const { index, k, next } = best;
    const prefix = index.fields.slice(0, k).map((f) => conds.get(f)?.eq);
    if (next?.in && best.merge) {
      const range = conds.get(index.fields[k + 1] as string)?.range ?? {};
      const ids = dedupeIds(mergeRuns(index, prefix, next.in, range, best.merge));
      return { ids, sorted: true, index: index.spec.name };
    }
    if (next?.in) return { ids: unionScan(index, next.in), sorted: false, index: index.spec.name };
    const dir = followsSort(index, k, conds, sort);
    const ids = dedupeIds(index.scan(next?.range ?? {}, dir === -1, prefix));
    return { ids, sorted: dir !== 0, index: index.spec.name };
  }

  if (sort && Object.keys(sort).length > 0) {
    for (const index of usable) {
      const dir = followsSort(index, 0, conds, sort);
      if (dir !== 0)
        return { ids: dedupeIds(index.scan({}, dir === -1)), sorted: true, index: index.spec.name };
    }
  }
  return { ids: 'all', sorted: false };
}

function hasIndexedCondition(coll: Collection, conds: Map<string, FieldCond>): boolean {
  if (conds.get('_id')?.hasEq || conds.get('_id')?.in) return true;
  return [...coll.indexes.values()].some((i) => i.complete && conds.get(i.fields[0] as string) !== undefined);
}

/** `$or`: the union of each branch's plan (with the other conditions), or a scan if any branch needs one. */
function planOr(coll: Collection, filter: Doc, branches: unknown[]): Plan {
  const { $or: _or, ...rest } = filter;
  const plans: Plan[] = [];
  for (const b of branches) {
    if (!isPlainObject(b)) return { ids: 'all', sorted: false };
    const p = plan(coll, { ...rest, ...b });
    if (p.ids === 'all') return { ids: 'all', sorted: false };
    plans.push(p);
  }
  return {
    ids: dedupeIds(plans.flatMap((p) => [...(p.ids as Iterable<string>)])),
    sorted: false,
    index: '$or',
  };
}

/**
 * Whether walking `index` (its first k fields fixed by equality) yields documents in `sort` order: 1 forward,
 * -1 backward, 0 no. Sort keys on the fixed fields are constant and skipped; the rest must follow the index.
 */
function followsSort(index: IndexStore, k: number, conds: Map<string, FieldCond>, sort?: Doc): 1 | -1 | 0 {
  if (!sort || index.multikey) return 0;
  const keys = Object.entries(sort).filter(
    ([f]) => !(conds.get(f)?.hasEq && index.fields.slice(0, k).includes(f)),
  );
  if (keys.length === 0) return 0;
  let dir: 1 | -1 | undefined;
  for (let i = 0; i < keys.length; i++) {
    const [field, d] = keys[i] as [string, unknown];
    if (index.fields[k + i] !== field) return 0;
    const sign = Number(d) < 0 ? -1 : 1;
    if (dir !== undefined && sign !== dir) return 0;
    dir = sign;
  }
  return dir ?? 0;
}
