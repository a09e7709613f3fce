import { deserialize } from 'bson';
import { normalizeNumbers } from '../engine/numeric';
import type { Doc } from '../engine/values';
import { encodeReplyBody } from './bson-bytes';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

const CHECKSUM_PRESENT = 1;
export const MORE_TO_COME = 2;
const EXHAUST_ALLOWED = 1 << 16;
const KNOWN_FLAGS = CHECKSUM_PRESENT | MORE_TO_COME | EXHAUST_ALLOWED;

/** Largest message accepted; the server advertises this as maxMessageSizeBytes. */
export const MAX_MESSAGE_BYTES = 48_000_000;

export interface Header {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export type Incoming =
  | { kind: 'query'; header: Header; collection: string; query: Doc }
  | { kind: 'msg'; header: Header; flags: number; body: Doc };

export class ProtocolError extends Error {}

export function readHeader(buf: Buffer): Header {
  return {
    length: buf.readInt32LE(0),
    requestId: buf.readInt32LE(4),
    responseTo: buf.readInt32LE(8),
    opCode: buf.readInt32LE(12),
  };
}

/** Parses one complete message (header included). Throws ProtocolError on anything malformed. */
export function parseMessage(buf: Buffer): Incoming {
  const header = readHeader(buf);
  try {
    if (header.opCode === OP_MSG) return { kind: 'msg', header, ...parseMsg(buf) };
    if (header.opCode === OP_QUERY) return { kind: 'query', header, ...parseQuery(buf) };
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError(`unparseable message body: ${(err as Error).message}`);
  }
  throw new ProtocolError(`unsupported opCode ${header.opCode}`);
}

/** Reads one BSON document at `pos`, checking its length stays inside `end`. */
function readDoc(buf: Buffer, pos: number, end: number): { doc: Doc; next: number } {
  if (pos + 5 > end) throw new ProtocolError('truncated BSON document');
  const size = buf.readInt32LE(pos);
  if (size < 5 || pos + size > end)
    throw new ProtocolError(`BSON document length ${size} overruns the message`);
  // Numbers arrive as Int32/Double/Long objects and are turned into tagged JS numbers (see engine/numeric).
  const doc = deserialize(buf.subarray(pos, pos + size), { promoteValues: false });
  normalizeNumbers(doc);
  return { doc, next: pos + size };
}

function parseMsg(buf: Buffer): { flags: number; body: Doc } {
  const flags = buf.readUInt32LE(16);
  if ((flags & 0xffff & ~KNOWN_FLAGS) !== 0)
    throw new ProtocolError(`unknown required OP_MSG flags ${flags}`);
  const end = flags & CHECKSUM_PRESENT ? buf.length - 4 : buf.length;
  let pos = 20;
  let body: Doc | undefined;
  const sequences: Array<[string, Doc[]]> = [];
  while (pos < end) {
    const kind = buf.readUInt8(pos++);
    if (kind === 0) {
      if (body) throw new ProtocolError('OP_MSG with two body sections');
      const r = readDoc(buf, pos, end);
      body = r.doc;
      pos = r.next;
    } else if (kind === 1) {
      const size = buf.readInt32LE(pos);
      const secEnd = pos + size;
      if (size < 5 || secEnd > end) throw new ProtocolError('document sequence overruns the message');
      const nul = buf.indexOf(0, pos + 4);
      if (nul < 0 || nul >= secEnd) throw new ProtocolError('unterminated sequence identifier');
      const id = buf.toString('utf8', pos + 4, nul);
      const docs: Doc[] = [];
      let p = nul + 1;
      while (p < secEnd) {
        const r = readDoc(buf, p, secEnd);
        docs.push(r.doc);
        p = r.next;
      }
      sequences.push([id, docs]);
      pos = secEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new ProtocolError('OP_MSG without a body section');
  for (const [id, docs] of sequences) body[id] = docs;
  return { flags, body };
}

function parseQuery(buf: Buffer): { collection: string; query: Doc } {
  const nul = buf.indexOf(0, 20);
  if (nul < 0) throw new ProtocolError('unterminated collection name');
  const collection = buf.toString('utf8', 20, nul);
  const { doc } = readDoc(buf, nul + 1 + 8, buf.length);
  return { collection, query: doc };
}

/** Writes the 16-byte message header at the start of a finished message. */
function writeHeader(out: Buffer, requestId: number, responseTo: number, opCode: number): Buffer {
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(requestId, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(opCode, 12);
  return out;
}

/** OP_REPLY carrying one document: the answer to the legacy OP_QUERY handshake. */
export function encodeReply(requestId: number, responseTo: number, doc: Doc): Buffer {
  // header, responseFlags 0, cursorID 0, startingFrom 0, numberReturned 1
  const fixed = Buffer.alloc(16 + 20);
  fixed.writeInt32LE(1, 16 + 16);
  return writeHeader(encodeReplyBody(doc, fixed), requestId, responseTo, OP_REPLY);
}

/** OP_MSG with a single kind-0 body section; cursor batches are copied from their documents' encoded bytes. */
export function encodeMsg(requestId: number, responseTo: number, doc: Doc, flags = 0): Buffer {
  const fixed = Buffer.alloc(16 + 5); // header, flagBits, section kind 0
  fixed.writeUInt32LE(flags, 16);
  return writeHeader(encodeReplyBody(doc, fixed), requestId, responseTo, OP_MSG);
}
