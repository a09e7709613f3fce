import { encodeDoc, primeEncoded } from '../wire/bson-bytes';
import { copyTags } from './numeric';
import type { Doc } from './values';

/**
 * Projections that only keep or drop top-level fields (`{ _id: 0, published: 0 }`, `{ name: 1, _id: 0 }`), the
 * kind the event store sends on every stream read, without mingo: a shallow copy of the kept fields whose BSON
 * is cut from the stored document's cached bytes, so the reply copies bytes instead of serializing the
 * document again (issue 19: mingo's projection cost more than the rest of a read). Anything else — paths,
 * operators, expressions — returns undefined and goes the general way.
 */
export function topLevelProjection(projection: Doc): ((doc: Doc) => Doc) | undefined {
  const entries = Object.entries(projection);
  if (entries.length === 0) return undefined;
  const flags = new Map<string, boolean>();
  for (const [k, v] of entries) {
    if (k.includes('.') || k.startsWith('$')) return undefined;
    if (v === 0 || v === false) flags.set(k, false);
    else if (v === 1 || v === true) flags.set(k, true);
    else return undefined;
  }
  const others = [...flags].filter(([k]) => k !== '_id').map(([, on]) => on);
  // Mixing inclusion and exclusion is allowed for _id only (the server refuses the rest); `{ _id: 1 }` alone
  // includes just the id.
  if (others.includes(true) && others.includes(false)) return undefined;
  const inclusive = others.length > 0 ? others[0] === true : flags.get('_id') === true;
  const keep = inclusive
    ? (k: string): boolean => flags.get(k) ?? k === '_id'
    : (k: string): boolean => flags.get(k) !== false;
  return (doc) => {
    const out: Doc = {};
    for (const k of Object.keys(doc)) if (keep(k)) out[k] = doc[k];
    copyTags(doc, out);
    const bytes = keepElements(encodeDoc(doc), keep);
    if (bytes) primeEncoded(out, bytes);
    return out;
  };
}

/** The BSON document with only the top-level elements whose names pass `keep`, or undefined if unreadable. */
function keepElements(src: Buffer, keep: (name: string) => boolean): Buffer | undefined {
  const parts: Buffer[] = [];
  let size = 5;
  let pos = 4;
  const end = src.readInt32LE(0) - 1;
  while (pos < end) {
    const start = pos;
    const type = src[pos++] as number;
    const nameEnd = src.indexOf(0, pos);
    if (nameEnd < 0) return undefined;
    const name = src.toString('utf8', pos, nameEnd);
    pos = nameEnd + 1;
    const len = valueLength(src, type, pos);
    if (len === undefined) return undefined;
    pos += len;
    if (keep(name)) {
      parts.push(src.subarray(start, pos));
      size += pos - start;
    }
  }
  const out = Buffer.allocUnsafe(size);
  out.writeInt32LE(size, 0);
  let at = 4;
  for (const p of parts) at += p.copy(out, at);
  out[at] = 0;
  return out;
}

/** Byte length of a value of BSON `type` starting at `pos`. */
function valueLength(b: Buffer, type: number, pos: number): number | undefined {
  switch (type) {
    case 0x01: // double
    case 0x09: // UTC datetime
    case 0x11: // timestamp
    case 0x12: // int64
      return 8;
    case 0x02: // string
    case 0x0d: // JavaScript code
    case 0x0e: // symbol
      return 4 + b.readInt32LE(pos);
    case 0x03: // document
    case 0x04: // array
    case 0x0f: // code with scope
      return b.readInt32LE(pos);
    case 0x05: // binary
      return 4 + 1 + b.readInt32LE(pos);
    case 0x06: // undefined
    case 0x0a: // null
    case 0x7f: // max key
    case 0xff: // min key
      return 0;
    case 0x07: // ObjectId
      return 12;
    case 0x08: // boolean
      return 1;
    case 0x0b: {
      // regex: two cstrings
      const a = b.indexOf(0, pos);
      const c = b.indexOf(0, a + 1);
      return a < 0 || c < 0 ? undefined : c + 1 - pos;
    }
    case 0x0c: // DBPointer: string + ObjectId
      return 4 + b.readInt32LE(pos) + 12;
    case 0x10: // int32
      return 4;
    case 0x13: // decimal128
      return 16;
    default:
      return undefined;
  }
}
