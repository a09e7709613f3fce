// What other workspaces may import from the registry, all free of server code: request schemas (the portal's
// forms) and the pure fold (tools that replay its streams, such as the generator's tests).
export { RegisterEnterpriseBody } from './commands/register-enterprise/body';
export { evolve, initialState, type EnterpriseState, type RegistryEvent } from './domain/state';
