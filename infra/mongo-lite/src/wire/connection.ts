import type { Socket } from 'node:net';
import type { ConnAuth } from '../auth/service';
import type { Doc } from '../engine/values';
import {
  encodeMsg,
  encodeReply,
  MAX_MESSAGE_BYTES,
  MORE_TO_COME,
  parseMessage,
  ProtocolError,
  type Incoming,
} from './protocol';

export interface ConnInfo {
  id: number;
  /** host:port this client dialled (the server side of the socket), advertised as `me` and `hosts`. */
  address: string;
  /** Who this connection has authenticated as, and any SASL conversation in progress. */
  auth: ConnAuth;
}

export type Dispatch = (body: Doc, conn: ConnInfo, legacy: boolean) => Promise<Doc>;
export type Log = (line: string) => void;

let nextRequestId = 1;

function localAddress(socket: Socket): string {
  const host = (socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const shown = host.includes(':') ? `[${host}]` : host;
  return `${shown}:${socket.localPort ?? 0}`;
}

/**
 * Frames bytes into messages and answers them one at a time, in order. A malformed frame closes this
 * connection only, with a log line; the server keeps running.
 */
export function serveConnection(socket: Socket, id: number, dispatch: Dispatch, log: Log): void {
  const conn: ConnInfo = { id, address: localAddress(socket), auth: {} };
  let pending: Buffer[] = [];
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  const fail = (reason: string): void => {
    if (closed) return;
    closed = true;
    log(`mongo-lite: closing connection ${id}: ${reason}`);
    socket.destroy();
  };

  let pendingLen = 0;
  // Chunks are joined only once a whole frame has arrived, so a large message costs one copy, not one per chunk.
  socket.on('data', (chunk: Buffer) => {
    if (closed) return;
    pending.push(chunk);
    pendingLen += chunk.length;
    while (pendingLen >= 4) {
      if ((pending[0] as Buffer).length < 4) pending = [Buffer.concat(pending)];
      const len = (pending[0] as Buffer).readInt32LE(0);
      if (len < 21 || len > MAX_MESSAGE_BYTES) return fail(`malformed frame: message length ${len}`);
      if (pendingLen < len) return;
      const buf = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending);
      const frame = buf.subarray(0, len);
      const rest = buf.subarray(len);
      pending = rest.length > 0 ? [rest] : [];
      pendingLen = rest.length;
      let msg: Incoming;
      try {
        msg = parseMessage(frame);
      } catch (err) {
        return fail(err instanceof ProtocolError ? err.message : `bad frame: ${(err as Error).message}`);
      }
      chain = chain
        .then(() => answer(msg))
        .catch((err: unknown) => fail(`internal error: ${(err as Error).message}`));
    }
  });

  const answer = async (msg: Incoming): Promise<void> => {
    if (closed) return;
    const body = msg.kind === 'msg' ? msg.body : legacyBody(msg);
    const reply = await dispatch(body, conn, msg.kind === 'query');
    if (closed) return;
    if (msg.kind === 'msg' && (msg.flags & MORE_TO_COME) !== 0) return;
    const encode = msg.kind === 'query' ? encodeReply : encodeMsg;
    let bytes: Buffer;
    try {
      bytes = encode(nextRequestId++, msg.header.requestId, reply);
    } catch (err) {
      // e.g. a reply over the BSON size limit: answer with an error instead of dropping the request.
      const error = { ok: 0, code: 10334, codeName: 'BSONObjectTooLarge', errmsg: (err as Error).message };
      bytes = encode(nextRequestId++, msg.header.requestId, error);
    }
    socket.write(bytes);
  };

  socket.on('error', () => {
    closed = true;
  });
  socket.on('close', () => {
    closed = true;
  });
}

/** Legacy OP_QUERY carries the command in `query` (possibly wrapped in `$query`) and the db in the namespace. */
function legacyBody(msg: Extract<Incoming, { kind: 'query' }>): Doc {
  const q = (msg.query.$query as Doc | undefined) ?? msg.query;
  const db = msg.collection.endsWith('.$cmd') ? msg.collection.slice(0, -5) : msg.collection;
  return { ...q, $db: db };
}
