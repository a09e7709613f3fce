import type { AuthService } from '../auth/service';
import { MongoLiteError } from '../errors';
import type { Engine, LogOp, Txn } from '../engine/engine';
import type { Doc } from '../engine/values';
import type { ConnInfo } from '../wire/connection';
import type { CursorStore } from './cursors';

export interface ServerInfo {
  replSetName: string;
  startedAt: Date;
  processId: unknown;
  /** Commands received, by name (serverStatus `metrics.commands.<name>.total`, as mongod reports them). */
  commands?: Map<string, number>;
}

export interface CommandCtx {
  engine: Engine;
  cursors: CursorStore;
  server: ServerInfo;
  /** Present when users are configured: every command is then checked against the connection's user. */
  auth?: AuthService;
  conn: ConnInfo;
  db: string;
  txn?: Txn;
  /** Committed changes this command made; the dispatcher makes them durable before replying. */
  ops: LogOp[];
}

/** Handlers are synchronous: a command's changes and their log numbering happen in one uninterrupted step. */
export type Handler = (cmd: Doc, ctx: CommandCtx) => Doc;

/** The collection a command names in its first field, as `{ commandName: "coll" }`. */
export function collName(cmd: Doc): string {
  const v = Object.values(cmd)[0];
  if (typeof v !== 'string' || v.length === 0) {
    throw new MongoLiteError(73, 'InvalidNamespace', 'collection name must be a non-empty string');
  }
  return v;
}
