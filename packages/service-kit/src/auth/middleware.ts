import type { Request, RequestHandler } from 'express';
import type { Role } from '@peiyu/contracts';
import { ForbiddenError, UnauthenticatedError } from '../problem/errors';
import type { Principal } from './principal';
import type { TokenVerifier } from './verifier';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `authenticate` once the bearer token is verified. */
    principal?: Principal;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/**
 * Verifies `Authorization: Bearer <JWT>` and sets `req.principal`. With `optional`, a request without the
 * header passes anonymously; a present but bad token is always a 401.
 */
export function authenticate(verifier: TokenVerifier, options: { optional?: boolean } = {}): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) {
      if (options.optional) return next();
      throw new UnauthenticatedError('a bearer token is required');
    }
    const match = BEARER.exec(header);
    if (!match?.[1]) throw new UnauthenticatedError('the Authorization header must be "Bearer <token>"');
    req.principal = await verifier.verify(match[1]);
    next();
  };
}

/** The authenticated principal, or a 401. */
export function principalOf(req: Request): Principal {
  if (!req.principal) throw new UnauthenticatedError('a bearer token is required');
  return req.principal;
}

/** Lets only the given roles through (403 otherwise). */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const principal = principalOf(req);
    if (!roles.includes(principal.role)) throw new ForbiddenError(`role ${principal.role} may not do this`);
    next();
  };
}
