/** The registry's pure fold, for tools that replay its streams (the generator's tests). */
export { evolve, initialState, type EnterpriseState, type RegistryEvent } from './domain/state';
