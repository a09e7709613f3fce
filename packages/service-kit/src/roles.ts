// Roles are defined once in @peiyu/contracts; re-exported here so the kit's public types name them.
export { ROLES } from '@peiyu/contracts';
export type { Role } from '@peiyu/contracts';
