/**
 * A decision the rules refuse. `kind` tells the HTTP shell which status to answer (409 for a state conflict,
 * 400 for input the rules reject, 404 for a missing enterprise); `rule` names the rule in words a clerk reads.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: 'conflict' | 'invalid' | 'not_found',
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
