// What other workspaces may import from the audit, free of server code: the pure core (ledger checks, Merkle
// tree, proofs) and the standalone bundle verifier.
export * from './domain/ledger';
export * from './domain/merkle';
export * from './domain/proof';
export { verifyBundle } from './verifier/verify-bundle';
