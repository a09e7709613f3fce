import type { Socket } from 'node:net';
import type { Broker } from './broker';
import type { RequestContext } from './handlers/context';
import { HANDLERS } from './handlers';
import { ApiKey, SUPPORTED, isSupported } from './protocol/api-keys';
import { Reader, Writer } from './protocol/codec';
import { Err } from './protocol/errors';

const MAX_FRAME = 104_857_600;

interface Slot {
  correlationId: number;
  done: boolean;
  body: Writer | null;
}

export interface ConnectionOptions {
  broker: Broker;
  host: string;
  port: number;
  onError?: (e: unknown) => void;
  onRequest?: (apiKey: number, apiVersion: number) => void;
}

/**
 * One client connection: splits the byte stream into size-prefixed frames, starts each request at once (so
 * state changes apply in arrival order), and writes responses strictly in request order — a held JoinGroup
 * delays later answers on its own connection only.
 */
export class Connection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private readonly slots: Slot[] = [];
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly opts: ConnectionOptions,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => (this.closed = true));
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (!this.closed && this.buffered >= 4) {
      const size = this.peekSize();
      if (size < 10 || size > MAX_FRAME) return this.close();
      if (this.buffered < size + 4) return;
      const frame = this.take(size + 4).subarray(4);
      this.onFrame(frame);
    }
  }

  private peekSize(): number {
    const first = this.chunks[0] as Buffer;
    if (first.length >= 4) return first.readInt32BE(0);
    return Buffer.concat(this.chunks).readInt32BE(0);
  }

  private take(n: number): Buffer {
    const first = this.chunks[0] as Buffer;
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      const all = Buffer.concat(this.chunks);
      out = all.subarray(0, n);
      this.chunks = all.length > n ? [all.subarray(n)] : [];
    }
    this.buffered -= n;
    return out;
  }

  private onFrame(frame: Buffer): void {
    const r = new Reader(frame);
    let apiKey: number, apiVersion: number, correlationId: number, clientId: string | null;
    try {
      apiKey = r.int16();
      apiVersion = r.int16();
      correlationId = r.int32();
      clientId = r.nullableString();
    } catch {
      return this.close();
    }
    this.opts.onRequest?.(apiKey, apiVersion);
    const slot: Slot = { correlationId, done: false, body: null };
    this.slots.push(slot);
    const handler = HANDLERS.get(apiKey);
    if (!handler || !isSupported(apiKey, apiVersion)) return this.finish(slot, unsupported(apiKey));
    const ctx: RequestContext = {
      broker: this.opts.broker,
      apiVersion,
      clientId: clientId ?? '',
      clientHost: `/${this.socket.remoteAddress ?? ''}`,
      host: this.opts.host,
      port: this.opts.port,
    };
    Promise.resolve()
      .then(() => handler(ctx, r, new Writer()))
      .then(
        (body) => this.finish(slot, body),
        (e: unknown) => {
          // A body that does not decode is a broken client: drop its connection, keep the broker up.
          this.opts.onError?.(e);
          this.close();
        },
      );
  }

  private finish(slot: Slot, body: Writer | null): void {
    slot.done = true;
    slot.body = body;
    if (this.closed) return;
    this.socket.cork();
    while (this.slots.length > 0 && (this.slots[0] as Slot).done) {
      const s = this.slots.shift() as Slot;
      if (!s.body) continue; // acks=0 produce: no response at all
      const chunks = s.body.toChunks();
      const header = Buffer.allocUnsafe(8);
      header.writeInt32BE(s.body.length + 4, 0);
      header.writeInt32BE(s.correlationId, 4);
      this.socket.write(header);
      for (const c of chunks) this.socket.write(c);
    }
    this.socket.uncork();
  }
}

/** Answer for an API or version that is not advertised: UNSUPPORTED_VERSION (ApiVersions adds the table). */
function unsupported(apiKey: number): Writer {
  const w = new Writer().int16(Err.UNSUPPORTED_VERSION);
  if (apiKey === ApiKey.ApiVersions) {
    w.array([...SUPPORTED], (w, [key, [min, max]]) => w.int16(key).int16(min).int16(max));
  }
  return w;
}
