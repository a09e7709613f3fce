import { Binary } from 'bson';
import { MongoLiteError } from '../errors';
import type { Doc } from '../engine/values';
import { needOf, Privileges } from './privileges';
import {
  authenticationFailed,
  deriveCredential,
  parseClientFirst,
  ScramConversation,
  type ScramCredential,
} from './scram';
import type { AuthOptions, RoleGrant } from './users';

export const MECHANISM = 'SCRAM-SHA-256';

export interface Principal {
  user: string;
  db: string;
  roles: RoleGrant[];
  privileges: Privileges;
}

interface Conversation {
  id: number;
  db: string;
  user: string;
  scram: ScramConversation;
  /** The driver sends `options: { skipEmptyExchange: true }` to end with the server signature. */
  skipEmpty: boolean;
  /** Proof checked; only the client's empty closing message is still expected. */
  proven: boolean;
}

/** Per-connection authentication state; a connection acts as at most one user, as on MongoDB 6+. */
export interface ConnAuth {
  principal?: Principal;
  conversation?: Conversation;
}

interface StoredUser {
  user: string;
  db: string;
  roles: RoleGrant[];
  credential: ScramCredential;
}

const payloadBytes = (v: unknown): Buffer => {
  if (v instanceof Binary) return Buffer.from(v.buffer.subarray(0, v.position));
  if (v instanceof Uint8Array) return Buffer.from(v);
  if (typeof v === 'string') return Buffer.from(v, 'utf8');
  throw new MongoLiteError(2, 'BadValue', 'SASL payload must be binary data');
};

const unauthorized = (msg: string): MongoLiteError => new MongoLiteError(13, 'Unauthorized', msg);

/** Renders the command the way mongod names it in "not authorized" messages, without its arguments. */
function describe(name: string, body: Doc, db: string): string {
  const target = body[name];
  const shown = typeof target === 'string' ? JSON.stringify(target) : String(target);
  return `{ ${name}: ${shown}, $db: ${JSON.stringify(db)} }`;
}

/** Users, SCRAM-SHA-256 conversations and the privilege check in front of every command. */
export class AuthService {
  private readonly users = new Map<string, StoredUser>();

  constructor(options: AuthOptions) {
    for (const u of options.users) {
      const db = u.db ?? 'admin';
      const credential = deriveCredential(u.password, options.iterations);
      this.users.set(`${db}.${u.user}`, { user: u.user, db, roles: u.roles, credential });
    }
  }

  /** `hello { saslSupportedMechs: "db.user" }`: the mechanisms that user can use; undefined if unknown. */
  mechanismsFor(ns: unknown): string[] | undefined {
    return typeof ns === 'string' && this.users.has(ns) ? [MECHANISM] : undefined;
  }

  /** `saslStart` (also carried inside hello as speculativeAuthenticate): answers the server-first message. */
  start(cmd: Doc, db: string, state: ConnAuth): Doc {
    if (cmd.mechanism !== MECHANISM)
      throw new MongoLiteError(
        334,
        'MechanismUnavailable',
        `Received authentication for mechanism ${String(cmd.mechanism)} which is not enabled`,
      );
    state.conversation = undefined;
    const first = parseClientFirst(payloadBytes(cmd.payload));
    const stored = this.users.get(`${db}.${first.user}`);
    if (!stored) throw authenticationFailed();
    const scram = new ScramConversation(first, stored.credential);
    const skipEmpty = (cmd.options as Doc | undefined)?.skipEmptyExchange === true;
    state.conversation = { id: 1, db, user: stored.user, scram, skipEmpty, proven: false };
    return { conversationId: 1, done: false, payload: new Binary(scram.serverFirstMessage), ok: 1 };
  }

  /** `saslContinue`: checks the proof and signs in; `skipEmptyExchange` lets it finish in one step. */
  continue(cmd: Doc, db: string, state: ConnAuth): Doc {
    const conv = state.conversation;
    if (!conv || Number(cmd.conversationId) !== conv.id || conv.db !== db) {
      state.conversation = undefined;
      throw authenticationFailed();
    }
    if (conv.proven) {
      state.conversation = undefined;
      return { conversationId: conv.id, done: true, payload: new Binary(Buffer.alloc(0)), ok: 1 };
    }
    let serverFinal: Buffer;
    try {
      serverFinal = conv.scram.finish(payloadBytes(cmd.payload));
    } catch (err) {
      state.conversation = undefined;
      throw err;
    }
    const stored = this.users.get(`${db}.${conv.user}`) as StoredUser;
    state.principal = {
      user: stored.user,
      db,
      roles: stored.roles,
      privileges: new Privileges(stored.roles),
    };
    conv.proven = true;
    if (conv.skipEmpty) state.conversation = undefined;
    return { conversationId: conv.id, done: conv.skipEmpty, payload: new Binary(serverFinal), ok: 1 };
  }

  /** Refuses with 13 Unauthorized what this connection may not run, in mongod's words. */
  check(name: string, body: Doc, db: string, state: ConnAuth): void {
    const need = needOf(name);
    if (need === 'open') return;
    const p = state.principal;
    if (!p) throw unauthorized(`command ${name} requires authentication`);
    if (need === 'authenticated') return;
    // Server-wide actions are granted only by roles on admin that reach every database.
    const serverWide = need === 'cluster' || need === 'userAdmin';
    if (!p.privileges.allows(need, serverWide ? '*' : db))
      throw unauthorized(`not authorized on ${db} to execute command ${describe(name, body, db)}`);
  }

  /** `usersInfo`: users on this database without credentials; others than oneself need userAdmin. */
  usersInfo(cmd: Doc, db: string, state: ConnAuth): Doc {
    const p = state.principal;
    const wanted = typeof cmd.usersInfo === 'string' ? cmd.usersInfo : undefined;
    const admin = p?.privileges.allows('userAdmin', '*') === true;
    if (!admin && !(wanted === p?.user && db === p?.db))
      throw unauthorized(`not authorized on ${db} to execute command ${describe('usersInfo', cmd, db)}`);
    const users = [...this.users.values()]
      .filter((u) => u.db === db && (wanted === undefined || u.user === wanted))
      .map((u) => ({
        _id: `${u.db}.${u.user}`,
        user: u.user,
        db: u.db,
        roles: u.roles,
        mechanisms: [MECHANISM],
      }));
    return { users, ok: 1 };
  }
}
