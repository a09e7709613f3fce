import { deserialize } from 'bson';
import * as net from 'node:net';

export interface Frame {
  connection: number;
  opCode: number;
  flags?: number;
  /** OP_MSG section kinds in order, with the identifier and document count of each kind-1 sequence. */
  sections: Array<{ kind: number; identifier?: string; count?: number }>;
  collection?: string;
  body: Record<string, unknown>;
}

/** Parses a client→server frame for inspection (independent of the server's own parser). */
function inspect(connection: number, buf: Buffer): Frame {
  const opCode = buf.readInt32LE(12);
  if (opCode === 2004) {
    const nul = buf.indexOf(0, 20);
    const collection = buf.toString('utf8', 20, nul);
    const start = nul + 1 + 8;
    const body = deserialize(buf.subarray(start, start + buf.readInt32LE(start)));
    return { connection, opCode, sections: [], collection, body };
  }
  const flags = buf.readUInt32LE(16);
  const end = flags & 1 ? buf.length - 4 : buf.length;
  const sections: Frame['sections'] = [];
  let body: Record<string, unknown> = {};
  let pos = 20;
  while (pos < end) {
    const kind = buf.readUInt8(pos++);
    const size = buf.readInt32LE(pos);
    if (kind === 0) {
      body = deserialize(buf.subarray(pos, pos + size));
      sections.push({ kind });
    } else {
      const nul = buf.indexOf(0, pos + 4);
      let p = nul + 1;
      let count = 0;
      while (p < pos + size) {
        p += buf.readInt32LE(p);
        count++;
      }
      sections.push({ kind, identifier: buf.toString('utf8', pos + 4, nul), count });
    }
    pos += size;
  }
  return { connection, opCode, flags, sections, body };
}

/** A TCP proxy that records every frame clients send to `target`. */
export async function startRecordingProxy(
  targetPort: number,
): Promise<{ port: number; frames: Frame[]; close(): Promise<void> }> {
  const frames: Frame[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((client) => {
    const id = ++connections;
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let pending = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
        const len = pending.readInt32LE(0);
        frames.push(inspect(id, pending.subarray(0, len)));
        pending = pending.subarray(len);
      }
      upstream.write(chunk);
    });
    upstream.on('data', (d) => client.write(d));
    const end = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as net.AddressInfo).port,
    frames,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
