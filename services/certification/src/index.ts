// The certification service's pure core (HNTE recognition, 高新技术企业认定); the shell is app.ts / wiring.ts / main.ts.
export * from './domain';
