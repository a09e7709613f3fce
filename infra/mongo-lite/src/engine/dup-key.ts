import { EJSON } from 'bson';
import { MongoLiteError } from '../errors';
import type { IndexSpec } from './index-store';
import type { Doc } from './values';

/** Renders a key value the way the server's E11000 message does (`"text"`, `ObjectId('...')`, numbers bare). */
export function showValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const t = (v as { _bsontype?: string })._bsontype;
  if (t === 'ObjectId') return `ObjectId('${(v as { toHexString(): string }).toHexString()}')`;
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  return EJSON.stringify(v as Doc, { relaxed: true });
}

/** The duplicate-key error (11000) with `keyPattern` and `keyValue`, shaped like the server's. */
export function duplicateKeyError(
  ns: string,
  index: { fields: string[]; spec: IndexSpec },
  vals: unknown[],
): MongoLiteError {
  const keyValue: Doc = {};
  index.fields.forEach((f, i) => (keyValue[f] = vals[i] ?? null));
  const shown = index.fields.map((f, i) => `${f}: ${showValue(vals[i])}`).join(', ');
  return new MongoLiteError(
    11000,
    'DuplicateKey',
    `E11000 duplicate key error collection: ${ns} index: ${index.spec.name} dup key: { ${shown} }`,
    { keyPattern: { ...index.spec.key }, keyValue },
  );
}
