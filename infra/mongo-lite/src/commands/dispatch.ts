import { Binary, Long } from 'bson';
import type { AuthService } from '../auth/service';
import { asMongoError, MongoLiteError, noSuchTransaction } from '../errors';
import type { Engine, LogOp, Txn } from '../engine/engine';
import type { Doc } from '../engine/values';
import type { ConnInfo } from '../wire/connection';
import type { CommandCtx, Handler, ServerInfo } from './context';
import type { CursorStore } from './cursors';
import { authCommands } from './auth';
import { ddlCommands } from './ddl';
import { clusterTime, handshakeCommands } from './handshake';
import { readCommands } from './read';
import { writeCommands } from './write';

interface Session {
  txn?: Txn;
  lastUse: number;
  /** Last retryable write (txnNumber outside a transaction) and its reply, so a retry is not applied twice. */
  retry?: { txnNumber: number; reply: Doc };
}

/** No auth, so cluster times are unsigned: a zero hash with key id 0, as a server without keys sends. */
const UNSIGNED = Object.freeze({ hash: new Binary(Buffer.alloc(20)), keyId: Long.fromNumber(0) });

const WRITES = new Set(['insert', 'update', 'delete', 'findAndModify', 'findandmodify']);

export interface DispatcherDeps {
  engine: Engine;
  cursors: CursorStore;
  server: ServerInfo;
  auth?: AuthService;
  /** Makes committed changes durable; resolves once they are safe to acknowledge. */
  persist: (ops: LogOp[]) => Promise<void>;
  log: (line: string) => void;
  now: () => number;
}

function sessionKey(lsid: unknown): string | undefined {
  const id = (lsid as { id?: unknown } | undefined)?.id;
  if (id instanceof Binary) return Buffer.from(id.buffer).toString('hex');
  return id === undefined ? undefined : String(id);
}

/** Routes commands, resolving sessions, transactions and retryable writes around the handlers. */
export class Dispatcher {
  private readonly sessions = new Map<string, Session>();
  private readonly handlers: Record<string, Handler> = {
    ...handshakeCommands,
    ...readCommands,
    ...writeCommands,
    ...ddlCommands,
    ...authCommands,
    endSessions: (cmd) => this.endSessions(cmd),
    killSessions: (cmd) => this.endSessions({ endSessions: cmd.killSessions }),
    refreshSessions: () => ({ ok: 1 }),
    commitTransaction: () => ({ ok: 1 }),
    abortTransaction: () => ({ ok: 1 }),
  };

  constructor(private readonly deps: DispatcherDeps) {}

  async dispatch(body: Doc, conn: ConnInfo): Promise<Doc> {
    const name = Object.keys(body)[0] ?? '';
    const counts = this.deps.server.commands;
    counts?.set(name, (counts.get(name) ?? 0) + 1);
    const ctx: CommandCtx = {
      engine: this.deps.engine,
      cursors: this.deps.cursors,
      server: this.deps.server,
      auth: this.deps.auth,
      conn,
      db: typeof body.$db === 'string' ? body.$db : 'admin',
      ops: [],
    };
    let reply: Doc;
    let durable: Promise<void> | undefined;
    try {
      reply = this.run(name, body, ctx);
      this.claimCursor(reply, ctx);
    } catch (err) {
      const e = asMongoError(err);
      if (e.code === 1)
        this.deps.log(`mongo-lite: internal error in ${name}: ${(err as Error).stack ?? e.message}`);
      reply = e.toReply();
    }
    // Queued in the same synchronous step that applied the changes, so log order equals apply order.
    if (ctx.ops.length > 0) durable = this.deps.persist(ctx.ops);
    if (durable) {
      try {
        await durable;
      } catch (err) {
        reply = new MongoLiteError(
          1,
          'InternalError',
          `write not durable: ${(err as Error).message}`,
        ).toReply();
      }
    }
    const ts = clusterTime(ctx);
    return {
      ...reply,
      operationTime: ts,
      $clusterTime: { clusterTime: ts, signature: UNSIGNED },
    };
  }

