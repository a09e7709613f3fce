import { deserialize } from 'bson';
import { crc32 } from 'node:zlib';
import type { LogOp } from '../engine/engine';
import { normalizeNumbers } from '../engine/numeric';
import { BsonBuilder, encodeDoc } from '../wire/bson-bytes';

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
      records.push(rec as LogRecord);
    } catch {
      break;
    }
    pos = end;
  }
  return { records, validBytes: pos };
}
