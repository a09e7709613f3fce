import { deserialize } from 'bson';
import { crc32 } from 'node:zlib';
import type { LogOp } from '../engine/engine';
import { normalizeNumbers } from '../engine/numeric';
import { BsonBuilder, encodeDoc, primeEncoded } from '../wire/bson-bytes';

/** One durable unit: everything a command (or a transaction commit) changed, applied whole or not at all. */
export interface LogRecord {
  seq: number;
  ops: LogOp[];
}

const HEADER = 8;

/**
 * The BSON of one op. A stored document is encoded through encodeDoc, so the bytes written here are the ones
 * later reads copy into replies: a write serializes its document once, for the log and every reader.
 */
function encodeOp(op: LogOp): Buffer {
  if (op.op !== 'put') return new BsonBuilder().fields(op).build();
  return new BsonBuilder()
    .fields({ op: op.op, db: op.db, coll: op.coll })
    .raw('doc', encodeDoc(op.doc))
    .build();
}

/** Frames a record as [payload length u32][crc32 u32][BSON payload { seq, ops: [...] }]. */
export function encodeRecord(rec: LogRecord): Buffer {
  const head = Buffer.alloc(HEADER);
  const out = new BsonBuilder().fields({ seq: rec.seq }).docArray('ops', rec.ops.map(encodeOp)).build(head);
  const payload = out.subarray(HEADER);
  out.writeUInt32LE(payload.length, 0);
  out.writeUInt32LE(crc32(payload), 4);
  return out;
}

export interface DecodeResult {
  records: LogRecord[];
  /** Bytes that hold complete, checksummed records; anything after is a torn or corrupt tail. */
  validBytes: number;
}

/** Reads records until the first one that is short, fails its checksum, or does not parse. */
export function decodeRecords(buf: Buffer): DecodeResult {
  const records: LogRecord[] = [];
  let pos = 0;
  while (pos + HEADER <= buf.length) {
    const len = buf.readUInt32LE(pos);
    const sum = buf.readUInt32LE(pos + 4);
    const end = pos + HEADER + len;
    if (len < 5 || end > buf.length) break;
    const payload = buf.subarray(pos + HEADER, end);
    if (crc32(payload) !== sum) break;
    try {
      const rec = deserialize(payload, { promoteValues: false });
      normalizeNumbers(rec);
      primeDocs(payload, rec as LogRecord);
      records.push(rec as LogRecord);
    } catch {
      break;
    }
    pos = end;
  }
  return { records, validBytes: pos };
}

/** Size of an element's value for the types a log record's envelope uses; undefined for anything else. */
function valueSize(buf: Buffer, type: number, pos: number): number | undefined {
  switch (type) {
    case 0x01: // double
    case 0x09: // date
    case 0x11: // timestamp
    case 0x12: // int64
      return 8;
    case 0x10: // int32
      return 4;
    case 0x08: // bool
      return 1;
    case 0x0a: // null
      return 0;
    case 0x07: // ObjectId
      return 12;
    case 0x02: // string
      return 4 + buf.readInt32LE(pos);
    case 0x05: // binary
      return 4 + 1 + buf.readInt32LE(pos);
    case 0x03: // document
    case 0x04: // array
      return buf.readInt32LE(pos);
    default:
      return undefined;
  }
}

/** Calls `visit(name, type, valueStart, valueSize)` for each element of the document at `start`; stops on an unknown type. */
function eachElement(
  buf: Buffer,
  start: number,
  visit: (name: string, type: number, at: number, size: number) => void,
): void {
  const end = start + buf.readInt32LE(start) - 1;
  let pos = start + 4;
  while (pos < end) {
    const type = buf[pos] as number;
    const nul = buf.indexOf(0, pos + 1);
    const name = buf.toString('latin1', pos + 1, nul);
    const size = valueSize(buf, type, nul + 1);
    if (size === undefined) return;
    visit(name, type, nul + 1, size);
    pos = nul + 1 + size;
  }
}

/**
 * Hands each logged document's bytes to the reply encoder (a copy, so the file buffer is not kept alive),
 * walking the record as written by encodeRecord: `ops` is an array whose put ops end with `doc`.
 */
function primeDocs(payload: Buffer, rec: LogRecord): void {
  eachElement(payload, 0, (name, type, at) => {
    if (name !== 'ops' || type !== 0x04) return;
    let i = 0;
    eachElement(payload, at, (_index, opType, opAt) => {
      const op = rec.ops[i++];
      if (opType !== 0x03 || op?.op !== 'put') return;
      eachElement(payload, opAt, (field, fieldType, docAt, size) => {
        if (field === 'doc' && fieldType === 0x03)
          primeEncoded(op.doc, Buffer.from(payload.subarray(docAt, docAt + size)));
      });
    });
  });
}
