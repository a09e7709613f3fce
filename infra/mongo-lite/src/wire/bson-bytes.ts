import { serialize } from 'bson';
import { restoreNumbers } from '../engine/numeric';
import type { Doc } from '../engine/values';

/**
 * Encoded BSON of documents, kept beside them. Stored documents are never mutated (updates build new objects),
 * so a document's bytes are computed once — when it is logged, or first sent — and every later read copies
 * them instead of serializing again. Serializing cost as much as the client's decoding and bounded cursors at
 * about 0.2 of the driver's decode rate.
 */
const encoded = new WeakMap<Doc, Buffer>();

/** bson types its output as Uint8Array; view it as a Buffer without copying. */
const bsonOf = (v: Doc): Buffer => {
  const u8 = serialize(restoreNumbers(v));
  return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
};

export function encodeDoc(doc: Doc): Buffer {
  let bytes = encoded.get(doc);
  if (!bytes) {
    bytes = bsonOf(doc);
    encoded.set(doc, bytes);
  }
  return bytes;
}

/**
 * Records bytes already known to encode `doc` (read back from the log at start-up, where they were written
 * by encodeDoc), so a restart does not make the first read of every document serialize again.
 */
export function primeEncoded(doc: Doc, bytes: Buffer): void {
  if (!encoded.has(doc)) encoded.set(doc, bytes);
}

/** Whether the document's bytes are already known (nothing to serialize on its next read). */
export const hasEncoded = (doc: Doc): boolean => encoded.has(doc);

const DOCUMENT = 0x03;
const ARRAY = 0x04;

/** Collects the pieces of one BSON document and joins them with a single copy. */
export class BsonBuilder {
  private readonly chunks: Buffer[] = [];
  private size = 4 + 1; // length prefix and terminator

  /** An embedded document (or array) whose bytes are already encoded. */
  raw(name: string, bytes: Buffer, type = DOCUMENT): this {
    const head = Buffer.allocUnsafe(1 + Buffer.byteLength(name) + 1);
    head[0] = type;
    head.write(name, 1, 'utf8');
    head[head.length - 1] = 0;
    this.chunks.push(head, bytes);
    this.size += head.length + bytes.length;
    return this;
  }

  /** An array of already-encoded documents. */
  docArray(name: string, docs: Buffer[]): this {
    return this.raw(name, encodeDocArray(docs), ARRAY);
  }

  /** Every field of `fields`, serialized normally. */
  fields(fields: Doc): this {
    const b = bsonOf(fields);
    const inner = b.subarray(4, b.length - 1);
    this.chunks.push(inner);
    this.size += inner.length;
    return this;
  }

  get length(): number {
    return this.size;
  }

  /** The document, optionally after `prefix` bytes (a message header) in the same buffer. */
  build(prefix?: Buffer): Buffer {
    const pre = prefix?.length ?? 0;
    const out = Buffer.allocUnsafe(pre + this.size);
    if (prefix) prefix.copy(out, 0);
    out.writeInt32LE(this.size, pre);
    let pos = pre + 4;
    for (const c of this.chunks) pos += c.copy(out, pos);
    out[pos] = 0;
    return out;
  }
}

/** A BSON array of documents: keys "0", "1", … in order. */
function encodeDocArray(docs: Buffer[]): Buffer {
  let size = 4 + 1;
  for (let i = 0; i < docs.length; i++) size += 1 + String(i).length + 1 + (docs[i] as Buffer).length;
  const out = Buffer.allocUnsafe(size);
  out.writeInt32LE(size, 0);
  let pos = 4;
  for (let i = 0; i < docs.length; i++) {
    out[pos++] = DOCUMENT;
    pos += out.write(String(i), pos, 'latin1');
    out[pos++] = 0;
    pos += (docs[i] as Buffer).copy(out, pos);
  }
  out[pos] = 0;
  return out;
}

/**
 * A reply, with the documents of a cursor batch copied from their encoded bytes. Other replies serialize as
 * usual. Field order stays `cursor` first, then the rest, and within the cursor the batch, `id`, `ns`.
 */
export function encodeReplyBody(reply: Doc, prefix?: Buffer): Buffer {
  const cursor = reply.cursor as Doc | undefined;
  const key = cursor && Array.isArray(cursor.firstBatch) ? 'firstBatch' : 'nextBatch';
  const batch = cursor?.[key];
  if (!cursor || !Array.isArray(batch)) {
    const body = bsonOf(reply);
    return prefix ? Buffer.concat([prefix, body]) : body;
  }
  const { [key]: _batch, ...cursorRest } = cursor;
  const { cursor: _cursor, ...rest } = reply;
  const cursorDoc = new BsonBuilder()
    .docArray(key, (batch as Doc[]).map(encodeDoc))
    .fields(cursorRest)
    .build();
  return new BsonBuilder().raw('cursor', cursorDoc).fields(rest).build(prefix);
}
