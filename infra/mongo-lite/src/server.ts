import { ObjectId } from 'bson';
import * as net from 'node:net';
import { AuthService } from './auth/service';
import { type AuthOptions, validateAuthOptions } from './auth/users';
import { CursorStore } from './commands/cursors';
import { Dispatcher } from './commands/dispatch';
import { Engine, type LogOp } from './engine/engine';
import { expireTtl } from './engine/ttl';
import { DurableLog } from './persist/durable-log';
import { serveConnection } from './wire/connection';

export interface MongoLiteOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; defaults to 127.0.0.1. */
  host?: string;
  /** Directory for the durable log and snapshot; without it all data lives in memory. */
  dataDir?: string;
  /** Replica set name advertised in hello; defaults to "rs0". */
  replSetName?: string;
  /** Log compaction threshold in bytes (default 64 MB). */
  compactBytes?: number;
  /** How often expired TTL-index documents are deleted (default 60 s, as the server's TTL monitor). */
  ttlMonitorMs?: number;
  /**
   * Users and their roles. When set, every command but the handshake, SASL, ping and buildInfo needs a user
   * authenticated with SCRAM-SHA-256, and each user reaches only the databases its roles name.
   */
  auth?: AuthOptions;
  /** Where log lines go; defaults to stderr. */
  log?: (line: string) => void;
}

export interface MongoLite {
  uri: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts a wire-compatible MongoDB (single-node replica set) on this machine. */
export async function startMongoLite(options: MongoLiteOptions = {}): Promise<MongoLite> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const host = options.host ?? '127.0.0.1';
  const auth = options.auth ? new AuthService(validateAuthOptions(options.auth)) : undefined;
  const engine = new Engine();
  const durable = options.dataDir
    ? DurableLog.open({ dir: options.dataDir, compactBytes: options.compactBytes, log }, engine)
    : undefined;
  const now = (): number => Date.now();
  const persist = durable ? (ops: LogOp[]) => durable.append(ops) : () => Promise.resolve();
  const cursors = new CursorStore(now);
  const dispatcher = new Dispatcher({
    engine,
    cursors,
    auth,
    server: {
      replSetName: options.replSetName ?? 'rs0',
      startedAt: new Date(),
      processId: new ObjectId(),
      commands: new Map(),
    },
    persist,
    log,
    now,
  });
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, ++connections, (body, conn) => dispatcher.dispatch(body, conn), log);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const ttl = setInterval(() => {
    const ops: LogOp[] = [];
    expireTtl(engine, now(), ops);
    if (ops.length > 0)
      persist(ops).catch((err: Error) => log(`mongo-lite: TTL deletes not durable: ${err.message}`));
  }, options.ttlMonitorMs ?? 60_000);
  ttl.unref();
  const sweeper = setInterval(() => {
    cursors.sweep();
    dispatcher.expireSessions();
    const expired = engine.expireTransactions(now());
    if (expired > 0) log(`mongo-lite: aborted ${expired} transaction(s) past the 60 s lifetime limit`);
  }, 10_000);
  sweeper.unref();
  const port = (server.address() as net.AddressInfo).port;
  const dialHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    uri: `mongodb://${dialHost.includes(':') ? `[${dialHost}]` : dialHost}:${port}/`,
    port,
    async stop() {
      clearInterval(sweeper);
      clearInterval(ttl);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
      await durable?.close();
    },
  };
}
