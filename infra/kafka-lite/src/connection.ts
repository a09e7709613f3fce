import type { Socket } from 'node:net';
import type { Authenticator } from './auth/sasl';
import { SaslSession } from './auth/sasl';
import type { Broker } from './broker';
import type { RequestContext } from './handlers/context';
import { HANDLERS } from './handlers';
import { ApiKey, SUPPORTED, isFlexible, isSupported } from './protocol/api-keys';
import { Reader, Writer } from './protocol/codec';
import { Err } from './protocol/errors';

const MAX_FRAME = 104_857_600;
/** Kafka's sasl.server.max.receive.size: an unauthenticated client cannot make the broker buffer more. */
const MAX_FRAME_BEFORE_AUTH = 524_288;
/** Frames a client may send before it has authenticated (Kafka's SaslServerAuthenticator allows these). */
const BEFORE_AUTH: ReadonlySet<number> = new Set([
  ApiKey.ApiVersions,
  ApiKey.SaslHandshake,
  ApiKey.SaslAuthenticate,
]);

interface Slot {
  correlationId: number | null;
  /** Response header v1 (with a tagged-field section): flexible versions except ApiVersions. */
  headerTags: boolean;
  done: boolean;
  body: Writer | null;
  closeAfter: boolean;
}

export interface ConnectionOptions {
  broker: Broker;
  host: string;
  port: number;
  /** Present when the broker requires SASL authentication. */
  auth?: Authenticator;
  onError?: (e: unknown) => void;
  onRequest?: (apiKey: number, apiVersion: number) => void;
}

/**
 * One client connection: splits the byte stream into size-prefixed frames, starts each request at once (so
 * state changes apply in arrival order), and writes responses strictly in request order — a held JoinGroup
 * delays later answers on its own connection only. With authentication configured, nothing but ApiVersions
 * and the SASL exchange is served until the client has authenticated; any other request closes the
 * connection, as Kafka's SaslServerAuthenticator does.
 */
export class Connection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private readonly slots: Slot[] = [];
  private closed = false;
  private readonly sasl: SaslSession | null;
  private rawSasl = false;

  constructor(
    private readonly socket: Socket,
    private readonly opts: ConnectionOptions,
  ) {
    this.sasl = opts.auth ? new SaslSession(opts.auth) : null;
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
      const max = this.sasl && !this.sasl.authenticated ? MAX_FRAME_BEFORE_AUTH : MAX_FRAME;
      if (size < (this.rawSasl ? 0 : 10) || size > max) return this.close();
      if (this.buffered < size + 4) return;
      const frame = this.take(size + 4).subarray(4);
      if (this.rawSasl) this.onRawToken(frame);
      else this.onFrame(frame);
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

  /** SaslHandshake v0 clients send bare size-prefixed SASL tokens and get bare tokens back (KIP-43). */
  private onRawToken(token: Buffer): void {
    const result = (this.sasl as SaslSession).authenticate(token);
    const slot: Slot = { correlationId: null, headerTags: false, done: false, body: null, closeAfter: false };
    this.slots.push(slot);
    if (result.error !== Err.NONE) {
      this.opts.onError?.(new Error(result.message ?? 'SASL authentication failed'));
      return this.close();
    }
    if (this.sasl?.authenticated) this.rawSasl = false;
    this.finish(slot, new Writer().raw(result.reply));
  }

  private onFrame(frame: Buffer): void {
    let apiKey: number, apiVersion: number, correlationId: number, clientId: string | null;
    let r: Reader;
    try {
      apiKey = frame.readInt16BE(0);
      apiVersion = frame.readInt16BE(2);
      r = new Reader(frame, isSupported(apiKey, apiVersion) && isFlexible(apiKey, apiVersion));
      r.pos = 4;
      correlationId = r.int32();
      clientId = r.classicNullableString();
      r.tags(); // request header v2
    } catch {
      return this.close();
    }
    this.opts.onRequest?.(apiKey, apiVersion);
    if (this.sasl && !this.sasl.authenticated && !BEFORE_AUTH.has(apiKey)) {
      this.opts.onError?.(new Error(`request ${apiKey} v${apiVersion} before SASL authentication`));
      return this.close();
    }
    const headerTags = r.flexible && apiKey !== ApiKey.ApiVersions;
    const slot: Slot = { correlationId, headerTags, done: false, body: null, closeAfter: false };
    this.slots.push(slot);
    const handler = HANDLERS.get(apiKey);
    if (!handler || !isSupported(apiKey, apiVersion)) return this.finish(slot, unsupported(apiKey));
    const ctx = this.context(apiVersion, clientId ?? '', slot);
    Promise.resolve()
      .then(() => handler(ctx, r, new Writer(r.flexible)))
      .then(
        (body) => this.finish(slot, body),
        (e: unknown) => {
          // A body that does not decode is a broken client: drop its connection, keep the broker up.
          this.opts.onError?.(e);
          this.close();
        },
      );
  }

  private context(apiVersion: number, clientId: string, slot: Slot): RequestContext {
    const sasl = this.sasl;
    const authorizer = this.opts.auth?.authorizer;
    return {
      broker: this.opts.broker,
      apiVersion,
      clientId,
      clientHost: `/${this.socket.remoteAddress ?? ''}`,
      host: this.opts.host,
      port: this.opts.port,
      sasl,
      can: (op, type, name) =>
        !authorizer || (sasl?.principal != null && authorizer.allows(sasl.principal, op, type, name)),
      canAnyTopic: (op) =>
        !authorizer || (sasl?.principal != null && authorizer.allowsOnAnyTopic(sasl.principal, op)),
      expectRawSaslTokens: () => void (this.rawSasl = true),
      closeAfterResponse: () => void (slot.closeAfter = true),
    };
  }

  private finish(slot: Slot, body: Writer | null): void {
    slot.done = true;
    slot.body = body;
    if (this.closed) return;
    this.socket.cork();
    while (this.slots.length > 0 && (this.slots[0] as Slot).done) {
      const s = this.slots.shift() as Slot;
      if (s.body) this.write(s, s.body);
      if (s.closeAfter) {
        this.closed = true;
        this.socket.end();
        break;
      }
    }
    this.socket.uncork();
  }

  private write(s: Slot, body: Writer): void {
    const chunks = body.toChunks();
    const headerSize = s.correlationId === null ? 0 : s.headerTags ? 5 : 4;
    const header = Buffer.alloc(4 + headerSize);
    header.writeInt32BE(body.length + headerSize, 0);
    if (s.correlationId !== null) header.writeInt32BE(s.correlationId, 4); // the trailing byte: no tags
    this.socket.write(header);
    for (const c of chunks) this.socket.write(c);
  }
}

/**
 * Answer for an API or version that is not advertised: UNSUPPORTED_VERSION. For ApiVersions the table follows
 * in the v0 layout, whatever version was asked, so that a newer client can retry with one we support (KIP-511).
 */
function unsupported(apiKey: number): Writer {
  const w = new Writer().int16(Err.UNSUPPORTED_VERSION);
  if (apiKey === ApiKey.ApiVersions) {
    w.array([...SUPPORTED], (w, [key, [min, max]]) => w.int16(key).int16(min).int16(max));
  }
  return w;
}
