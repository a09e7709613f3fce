import { connect, type Socket } from 'node:net';
import { Reader, Writer } from '../protocol/codec';
import { crc32c } from '../protocol/crc32c';

/** A minimal Kafka wire client for probing the broker below kafkajs (corrupt batches, raw retries, …). */
export class RawClient {
  private socket!: Socket;
  private nextId = 1;
  private acc = Buffer.alloc(0);
  private readonly waiting = new Map<number, (r: Reader) => void>();
  readonly received: number[] = [];
  closed = false;

  static async open(broker: string): Promise<RawClient> {
    const [host, port] = broker.split(':') as [string, string];
    const c = new RawClient();
    c.socket = connect(Number(port), host);
    c.socket.on('data', (d: Buffer) => c.onData(d));
    c.socket.on('close', () => (c.closed = true));
    c.socket.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      c.socket.once('connect', resolve);
      c.socket.once('error', reject);
    });
    return c;
  }

  private rawWaiter: ((frame: Buffer) => void) | null = null;

  /** The next size-prefixed frame without a response header (bare SASL tokens after SaslHandshake v0). */
  nextRawFrame(): Promise<Buffer> {
    return new Promise((resolve) => (this.rawWaiter = resolve));
  }

  private onData(d: Buffer): void {
    this.acc = Buffer.concat([this.acc, d]);
    const raw = this.rawWaiter;
    if (raw && this.acc.length >= 4 && this.acc.length >= 4 + this.acc.readInt32BE(0)) {
      const size = this.acc.readInt32BE(0);
      this.rawWaiter = null;
      raw(this.acc.subarray(4, 4 + size));
      this.acc = this.acc.subarray(4 + size);
    }
    while (this.acc.length >= 4 && this.acc.length >= 4 + this.acc.readInt32BE(0)) {
      const size = this.acc.readInt32BE(0);
      const frame = this.acc.subarray(4, 4 + size);
      this.acc = this.acc.subarray(4 + size);
      const r = new Reader(frame);
      const id = r.int32();
      this.received.push(id);
      this.waiting.get(id)?.(r);
      this.waiting.delete(id);
    }
  }

  /** Sends one request; the promise resolves with a reader positioned after the response header. */
  request(apiKey: number, version: number, body: Writer, expectResponse = true): Promise<Reader> {
    const id = this.nextId++;
    const header = new Writer().int16(apiKey).int16(version).int32(id).string('raw-client');
    const payload = Buffer.concat([header.toBuffer(), body.toBuffer()]);
    const size = Buffer.alloc(4);
    size.writeInt32BE(payload.length);
    const answer = expectResponse
      ? new Promise<Reader>((resolve) => this.waiting.set(id, resolve))
      : Promise.resolve(new Reader(Buffer.alloc(0)));
    this.socket.write(Buffer.concat([size, payload]));
    return answer;
  }

  /**
   * Sends a request in a flexible version (request header v2). The reader is flexible and positioned after the
   * response header — v1 (with tags) unless `headerTags` is false, as for ApiVersions.
   */
  requestFlexible(apiKey: number, version: number, body: Writer, headerTags = true): Promise<Reader> {
    const id = this.nextId++;
    const header = new Writer().int16(apiKey).int16(version).int32(id).string('raw-client').int8(0);
    const payload = Buffer.concat([header.toBuffer(), body.toBuffer()]);
    const size = Buffer.alloc(4);
    size.writeInt32BE(payload.length);
    const answer = new Promise<Reader>((resolve) =>
      this.waiting.set(id, (r) => {
        const f = new Reader(r.buf, true);
        f.pos = r.pos;
        if (headerTags) f.tags();
        resolve(f);
      }),
    );
    this.socket.write(Buffer.concat([size, payload]));
    return answer;
  }

  writeRaw(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  whenClosed(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  close(): void {
    this.socket.destroy();
  }
}

function varint(w: number[], v: number): void {
  let z = v >= 0 ? v * 2 : -v * 2 - 1; // zig-zag
  while (z >= 0x80) {
    w.push((z % 0x80) | 0x80);
    z = Math.floor(z / 0x80);
  }
  w.push(z);
}

export interface RawRecord {
  key: string | null;
  value: string;
}

export interface BatchOptions {
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
  timestamp?: number;
}

/** Encodes an uncompressed RecordBatch v2 with a correct CRC-32C. */
export function encodeBatch(records: RawRecord[], o: BatchOptions = {}): Buffer {
  const recs = records.map((r, i) => {
    const body: number[] = [0];
    varint(body, 0);
    varint(body, i);
    const key = r.key === null ? null : Buffer.from(r.key);
    varint(body, key ? key.length : -1);
    const value = Buffer.from(r.value);
    const head = Buffer.from(body);
    const tail: number[] = [];
    varint(tail, value.length);
    const len: number[] = [];
    const headers = [0];
    const total = head.length + (key?.length ?? 0) + tail.length + value.length + headers.length;
    varint(len, total);
    return Buffer.concat([
      Buffer.from(len),
      head,
      key ?? Buffer.alloc(0),
      Buffer.from(tail),
      value,
      Buffer.from(headers),
    ]);
  });
  const ts = o.timestamp ?? 1_700_000_000_000;
  const afterCrc = new Writer()
    .int16(0)
    .int32(records.length - 1)
    .int64(ts)
    .int64(ts)
    .int64(o.producerId ?? -1)
    .int16(o.producerEpoch ?? -1)
    .int32(o.baseSequence ?? -1)
    .int32(records.length)
    .toBuffer();
  const body = Buffer.concat([afterCrc, ...recs]);
  const head = Buffer.alloc(21);
  head.writeBigInt64BE(0n, 0);
  head.writeInt32BE(body.length + 9, 8);
  head.writeInt32BE(0, 12);
  head.writeInt8(2, 16);
  head.writeUInt32BE(crc32c(body), 17);
  return Buffer.concat([head, body]);
}

/** A Produce v7 body for one partition. */
export function produceBody(topic: string, partition: number, records: Buffer, acks = -1): Writer {
  return new Writer()
    .string(null)
    .int16(acks)
    .int32(5000)
    .array([topic], (w, t) => w.string(t).array([partition], (w, p) => w.int32(p).bytes(records)));
}

/** Reads a Produce v7 response for one partition: [errorCode, baseOffset]. */
export function readProduce(r: Reader): { code: number; baseOffset: number } {
  r.int32(); // topic count
  r.string();
  r.int32(); // partition count
  r.int32();
  const code = r.int16();
  return { code, baseOffset: r.int64() };
}
