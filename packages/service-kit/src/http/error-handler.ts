import type { ErrorRequestHandler, Request, Response } from 'express';
import { HttpProblemError } from '../problem/errors';
import { PROBLEM_CONTENT_TYPE, type Problem, type ProblemKind, problemOf } from '../problem/problem';

/** Errors raised by express's body parser carry a `type` and a 4xx `status`. */
interface ParserError {
  type?: unknown;
  status?: unknown;
  limit?: unknown;
}

const PARSER_KINDS: Record<string, ProblemKind> = {
  'entity.too.large': 'payload-too-large',
  'entity.parse.failed': 'malformed-json',
  'encoding.unsupported': 'unsupported-media-type',
  'charset.unsupported': 'unsupported-media-type',
};

/** The request path without its query string: the query may carry personal data we do not echo. */
export function instanceOf(req: Request): string {
  return req.originalUrl.split('?')[0] ?? '/';
}

function parserProblem(err: ParserError): Problem | undefined {
  const kind = typeof err.type === 'string' ? PARSER_KINDS[err.type] : undefined;
  if (!kind) return undefined;
  const detail =
    kind === 'payload-too-large' && typeof err.limit === 'number'
      ? `the body must not exceed ${err.limit} bytes`
      : kind === 'malformed-json'
        ? 'the body could not be parsed as JSON'
        : 'the body encoding is not supported';
  return problemOf(kind, { detail });
}

/** Maps an error to the problem to send; undefined means "unexpected" (500). */
export function problemFor(err: unknown): Problem | undefined {
  if (err instanceof HttpProblemError) {
    const errors = 'errors' in err && Array.isArray(err.errors) ? err.errors : undefined;
    return problemOf(err.kind, {
      detail: err.message,
      ...(errors ? { errors } : {}),
      ...(err.extensions ? { extensions: err.extensions } : {}),
    });
  }
  if (err !== null && typeof err === 'object') return parserProblem(err as ParserError);
  return undefined;
}

export function sendProblem(req: Request, res: Response, problem: Problem): void {
  const body: Problem = { ...problem, instance: problem.instance ?? instanceOf(req) };
  if (req.id !== undefined) body['requestId'] = String(req.id);
  if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="peiyu"');
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

/**
 * The last middleware: every error becomes problem+json. Unexpected errors are logged with their stack and
 * answered with a bare 500 — the body names the request id so support can find the log line, nothing more.
 */
export function problemErrorHandler(): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const known = problemFor(err);
    if (known) {
      sendProblem(req, res, known);
      return;
    }
    req.log.error({ err }, 'unhandled error');
    sendProblem(req, res, problemOf('internal', { detail: 'an unexpected error occurred' }));
  };
}
