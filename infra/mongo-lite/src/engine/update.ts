import { ObjectId } from 'bson';
import { Aggregator, update as mingoUpdate } from 'mingo';
import { badValue, failedToParse, MongoLiteError, notImplemented, typeMismatch } from '../errors';
import { showValue } from './dup-key';
import { applySimpleUpdate, isSimpleUpdate } from './fast-update';
import { copyTags } from './numeric';
import { MINGO_OPTIONS } from './mingo-options';
import { cloneDeep, type Doc, getPath, isPlainObject, keyOf, typeName } from './values';

const OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$addToSet',
  '$pull',
  '$pullAll',
  '$pop',
  '$currentDate',
  '$bit',
  '$setOnInsert',
]);
const NUMERIC = new Set(['$inc', '$mul']);
const ARRAY_OPS = new Set(['$push', '$addToSet', '$pull', '$pullAll', '$pop']);
const PIPELINE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

export interface UpdateOptions {
  arrayFilters?: Doc[];
  filter?: Doc;
  isInsert?: boolean;
}

const immutableId = (): MongoLiteError =>
  new MongoLiteError(
    66,
    'ImmutableField',
    "Performing an update on the path '_id' would modify the immutable field '_id'",
  );

export const isReplacement = (u: unknown): boolean =>
  isPlainObject(u) && Object.keys(u).every((k) => !k.startsWith('$'));

/** Returns the updated copy of `doc`; the stored original is never touched. */
export function applyUpdate(doc: Doc, update: Doc | Doc[], opts: UpdateOptions = {}): Doc {
  if (Array.isArray(update)) return applyPipeline(doc, update);
  if (isReplacement(update)) return applyReplacement(doc, update);
  return applyOperators(doc, update, opts);
}

function applyReplacement(doc: Doc, replacement: Doc): Doc {
  if ('_id' in replacement && keyOf(replacement._id) !== keyOf(doc._id)) throw immutableId();
  const copy = cloneDeep(replacement);
  const { _id: _ignored, ...rest } = copy;
  const out = doc._id === undefined ? rest : { _id: doc._id, ...rest };
  copyTags(copy, out);
  return out;
}

function applyPipeline(doc: Doc, pipeline: Doc[]): Doc {
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0] ?? '';
    if (!PIPELINE_STAGES.has(name)) throw badValue(`${name} is not allowed to be used within an update`);
  }
  const [out] = new Aggregator(pipeline, MINGO_OPTIONS).run<Doc>([cloneDeep(doc)]);
  if (!out) throw badValue('update pipeline removed the document');
  if (keyOf(out._id) !== keyOf(doc._id)) throw immutableId();
  return out;
}

