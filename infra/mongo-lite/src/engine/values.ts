import { copyTags } from './numeric';

/**
 * Value helpers that follow MongoDB's BSON comparison order, so index scans and sorts agree with a real server.
 * Documents are plain objects as produced by `bson.deserialize` with promoted numbers.
 */
export type Doc = Record<string, unknown>;

const bsonType = (v: object): string | undefined => (v as { _bsontype?: string })._bsontype;

/** Rank of a value's type in the BSON sort order (null and missing sort first). */
export function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 1;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 2;
    case 'string':
      return 3;
    case 'boolean':
      return 8;
    default:
      break;
  }
  if (Array.isArray(v)) return 5;
  if (v instanceof Date) return 9;
  if (v instanceof RegExp) return 11;
  switch (bsonType(v as object)) {
    case 'MinKey':
      return 0;
    case 'Long':
    case 'Double':
    case 'Int32':
    case 'Decimal128':
      return 2;
    case 'Binary':
      return 6;
    case 'ObjectId':
      return 7;
    case 'Timestamp':
      return 10;
    case 'BSONRegExp':
      return 11;
    case 'MaxKey':
      return 100;
    default:
      return 4;
  }
}

function numberOf(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const b = v as { toNumber?: () => number; valueOf: () => unknown; toString: () => string };
  if (typeof b.toNumber === 'function') return b.toNumber();
  return Number(b.toString());
}

const cmpPrim = (a: number | string, b: number | string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Total order over BSON values, following the server's cross-type order. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 1:
    case 0:
    case 100:
      return 0;
    case 2:
      return cmpPrim(numberOf(a), numberOf(b));
    case 3:
      return cmpPrim(a as string, b as string);
    case 8:
      return cmpPrim(Number(a), Number(b));
    case 9:
      return cmpPrim((a as Date).getTime(), (b as Date).getTime());
    case 5:
      return compareArrays(a as unknown[], b as unknown[]);
    case 4:
      return compareObjects(a as Doc, b as Doc);
    case 6:
      return compareBinary(a, b);
    case 10:
      return compareTimestamp(a, b);
    default:
      return cmpPrim(String(a), String(b));
  }
}

function compareArrays(a: unknown[], b: unknown[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function compareObjects(a: Doc, b: Doc): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const x = ka[i] as string;
    const y = kb[i] as string;
    const c = compareValues(a[x], b[y]) || cmpPrim(x, y);
    if (c !== 0) return c;
  }
  return ka.length - kb.length;
}

function compareBinary(a: unknown, b: unknown): number {
  const x = (a as { buffer: Uint8Array; sub_type: number }).buffer;
  const y = (b as { buffer: Uint8Array; sub_type: number }).buffer;
  if (x.length !== y.length) return x.length - y.length;
  return Buffer.compare(Buffer.from(x), Buffer.from(y));
}

function compareTimestamp(a: unknown, b: unknown): number {
  const x = a as { high: number; low: number };
  const y = b as { high: number; low: number };
  return cmpPrim(x.high, y.high) || cmpPrim(x.low >>> 0, y.low >>> 0);
}

/** A string that is equal for two values exactly when MongoDB considers them equal (used as hash keys). */
export function keyOf(v: unknown): string {
  if (v === undefined || v === null) return 'N';
  switch (typeof v) {
    case 'number':
      return Object.is(v, -0) ? 'n0' : `n${v}`;
    case 'bigint':
      return `n${v}`;
    case 'string':
      return `s${v}`;
    case 'boolean':
      return v ? 'b1' : 'b0';
    default:
      break;
  }
  if (Array.isArray(v)) return `a${JSON.stringify(v.map(keyOf))}`;
  if (v instanceof Date) return `d${v.getTime()}`;
  if (v instanceof RegExp) return `r${v.source}/${v.flags}`;
  const t = bsonType(v as object);
  switch (t) {
    case 'ObjectId':
      return `o${(v as { toHexString(): string }).toHexString()}`;
    case 'Long':
    case 'Int32':
    case 'Double':
      return `n${numberOf(v)}`;
    case 'Binary': {
      const b = v as { buffer: Uint8Array; sub_type: number };
      return `B${b.sub_type}:${Buffer.from(b.buffer).toString('base64')}`;
    }
    case undefined: {
      const o = v as Doc;
      return `{${JSON.stringify(Object.keys(o).map((k) => [k, keyOf(o[k])]))}`;
    }
    default:
      return `${t}:${String(v)}`;
  }
}

/**
 * Deep copy of plain objects and arrays. BSON value classes (ObjectId, Binary, ...) are immutable in practice and
 * are shared; Dates are copied because they are mutable.
 */
export function cloneDeep<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const arr = v.map(cloneDeep);
    copyTags(v, arr);
    return arr as T;
  }
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (bsonType(v) !== undefined || v instanceof RegExp) return v;
  const out: Doc = {};
  for (const k of Object.keys(v as Doc)) out[k] = cloneDeep((v as Doc)[k]);
  copyTags(v, out);
  return out as T;
}

/** All values reachable by a dotted path, expanding arrays (multikey semantics). Missing yields []. */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const parts = path.split('.');
  const out: unknown[] = [];
  const walk = (cur: unknown, i: number): void => {
    if (i === parts.length) {
      if (Array.isArray(cur)) {
        if (cur.length === 0) out.push(undefined);
        else out.push(...cur);
      } else out.push(cur);
      return;
    }
    if (cur === null || typeof cur !== 'object') return;
    if (Array.isArray(cur)) {
      const idx = /^\d+$/.test(parts[i] as string) ? Number(parts[i]) : NaN;
      if (!Number.isNaN(idx)) return walk(cur[idx], i + 1);
      for (const el of cur) walk(el, i);
      return;
    }
    const next = (cur as Doc)[parts[i] as string];
    if (next === undefined) return;
    walk(next, i + 1);
  };
  walk(doc, 0);
  return out;
}

/** The single value at a dotted path without array expansion (undefined when absent). */
export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const p of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Doc)[p];
  }
  return cur;
}

/** MongoDB's type name, for error messages that mirror the server's wording. */
export function typeName(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 31 ? 'int' : 'double';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  const t = bsonType(v as object);
  if (t === 'ObjectId') return 'objectId';
  if (t === 'Binary') return 'binData';
  if (t === 'Decimal128') return 'decimal';
  if (t === 'Long') return 'long';
  return t ? t.toLowerCase() : 'object';
}

export const isPlainObject = (v: unknown): v is Doc =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  !(v instanceof Date) &&
  !(v instanceof RegExp) &&
  bsonType(v) === undefined;
