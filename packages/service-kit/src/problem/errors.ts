import type { LocalisedText } from '@peiyu/contracts';
import type { FieldError, ProblemKind } from './problem';

/**
 * Errors a handler throws to answer with a problem. The error handler maps them to problem+json; their
 * `message` becomes `detail`, so it must be fit for the client (never internals). Given both texts, the
 * Chinese one answers a request with `Accept-Language: zh…`.
 */
export abstract class HttpProblemError extends Error {
  abstract readonly kind: ProblemKind;
  readonly extensions: Record<string, unknown> | undefined;
  readonly text: LocalisedText | undefined;

  constructor(detail: string | LocalisedText, extensions?: Record<string, unknown>) {
    super(typeof detail === 'string' ? detail : detail.en);
    this.text = typeof detail === 'string' ? undefined : detail;
    this.extensions = extensions;
  }
}

export class ValidationError extends HttpProblemError {
  override readonly name = 'ValidationError';
  readonly kind = 'validation';
  readonly errors: FieldError[];

  constructor(
    detail: string | LocalisedText,
    errors: FieldError[] = [],
    extensions?: Record<string, unknown>,
  ) {
    super(detail, extensions);
    this.errors = errors;
  }
}

export class UnauthenticatedError extends HttpProblemError {
  override readonly name = 'UnauthenticatedError';
  readonly kind = 'unauthenticated';
}

export class ForbiddenError extends HttpProblemError {
  override readonly name = 'ForbiddenError';
  readonly kind = 'forbidden';
}

export class NotFoundError extends HttpProblemError {
  override readonly name = 'NotFoundError';
  readonly kind = 'not-found';
}

export class ConflictError extends HttpProblemError {
  override readonly name = 'ConflictError';
  readonly kind = 'conflict';
}

export class PreconditionFailedError extends HttpProblemError {
  override readonly name = 'PreconditionFailedError';
  readonly kind = 'precondition-failed';
}

export class UnsupportedMediaTypeError extends HttpProblemError {
  override readonly name = 'UnsupportedMediaTypeError';
  readonly kind = 'unsupported-media-type';
}

export class ServiceUnavailableError extends HttpProblemError {
  override readonly name = 'ServiceUnavailableError';
  readonly kind = 'unavailable';
}

export class TooManyRequestsError extends HttpProblemError {
  override readonly name = 'TooManyRequestsError';
  readonly kind = 'too-many-requests';
}
