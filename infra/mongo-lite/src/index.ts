export { startMongoLite } from './server';
export type { MongoLite, MongoLiteOptions } from './server';
export { readUsersFile, writeUsersFile, validateAuthOptions } from './auth/users';
export type { AuthOptions, RoleGrant, RoleName, UserSpec } from './auth/users';
