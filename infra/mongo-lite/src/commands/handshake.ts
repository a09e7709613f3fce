import { Long, Timestamp } from 'bson';
import type { Doc } from '../engine/values';
import { MAX_MESSAGE_BYTES } from '../wire/protocol';
import { helloAuthFields } from './auth';
import type { CommandCtx, Handler } from './context';

/** Wire version of MongoDB 7.0; the installed driver accepts 9..29. */
export const MAX_WIRE_VERSION = 21;
export const SERVER_VERSION = '7.0.0';

export function clusterTime(ctx: CommandCtx): Timestamp {
  return new Timestamp({ t: Math.floor(ctx.server.startedAt.getTime() / 1000), i: ctx.engine.seq + 1 });
}

/**
 * A single-node replica set primary. `hosts`/`me`/`primary` are the address the client dialled so the driver
 * keeps using that connection. No `topologyVersion` is sent, so drivers poll instead of streaming hello.
 */
function hello(legacyName: boolean): Handler {
  return (cmd: Doc, ctx: CommandCtx): Doc => {
    const me = ctx.conn.address;
    const optime = { ts: clusterTime(ctx), t: Long.fromNumber(1) };
    const now = new Date();
    return {
      ...(legacyName ? { ismaster: true } : { isWritablePrimary: true }),
      helloOk: true,
      setName: ctx.server.replSetName,
      setVersion: 1,
      hosts: [me],
      primary: me,
      me,
      secondary: false,
      electionId: ctx.server.processId,
      lastWrite: { opTime: optime, lastWriteDate: now, majorityOpTime: optime, majorityWriteDate: now },
      maxBsonObjectSize: 16 * 1024 * 1024,
      maxMessageSizeBytes: MAX_MESSAGE_BYTES,
      maxWriteBatchSize: 100_000,
      localTime: now,
      logicalSessionTimeoutMinutes: 30,
      connectionId: ctx.conn.id,
      minWireVersion: 0,
      maxWireVersion: MAX_WIRE_VERSION,
      readOnly: false,
      ...helloAuthFields(cmd, ctx),
      ok: 1,
    };
  };
}

const buildInfo: Handler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'mongo-lite',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  maxBsonObjectSize: 16 * 1024 * 1024,
  storageEngines: ['mongo-lite'],
  modules: [],
  ok: 1,
});

export const handshakeCommands: Record<string, Handler> = {
  hello: hello(false),
  ismaster: hello(true),
  isMaster: hello(true),
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  getParameter: () => ({ featureCompatibilityVersion: { version: '7.0' }, ok: 1 }),
  whatsmyuri: (_c, ctx) => ({ you: ctx.conn.address, ok: 1 }),
  connectionStatus: (_c, ctx) => {
    const p = ctx.conn.auth.principal;
    return {
      authInfo: {
        authenticatedUsers: p ? [{ user: p.user, db: p.db }] : [],
        authenticatedUserRoles: p ? p.roles : [],
      },
      ok: 1,
    };
  },
  hostInfo: () => ({ system: { hostname: 'mongo-lite' }, ok: 1 }),
  getLog: () => ({ totalLinesWritten: 0, log: [], ok: 1 }),
  serverStatus: (_c, ctx) => ({
    host: ctx.conn.address,
    version: SERVER_VERSION,
    process: 'mongo-lite',
    uptime: (Date.now() - ctx.server.startedAt.getTime()) / 1000,
    // Server-side CPU, so benchmarks can separate server cost from client and machine load.
    mongoLite: { cpuMicros: process.cpuUsage() },
    metrics: {
      commands: Object.fromEntries([...(ctx.server.commands ?? [])].map(([n, total]) => [n, { total }])),
    },
    ok: 1,
  }),
};