  private run(name: string, body: Doc, ctx: CommandCtx): Doc {
    const handler = Object.hasOwn(this.handlers, name) ? this.handlers[name] : undefined;
    if (!handler) throw new MongoLiteError(59, 'CommandNotFound', `no such command: '${name}'`);
    this.deps.auth?.check(name, body, ctx.db, ctx.conn.auth);
    if (this.deps.auth && (name === 'getMore' || name === 'killCursors'))
      this.checkCursorOwner(name, body, ctx);
    const key = sessionKey(body.lsid);
    const txnNumber = body.txnNumber === undefined ? undefined : Number(body.txnNumber);
    if (!key || txnNumber === undefined) return handler(body, ctx);
    const session = this.session(key);
    if (body.autocommit === false) return this.inTransaction(name, body, ctx, session, txnNumber, handler);
    if (!WRITES.has(name)) return handler(body, ctx);
    if (session.retry?.txnNumber === txnNumber) return session.retry.reply;
    const reply = handler(body, ctx);
    session.retry = { txnNumber, reply };
    return reply;
  }

  private inTransaction(
    name: string,
    body: Doc,
    ctx: CommandCtx,
    session: Session,
    txnNumber: number,
    handler: Handler,
  ): Doc {
    const { engine } = this.deps;
    if (body.startTransaction === true) {
      if (session.txn?.state === 'open') engine.abort(session.txn);
      session.txn = engine.begin(txnNumber, this.deps.now());
    }
    const txn = session.txn;
    if (!txn || txn.txnNumber !== txnNumber) throw noSuchTransaction(txnNumber);
    if (name === 'commitTransaction') {
      if (txn.state === 'committed') return { ok: 1 };
      if (txn.state !== 'open') throw noSuchTransaction(txnNumber);
      engine.commit(txn, ctx.ops);
      return { ok: 1 };
    }
    if (name === 'abortTransaction') {
      if (txn.state !== 'open') throw noSuchTransaction(txnNumber);
      engine.abort(txn);
      return { ok: 1 };
    }
    if (txn.state !== 'open') throw noSuchTransaction(txnNumber);
    ctx.txn = txn;
    try {
      return handler(body, ctx);
    } catch (err) {
      // As on the server, a failed statement aborts the transaction.
      engine.abort(txn);
      throw err;
    }
  }

  /** With authentication on, a cursor belongs to the user that opened it, as on mongod. */
  private claimCursor(reply: Doc, ctx: CommandCtx): void {
    const p = ctx.conn.auth.principal;
    const id = Number((reply.cursor as Doc | undefined)?.id ?? 0);
    if (this.deps.auth && p && id !== 0) this.deps.cursors.claim(id, `${p.db}.${p.user}`);
  }

  private checkCursorOwner(name: string, body: Doc, ctx: CommandCtx): void {
    const p = ctx.conn.auth.principal;
    const ids = name === 'getMore' ? [body.getMore] : ((body.cursors as unknown[]) ?? []);
    for (const raw of ids) {
      const id = Number(raw);
      const owner = this.deps.cursors.ownerOf(id);
      if (owner !== undefined && owner !== `${p?.db}.${p?.user}`)
        throw new MongoLiteError(
          13,
          'Unauthorized',
          `cursor id ${id} was not created by the authenticated user`,
        );
    }
  }

  private session(key: string): Session {
    let s = this.sessions.get(key);
    if (!s) {
      s = { lastUse: 0 };
      this.sessions.set(key, s);
    }
    s.lastUse = this.deps.now();
    return s;
  }

  /** Forgets sessions idle past logicalSessionTimeoutMinutes (30), as the server does. */
  expireSessions(): void {
    const limit = this.deps.now() - 30 * 60_000;
    for (const [key, s] of this.sessions) {
      if (s.lastUse >= limit) continue;
      if (s.txn) this.deps.engine.abort(s.txn);
      this.sessions.delete(key);
    }
  }

  private endSessions(cmd: Doc): Doc {
    for (const lsid of (cmd.endSessions as unknown[]) ?? []) {
      const key = sessionKey(lsid);
      const s = key ? this.sessions.get(key) : undefined;
      if (s?.txn) this.deps.engine.abort(s.txn);
      if (key) this.sessions.delete(key);
    }
    return { ok: 1 };
  }
}
