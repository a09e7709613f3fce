export { startMongoLite } from './server';
export type { MongoLite, MongoLiteOptions } from './server';
export {
  credentialUri,
  ensureUsersFile,
  LOCAL_ROOT_USER,
  readUsersFile,
  validateAuthOptions,
  writeUsersFile,
} from './auth/users';
export type { AuthOptions, RoleGrant, RoleName, UserSpec } from './auth/users';
