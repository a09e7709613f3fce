import type { RoleGrant, RoleName } from './users';

/**
 * What a command needs, in the coarse action groups of MongoDB's built-in roles
 * (https://www.mongodb.com/docs/manual/reference/privilege-actions/).
 */
export type Action = 'find' | 'list' | 'write' | 'ddl' | 'dropDatabase' | 'cluster' | 'userAdmin';

/**
 * `open`: answered before authentication, as mongod does for the handshake, SASL, ping and buildInfo
 * (commands whose requiresAuth() is false). `authenticated`: any user, no database privilege — a
 * transaction is committed on `admin` by a user who may only write its own database.
 */
export type Need = 'open' | 'authenticated' | Action;

const NEEDS: Record<string, Need> = {
  hello: 'open',
  ismaster: 'open',
  isMaster: 'open',
  saslStart: 'open',
  saslContinue: 'open',
  ping: 'open',
  buildInfo: 'open',
  buildinfo: 'open',
  connectionStatus: 'open',
  commitTransaction: 'authenticated',
  abortTransaction: 'authenticated',
  endSessions: 'authenticated',
  killSessions: 'authenticated',
  refreshSessions: 'authenticated',
  // Lists only the databases the user may read (MongoDB's authorizedDatabases).
  listDatabases: 'authenticated',
  whatsmyuri: 'authenticated',
  usersInfo: 'authenticated',
  find: 'find',
  getMore: 'find',
  killCursors: 'find',
  count: 'find',
  distinct: 'find',
  aggregate: 'find',
  listCollections: 'list',
  listIndexes: 'list',
  insert: 'write',
  update: 'write',
  delete: 'write',
  findAndModify: 'write',
  findandmodify: 'write',
  create: 'ddl',
  createIndexes: 'ddl',
  drop: 'ddl',
  dropIndexes: 'ddl',
  dropDatabase: 'dropDatabase',
};

/** Commands not listed (serverStatus, hostInfo, getLog, getParameter, …) are server administration. */
export const needOf = (command: string): Need => NEEDS[command] ?? 'cluster';

const ROLE_ACTIONS: Record<RoleName, readonly Action[]> = {
  read: ['find', 'list'],
  readWrite: ['find', 'list', 'write', 'ddl'],
  dbAdmin: ['list', 'ddl', 'dropDatabase'],
  dbOwner: ['find', 'list', 'write', 'ddl', 'dropDatabase'],
  readAnyDatabase: ['find', 'list'],
  readWriteAnyDatabase: ['find', 'list', 'write', 'ddl'],
  dbAdminAnyDatabase: ['list', 'ddl', 'dropDatabase'],
  clusterMonitor: ['cluster'],
  userAdminAnyDatabase: ['userAdmin'],
  root: ['find', 'list', 'write', 'ddl', 'dropDatabase', 'cluster', 'userAdmin'],
};

const ANY_DATABASE = new Set<RoleName>([
  'readAnyDatabase',
  'readWriteAnyDatabase',
  'dbAdminAnyDatabase',
  'clusterMonitor',
  'userAdminAnyDatabase',
  'root',
]);

/** The actions a user's roles grant, per database (`*` = every database). */
export class Privileges {
  private readonly byDb = new Map<string, Set<Action>>();

  constructor(roles: readonly RoleGrant[]) {
    for (const { role, db } of roles) {
      const key = ANY_DATABASE.has(role) ? '*' : db;
      let set = this.byDb.get(key);
      if (!set) {
        set = new Set();
        this.byDb.set(key, set);
      }
      for (const a of ROLE_ACTIONS[role]) set.add(a);
    }
  }

  allows(action: Action, db: string): boolean {
    return this.byDb.get(db)?.has(action) === true || this.byDb.get('*')?.has(action) === true;
  }

  /** Whether the user may see this database at all (listDatabases shows only those). */
  seesDatabase(db: string): boolean {
    return this.allows('find', db) || this.allows('list', db);
  }
}
