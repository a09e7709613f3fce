// What other workspaces may import from the registry: request schemas free of server code (the portal's forms).
export { RegisterEnterpriseBody } from './commands/register-enterprise/body';
