import { MongoLiteError } from '../errors';
import { showValue } from './dup-key';
import { arithmeticTag, setTag, tagOf } from './numeric';
import { compareValues, type Doc, isPlainObject } from './values';

const SIMPLE_OPS = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max']);

/** Whether the update only uses field operators on plain dotted paths, which are applied here directly. */
export function isSimpleUpdate(ops: Doc): boolean {
  for (const [op, spec] of Object.entries(ops)) {
    if (!SIMPLE_OPS.has(op)) return false;
    for (const path of Object.keys(spec as Doc)) {
      if (path.split('.').some((p) => p === '' || p.startsWith('$') || /^\d+$/.test(p))) return false;
    }
  }
  return true;
}

/** Parent object of a path, creating missing levels; refuses to descend into a non-object as the server does. */
function parentOf(doc: Doc, parts: string[], create: boolean): Doc | undefined {
  let cur = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i] as string;
    const next = cur[p];
    if (next === undefined || next === null) {
      if (!create) return undefined;
      if (next === null) throw pathNotViable(p, parts[i + 1] as string, next);
      cur[p] = {};
    } else if (!isPlainObject(next)) {
      if (!create) return undefined;
      throw pathNotViable(p, parts[i + 1] as string, next);
    }
    cur = cur[p] as Doc;
  }
  return cur;
}

const pathNotViable = (parent: string, field: string, value: unknown): MongoLiteError =>
  new MongoLiteError(
    28,
    'PathNotViable',
    `Cannot create field '${field}' in element {${parent}: ${showValue(value)}}`,
  );

/** Applies $set/$unset/$inc/$mul/$min/$max in place on an already-copied document. Arguments are validated. */
export function applySimpleUpdate(doc: Doc, ops: Doc): void {
  for (const [op, spec] of Object.entries(ops)) {
    for (const [path, arg] of Object.entries(spec as Doc)) {
      const parts = path.split('.');
      const leaf = parts[parts.length - 1] as string;
      const parent = parentOf(doc, parts, op !== '$unset');
      if (!parent) continue;
      const cur = parent[leaf];
      const argTag = tagOf(spec, path);
      const assign = (value: unknown, tag: ReturnType<typeof tagOf>): void => {
        parent[leaf] = value;
        setTag(parent, leaf, tag);
      };
      switch (op) {
        case '$set':
          assign(arg, argTag);
          break;
        case '$unset':
          delete parent[leaf];
          setTag(parent, leaf, undefined);
          break;
        case '$inc':
          if (cur === undefined) assign(arg, argTag);
          else assign((cur as number) + (arg as number), arithmeticTag(tagOf(parent, leaf), argTag));
          break;
        case '$mul':
          if (cur === undefined) assign(0, argTag);
          else assign((cur as number) * (arg as number), arithmeticTag(tagOf(parent, leaf), argTag));
          break;
        case '$min':
          if (cur === undefined || compareValues(arg, cur) < 0) assign(arg, argTag);
          break;
        case '$max':
          if (cur === undefined || compareValues(arg, cur) > 0) assign(arg, argTag);
          break;
      }
    }
  }
}
