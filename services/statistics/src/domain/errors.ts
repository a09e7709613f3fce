/**
 * A decision the rules refuse. `kind` tells the HTTP shell which status to answer: 409 for a state conflict,
 * 400 for input the rules reject, 403 for an actor outside its scope. `code` is stable for clients; the message
 * names the rule in words a clerk reads. (Same shape as the other services' DomainError.)
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
