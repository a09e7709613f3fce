import type { PartitionLog } from '../log/partition-log';
import type { Reader, Writer } from '../protocol/codec';
import { Err } from '../protocol/errors';
import { checkBatch, type BatchInfo } from '../protocol/record-batch';
import type { RequestContext } from './context';

interface PartitionResult {
  partition: number;
  code: number;
  baseOffset: number;
}

/**
 * Produce v3–v9 (v5 adds log_start_offset, v8 record errors, v9 is flexible). acks=0 requests are applied but
 * answered with nothing, as the protocol requires. Each topic needs WRITE, else TOPIC_AUTHORIZATION_FAILED.
 */
export async function produce(ctx: RequestContext, r: Reader, w: Writer): Promise<Writer | null> {
  const v = ctx.apiVersion;
  const transactionalId = r.nullableString();
  const acks = r.int16();
  r.int32(); // timeout: appends never wait on replicas here
  const topics = r.array((r) => {
    const name = r.string();
    const partitions = r.array((r) => {
      const p = { index: r.int32(), records: r.nullableBytes() };
      r.tags();
      return p;
    });
    r.tags();
    return { name, partitions };
  });
  r.tags();
  const pending: Promise<PartitionResult>[][] = topics.map((t) => {
    const allowed = ctx.can('write', 'topic', t.name);
    return t.partitions.map((p) =>
      allowed
        ? appendPartition(ctx, t.name, p.index, p.records, transactionalId !== null)
        : Promise.resolve({ partition: p.index, code: Err.TOPIC_AUTHORIZATION_FAILED, baseOffset: -1 }),
    );
  });
  const results = await Promise.all(pending.map((ps) => Promise.all(ps)));
  if (acks === 0) return null;
  w.array(topics, (w, t) => {
    const parts = results[topics.indexOf(t)] as PartitionResult[];
    w.string(t.name).array(parts, (w, p) => {
      w.int32(p.partition).int16(p.code).int64(p.baseOffset).int64(-1);
      if (v >= 5) w.int64(0); // log start offset
      if (v >= 8) w.array([], () => undefined).string(null); // record errors, error message
      w.tags();
    });
    w.tags();
  });
  return w.int32(0).tags();
}

async function appendPartition(
  ctx: RequestContext,
  topicName: string,
  partition: number,
  records: Buffer | null,
  transactional: boolean,
): Promise<PartitionResult> {
  const fail = (code: number): PartitionResult => ({ partition, code, baseOffset: -1 });
  const log = ctx.broker.topics.get(topicName)?.partitions[partition];
  if (!log) return fail(Err.UNKNOWN_TOPIC_OR_PARTITION);
  if (transactional) return fail(Err.INVALID_REQUEST);
  if (!records || records.length === 0) return fail(Err.CORRUPT_MESSAGE);
  if (records.length > ctx.broker.config.maxMessageBytes) return fail(Err.MESSAGE_TOO_LARGE);
  const batches = splitBatches(records);
  if (!batches) return fail(Err.CORRUPT_MESSAGE);
  if (batches.some((b) => b.info.transactional)) return fail(Err.INVALID_RECORD);
  return appendBatches(log, partition, batches);
}

async function appendBatches(
  log: PartitionLog,
  partition: number,
  batches: { buf: Buffer; info: BatchInfo }[],
): Promise<PartitionResult> {
  let baseOffset = -1;
  let visible: Promise<void> = Promise.resolve();
  for (const b of batches) {
    const verdict = log.producers.check(b.info);
    if (verdict.kind === 'reject') return { partition, code: verdict.code, baseOffset: -1 };
    if (verdict.kind === 'duplicate') {
      if (baseOffset < 0) baseOffset = verdict.baseOffset;
      // A retry can arrive before the original write is durable: answer once it is.
      visible = waitVisible(log, verdict.baseOffset);
      continue;
    }
    // Copy: the request frame may share memory with other frames read from the same socket chunk.
    const appended = log.append(Buffer.from(b.buf), b.info);
    if (baseOffset < 0) baseOffset = appended.baseOffset;
    visible = appended.visible;
  }
  try {
    await visible;
    return { partition, code: Err.NONE, baseOffset };
  } catch {
    return { partition, code: Err.UNKNOWN_SERVER_ERROR, baseOffset: -1 };
  }
}

function waitVisible(log: PartitionLog, offset: number): Promise<void> {
  if (offset < log.highWatermark) return Promise.resolve();
  return new Promise((resolve) => {
    const off = log.onAdvance(() => {
      if (offset < log.highWatermark) {
        off();
        resolve();
      }
    });
  });
}

/** Splits a produce payload into validated batches, or undefined if any byte of it is not a sound batch. */
function splitBatches(records: Buffer): { buf: Buffer; info: BatchInfo }[] | undefined {
  const out: { buf: Buffer; info: BatchInfo }[] = [];
  for (let pos = 0; pos < records.length;) {
    const check = checkBatch(records, pos);
    if (!check.ok) return undefined;
    out.push({ buf: records.subarray(pos, pos + check.size), info: check.info });
    pos += check.size;
  }
  return out;
}
