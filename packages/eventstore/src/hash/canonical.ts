import { ValidationError } from '@peiyu/service-kit';

/**
 * Canonical serialisation of event values (specified in README.md, "Canonical form"). The bytes must be
 * identical for equal values however they were built or stored, so an auditor in any language can recompute
 * the hash chain: object members sorted by code point, one fixed number format, dates as UTC ISO strings.
 */

/**
 * A value that has no canonical form (a lone UTF-16 surrogate, a non-finite or unsafe number, a Map…). It is a
 * validation error, answered 400 naming the field, never a crash (finding 7: a lone surrogate gave 500): such a
 * value comes from input that slipped past the edge's schema, and nothing is stored or hashed.
 */
export class CanonicalisationError extends ValidationError {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${message} at ${path || '<root>'}`, [
      { path: path.replace(/^\./, '') || '(root)', message, code: 'canonical' },
    ]);
    Object.defineProperty(this, 'name', { value: 'CanonicalisationError' });
  }
}

/** Canonical text of a value; UTF-8 encode it to get the hashed bytes. */
export function canonicalize(value: unknown): string {
  return write(value, '');
}

/**
 * The value as it will be stored and hashed: undefined members dropped, dates turned into strings, -0 as 0.
 * Storing exactly this keeps the hash of what is read back equal to the hash computed on append.
 */
export function normalize(value: unknown): unknown {
  return JSON.parse(canonicalize(value)) as unknown;
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return writeNumber(value, path);
    case 'string':
      return writeString(value, path);
    case 'object':
      return writeObject(value as object, path);
    default:
      throw new CanonicalisationError(`unsupported ${typeof value}`, path);
  }
}

function writeObject(value: object, path: string): string {
  if (Array.isArray(value)) {
    return `[${value.map((item, i) => (item === undefined ? 'null' : write(item, `${path}[${i}]`))).join(',')}]`;
  }
  if (isDate(value)) return writeString(isoDate(value, path), path);
  if (!isPlainObject(value)) {
    throw new CanonicalisationError(
      `unsupported object ${value.constructor?.name ?? 'without prototype'}`,
      path,
    );
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort(compareCodePoints);
  const members = keys.map((k) => `${writeString(k, path)}:${write(record[k], `${path}.${k}`)}`);
  return `{${members.join(',')}}`;
}

/** Integers in the safe range as plain decimals; other finite numbers in ECMAScript's shortest round-trip form. */
function writeNumber(n: number, path: string): string {
  if (!Number.isFinite(n)) throw new CanonicalisationError(`non-finite number ${n}`, path);
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) {
    throw new CanonicalisationError(`integer ${n} outside ±(2^53-1); store it as a string`, path);
  }
  return Object.is(n, -0) ? '0' : String(n);
}

// Realm-independent checks: values may come from another vm context (structuredClone, worker, test runner),
// whose Object.prototype and Date are different objects from ours.
function isDate(value: object): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return (
    proto === null ||
    (Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]')
  );
}

function isoDate(d: Date, path: string): string {
  if (Number.isNaN(d.getTime())) throw new CanonicalisationError('invalid date', path);
  return d.toISOString();
}

const SHORT_ESCAPES: Record<number, string> = {
  8: '\\b',
  9: '\\t',
  10: '\\n',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
};

// Only the characters JSON forces us to escape are escaped; everything else is written as itself (UTF-8).
function writeString(s: string, path: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const pair = c <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1));
      if (!pair) throw new CanonicalisationError('lone surrogate in string', path);
      i++;
      continue;
    }
    if (c >= 0x20 && c !== 34 && c !== 92) continue;
    out += s.slice(start, i) + (SHORT_ESCAPES[c] ?? `\\u00${c.toString(16).padStart(2, '0')}`);
    start = i + 1;
  }
  return `${out}${s.slice(start)}"`;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Orders strings by Unicode code point (= by their UTF-8 bytes). JavaScript's default sort compares UTF-16
 * code units, which disagrees for characters above U+FFFF versus U+E000..U+FFFF; the remap fixes that.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return remap(x) - remap(y);
  }
  return a.length - b.length;
}

function remap(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return c + 0x2000;
  if (c >= 0xe000) return c - 0x800;
  return c;
}
