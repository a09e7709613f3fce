import { crc32c } from './crc32c';

/**
 * RecordBatch v2 header offsets. The broker never re-encodes a batch: it validates the header and CRC, then
 * stores the producer's bytes with only `baseOffset` overwritten (the CRC does not cover it).
 */
export const BATCH = {
  baseOffset: 0,
  batchLength: 8,
  leaderEpoch: 12,
  magic: 16,
  crc: 17,
  attributes: 21,
  lastOffsetDelta: 23,
  firstTimestamp: 27,
  maxTimestamp: 35,
  producerId: 43,
  producerEpoch: 51,
  baseSequence: 53,
  recordCount: 57,
  headerSize: 61,
} as const;

const TRANSACTIONAL = 0x10;
const CONTROL = 0x20;
const COMPRESSION_MASK = 0x07;

export interface BatchInfo {
  lastOffsetDelta: number;
  firstTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  transactional: boolean;
}

export type BatchCheck =
  { ok: true; size: number; info: BatchInfo } | { ok: false; reason: 'corrupt' | 'truncated' };

/** Checks the batch starting at `at` and returns its total size (12-byte prefix included). */
export function checkBatch(buf: Buffer, at = 0): BatchCheck {
  if (buf.length - at < BATCH.headerSize) return { ok: false, reason: 'truncated' };
  const length = buf.readInt32BE(at + BATCH.batchLength);
  const size = length + 12;
  if (length < BATCH.headerSize - 12) return { ok: false, reason: 'corrupt' };
  if (buf.length - at < size) return { ok: false, reason: 'truncated' };
  if (buf.readInt8(at + BATCH.magic) !== 2) return { ok: false, reason: 'corrupt' };
  const crc = buf.readUInt32BE(at + BATCH.crc);
  if (crc32c(buf, at + BATCH.attributes, at + size) !== crc) return { ok: false, reason: 'corrupt' };
  const attributes = buf.readInt16BE(at + BATCH.attributes);
  const lastOffsetDelta = buf.readInt32BE(at + BATCH.lastOffsetDelta);
  if (lastOffsetDelta < 0) return { ok: false, reason: 'corrupt' };
  return {
    ok: true,
    size,
    info: {
      lastOffsetDelta,
      firstTimestamp: Number(buf.readBigInt64BE(at + BATCH.firstTimestamp)),
      maxTimestamp: Number(buf.readBigInt64BE(at + BATCH.maxTimestamp)),
      producerId: Number(buf.readBigInt64BE(at + BATCH.producerId)),
      producerEpoch: buf.readInt16BE(at + BATCH.producerEpoch),
      baseSequence: buf.readInt32BE(at + BATCH.baseSequence),
      transactional: (attributes & (TRANSACTIONAL | CONTROL)) !== 0,
    },
  };
}

export function isCompressed(batch: Buffer): boolean {
  return (batch.readInt16BE(BATCH.attributes) & COMPRESSION_MASK) !== 0;
}

function varint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    if (b === undefined) throw new RangeError('varint past end');
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) break;
    shift += 7;
  }
  // zig-zag decode without 32-bit overflow (timestamps deltas may exceed 2^31)
  const value = result % 2 === 0 ? result / 2 : -(result + 1) / 2;
  return [value, pos];
}

/**
 * The offset of the first record whose timestamp is ≥ `ts`, scanning an uncompressed batch's records.
 * Compressed batches answer with their base offset (the broker never decompresses).
 */
export function firstOffsetAtOrAfter(
  batch: Buffer,
  baseOffset: number,
  ts: number,
): { offset: number; timestamp: number } | undefined {
  const first = Number(batch.readBigInt64BE(BATCH.firstTimestamp));
  if (isCompressed(batch)) return { offset: baseOffset, timestamp: first };
  let pos = BATCH.headerSize;
  const count = batch.readInt32BE(BATCH.recordCount);
  for (let i = 0; i < count; i++) {
    const [length, afterLen] = varint(batch, pos);
    const [tsDelta, afterTs] = varint(batch, afterLen + 1);
    const [offsetDelta] = varint(batch, afterTs);
    if (first + tsDelta >= ts) return { offset: baseOffset + offsetDelta, timestamp: first + tsDelta };
    pos = afterLen + length;
  }
  return undefined;
}
