import type { PartitionLog } from '../log/partition-log';
import type { Reader, Writer } from '../protocol/codec';
import { Err } from '../protocol/errors';
import type { RequestContext } from './context';

interface FetchPartition {
  partition: number;
  fetchOffset: number;
  maxBytes: number;
}

interface FetchTopic {
  name: string;
  partitions: FetchPartition[];
  allowed: boolean;
}

interface PartitionData {
  partition: number;
  code: number;
  highWatermark: number;
  chunks: Buffer[];
  bytes: number;
}

/**
 * Fetch v4–v12 with a real long poll: if fewer than minBytes are available the request is parked until an
 * append makes data visible on one of its partitions, maxWait passes, or the broker stops — no polling loop.
 * Each topic needs READ, else its partitions answer TOPIC_AUTHORIZATION_FAILED.
 */
export async function fetch(ctx: RequestContext, r: Reader, w: Writer): Promise<Writer> {
  const v = ctx.apiVersion;
  r.int32(); // replica id
  const maxWait = r.int32();
  const minBytes = r.int32();
  const maxBytes = r.int32();
  r.int8(); // isolation level: without transactions every visible record is committed
  if (v >= 7) {
    r.int32(); // session id: sessions are not kept, every fetch is a full fetch
    r.int32(); // session epoch
  }
  const topics = r.array((r): FetchTopic => {
    const name = r.string();
    const partitions = r.array((r) => {
      const partition = r.int32();
      if (v >= 9) r.int32(); // current leader epoch
      const fetchOffset = r.int64();
      if (v >= 12) r.int32(); // last fetched epoch (followers' truncation detection)
      if (v >= 5) r.int64(); // log start offset (followers only)
      const p = { partition, fetchOffset, maxBytes: r.int32() };
      r.tags();
      return p;
    });
    r.tags();
    return { name, partitions, allowed: ctx.can('read', 'topic', name) };
  });
  if (v >= 7) r.array((r) => [r.string(), r.array((r) => r.int32()), r.tags()]); // forgotten topics
  if (v >= 11) r.nullableString(); // rack id
  r.tags();

  let data = collect(ctx, topics, maxBytes);
  if (maxWait > 0 && !ready(data, minBytes)) {
    await parkUntilData(ctx, topics, maxWait);
    data = collect(ctx, topics, maxBytes);
  }
  w.int32(0);
  if (v >= 7) w.int16(Err.NONE).int32(0);
  w.array(topics, (w, t) => {
    w.string(t.name).array(data.get(t) ?? [], (w, p) => {
      w.int32(p.partition).int16(p.code).int64(p.highWatermark).int64(p.highWatermark);
      if (v >= 5) w.int64(0); // log start offset
      w.array([], () => undefined); // no aborted transactions
      if (v >= 11) w.int32(-1); // no preferred read replica
      w.bytesLength(p.bytes);
      for (const c of p.chunks) w.raw(c);
      w.tags();
    });
    w.tags();
  });
  return w.tags();
}

function ready(data: Map<FetchTopic, PartitionData[]>, minBytes: number): boolean {
  let bytes = 0;
  for (const parts of data.values())
    for (const p of parts) {
      if (p.code !== Err.NONE) return true;
      bytes += p.bytes;
    }
  return bytes >= Math.max(1, minBytes);
}

function collect(
  ctx: RequestContext,
  topics: FetchTopic[],
  maxBytes: number,
): Map<FetchTopic, PartitionData[]> {
  const out = new Map<FetchTopic, PartitionData[]>();
  let total = 0;
  for (const t of topics) {
    const logs = ctx.broker.topics.get(t.name)?.partitions;
    out.set(
      t,
      t.partitions.map((p) => {
        if (!t.allowed) {
          return {
            partition: p.partition,
            code: Err.TOPIC_AUTHORIZATION_FAILED,
            highWatermark: -1,
            chunks: [],
            bytes: 0,
          };
        }
        const log = logs?.[p.partition];
        const data = readPartition(log, p, Math.min(p.maxBytes, maxBytes - total), total === 0);
        total += data.bytes;
        return data;
      }),
    );
  }
  return out;
}

function readPartition(
  log: PartitionLog | undefined,
  p: FetchPartition,
  limit: number,
  atLeastOne: boolean,
): PartitionData {
  const empty = { partition: p.partition, chunks: [], bytes: 0 };
  if (!log) return { ...empty, code: Err.UNKNOWN_TOPIC_OR_PARTITION, highWatermark: -1 };
  const hw = log.highWatermark;
  if (p.fetchOffset < 0 || p.fetchOffset > hw)
    return { ...empty, code: Err.OFFSET_OUT_OF_RANGE, highWatermark: hw };
  const { chunks, bytes } = log.read(p.fetchOffset, Math.max(0, limit), atLeastOne);
  return { partition: p.partition, code: Err.NONE, highWatermark: hw, chunks, bytes };
}

function parkUntilData(ctx: RequestContext, topics: FetchTopic[], maxWait: number): Promise<void> {
  return new Promise((resolve) => {
    const offs: (() => void)[] = [];
    const done = () => {
      clearTimeout(timer);
      for (const off of offs) off();
      resolve();
    };
    const timer = setTimeout(done, maxWait);
    offs.push(ctx.broker.onClose(done));
    for (const t of topics) {
      const logs = ctx.broker.topics.get(t.name)?.partitions;
      for (const p of t.partitions) {
        const log = logs?.[p.partition];
        if (log) offs.push(log.onAdvance(done));
      }
    }
  });
}
