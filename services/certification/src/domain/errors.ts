/**
 * A decision the rules refuse. `kind` tells the HTTP shell which status to answer: 409 for a state conflict,
 * 400 for input the rules reject, 404 for something missing (or whose existence is private), 403 for an actor
 * outside its scope. `code` is stable for clients; the message names the rule in words a clerk reads.
 * (Same shape as the assessment service's DomainError, so one problem+json mapping serves both.)
 */
export class DomainError extends Error {
  constructor(
    readonly kind: 'conflict' | 'invalid' | 'not_found' | 'forbidden',
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Matches a DomainError of one code (for deciderSpec's thenThrows predicate and for callers). */
export const hasCode =
  (code: string) =>
  (err: unknown): boolean =>
    err instanceof DomainError && err.code === code;
