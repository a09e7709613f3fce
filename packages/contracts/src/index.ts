export * from './roles';
export * from './envelope';
export * from './ids';
export * from './topics';
export * from './event-definition';
export * from './errors';
export * from './registry';
export * from './events';
