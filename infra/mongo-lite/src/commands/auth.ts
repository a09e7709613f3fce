import { MongoLiteError } from '../errors';
import type { Doc } from '../engine/values';
import type { CommandCtx, Handler } from './context';

/** Without configured users there is nothing to authenticate against: the commands do not exist. */
function service(name: string, ctx: CommandCtx): NonNullable<CommandCtx['auth']> {
  if (!ctx.auth) throw new MongoLiteError(59, 'CommandNotFound', `no such command: '${name}'`);
  return ctx.auth;
}

export const authCommands: Record<string, Handler> = {
  saslStart: (cmd, ctx) => service('saslStart', ctx).start(cmd, ctx.db, ctx.conn.auth),
  saslContinue: (cmd, ctx) => service('saslContinue', ctx).continue(cmd, ctx.db, ctx.conn.auth),
  usersInfo: (cmd, ctx) => service('usersInfo', ctx).usersInfo(cmd, ctx.db, ctx.conn.auth),
};

/**
 * The hello fields of authentication: `saslSupportedMechs` for the user the driver names, and the answer to
 * a `speculativeAuthenticate` saslStart (omitted when it fails, so the driver falls back to saslStart and
 * gets the real error there).
 */
export function helloAuthFields(cmd: Doc, ctx: CommandCtx): Doc {
  const auth = ctx.auth;
  if (!auth) return {};
  const out: Doc = {};
  const mechs = auth.mechanismsFor(cmd.saslSupportedMechs);
  if (mechs) out.saslSupportedMechs = mechs;
  const spec = cmd.speculativeAuthenticate as Doc | undefined;
  if (spec && typeof spec === 'object' && 'saslStart' in spec) {
    try {
      const db = typeof spec.db === 'string' ? spec.db : 'admin';
      const reply = auth.start(spec, db, ctx.conn.auth);
      delete reply.ok;
      out.speculativeAuthenticate = reply;
    } catch {
      ctx.conn.auth.conversation = undefined;
    }
  }
  return out;
}