function applyOperators(doc: Doc, update: Doc, opts: UpdateOptions): Doc {
  const ops: Doc = {};
  for (const [op, spec] of Object.entries(update)) {
    if (!OPERATORS.has(op)) {
      throw failedToParse(
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (!isPlainObject(spec))
      throw failedToParse(`Modifiers operate on fields but we found type ${typeName(spec)} instead.`);
    if (op === '$setOnInsert') {
      if (opts.isInsert) ops.$set = mergeSpecs(ops.$set as Doc | undefined, spec);
      continue;
    }
    ops[op] = op === '$set' && ops.$set ? mergeSpecs(ops.$set as Doc, spec) : spec;
  }
  checkConflicts(update);
  for (const [op, spec] of Object.entries(ops)) checkOperator(doc, op, spec as Doc, opts.isInsert === true);
  for (const op of NUMERIC) if (ops[op]) ops[op] = numericArgs(ops[op] as Doc);
  const out = cloneDeep(doc);
  if (Object.keys(ops).length === 0) return out;
  if (isSimpleUpdate(ops)) applySimpleUpdate(out, ops);
  else mingoUpdate(out, ops, opts.arrayFilters, opts.filter, { queryOptions: MINGO_OPTIONS });
  return out;
}

/** Two operators touching the same path (or a path and its parent) are rejected, as the server does. */
function checkConflicts(update: Doc): void {
  const paths: string[] = [];
  for (const [op, spec] of Object.entries(update)) {
    for (const [path, v] of Object.entries(spec as Doc)) {
      paths.push(path);
      if (op === '$rename' && typeof v === 'string') paths.push(v);
    }
  }
  const norm = paths.map((p) =>
    p
      .split('.')
      .filter((s) => !s.startsWith('$'))
      .join('.'),
  );
  for (let i = 0; i < norm.length; i++) {
    for (let j = i + 1; j < norm.length; j++) {
      const a = norm[i] as string;
      const b = norm[j] as string;
      if (a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`)) {
        throw new MongoLiteError(
          40,
          'ConflictingUpdateOperators',
          `Updating the path '${paths[j]}' would create a conflict at '${a.length <= b.length ? a : b}'`,
        );
      }
    }
  }
}

const isNumeric = (v: unknown): boolean =>
  typeof v === 'number' ||
  ['Long', 'Int32', 'Double'].includes((v as { _bsontype?: string })?._bsontype ?? '');
function mergeSpecs(a: Doc | undefined, b: Doc): Doc {
  const out = { ...(a ?? {}), ...b };
  if (a) copyTags(a, out);
  copyTags(b, out);
  return out;
}

/** mingo does arithmetic on JS numbers only; Int64 beyond 2^53 would lose precision, so it is refused. */
function numericArgs(spec: Doc): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(spec)) {
    if (typeof v === 'number') out[k] = v;
    else {
      const n = Number((v as { valueOf(): unknown }).valueOf());
      if (!Number.isSafeInteger(n) && Number.isInteger(n))
        throw notImplemented('Int64 arithmetic beyond 2^53');
      out[k] = n;
    }
  }
  copyTags(spec, out);
  return out;
}

const isDecimal = (v: unknown): boolean => (v as { _bsontype?: string })?._bsontype === 'Decimal128';

const showId = (doc: Doc): string => `{ _id: ${showValue(doc._id)} }`;

function checkOperator(doc: Doc, op: string, spec: Doc, isInsert: boolean): void {
  for (const [path, arg] of Object.entries(spec)) {
    if (path === '_id' || path.startsWith('_id.')) {
      const same = op === '$set' && (isInsert || keyOf(arg) === keyOf(doc._id));
      if (!same) throw immutableId();
    }
    const positional = path.split('.').some((s) => s.startsWith('$'));
    const current = positional ? undefined : getPath(doc, path);
    if (NUMERIC.has(op)) {
      if (isDecimal(arg) || isDecimal(current)) throw notImplemented('Decimal128 arithmetic');
      if (!isNumeric(arg)) {
        const verb = op === '$inc' ? 'increment' : 'multiply';
        throw typeMismatch(`Cannot ${verb} with non-numeric argument: {${path}: ${JSON.stringify(arg)}}`);
      }
      if (current !== undefined && !isNumeric(current)) {
        throw typeMismatch(
          `Cannot apply ${op} to a value of non-numeric type. ${showId(doc)} has the field '${path}' of non-numeric type ${typeName(current)}`,
        );
      }
    }
    if (ARRAY_OPS.has(op) && current !== undefined && !Array.isArray(current)) {
      if (op === '$addToSet') {
        throw badValue(
          `Cannot apply $addToSet to non-array field. Field named '${path}' has non-array type ${typeName(current)}`,
        );
      }
      if (op === '$push') {
        throw badValue(
          `The field '${path}' must be an array but is of type ${typeName(current)} in document ${showId(doc)}`,
        );
      }
      if (op === '$pull' || op === '$pullAll') throw badValue('Cannot apply $pull to a non-array value');
      throw badValue(`Path '${path}' contains an element of non-array type '${typeName(current)}'`);
    }
    if ((op === '$min' || op === '$max') && (isDecimal(arg) || isDecimal(current))) {
      throw notImplemented('Decimal128 comparison in $min/$max');
    }
  }
}

/** The equality fields of an upsert filter seed the inserted document, as with the server. */
export function upsertSeed(filter: Doc): Doc {
  const fields: Doc = {};
  const collect = (f: Doc): void => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) v.forEach((s) => isPlainObject(s) && collect(s));
      if (k.startsWith('$')) continue;
      if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
        if ('$eq' in v) fields[k] = v.$eq;
      } else if (!(v instanceof RegExp)) fields[k] = v;
    }
  };
  collect(filter);
  const seed: Doc = {};
  for (const [path, v] of Object.entries(fields)) setPath(seed, path, cloneDeep(v));
  return seed;
}

/** Builds the document an upsert inserts: seed, then the update (with $setOnInsert), `_id` first. */
export function upsertDocument(filter: Doc, update: Doc | Doc[], arrayFilters?: Doc[]): Doc {
  const seed = upsertSeed(filter);
  let doc: Doc;
  if (Array.isArray(update)) doc = applyPipeline(seed, update);
  else if (isReplacement(update)) {
    const copy = cloneDeep(update);
    const { _id, ...rest } = copy;
    doc = { _id: _id ?? seed._id, ...rest };
    copyTags(copy, doc);
    if (doc._id === undefined) delete doc._id;
  } else doc = applyOperators(seed, update, { isInsert: true, arrayFilters });
  const { _id, ...rest } = doc;
  const out = { _id: _id === undefined ? new ObjectId() : _id, ...rest };
  copyTags(doc, out);
  return out;
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (const p of parts.slice(0, -1)) {
    if (!isPlainObject(cur[p])) cur[p] = {};
    cur = cur[p] as Doc;
  }
  cur[parts.at(-1) as string] = value;
}
