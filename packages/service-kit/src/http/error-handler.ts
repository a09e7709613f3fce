import type { ErrorRequestHandler, Request, Response } from 'express';
import { HttpProblemError } from '../problem/errors';
import {
  PROBLEM_CONTENT_TYPE,
  PROBLEM_KINDS,
  type Problem,
  type ProblemKind,
  problemOf,
} from '../problem/problem';

/** Errors raised by express and its body parser carry a 4xx `status`, the parser's also a `type`. */
interface ExpressError {
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

const PARSER_DETAILS: Partial<Record<ProblemKind, string>> = {
  'malformed-json': 'the body could not be parsed as JSON',
  'unsupported-media-type': 'the body encoding is not supported',
};

/** The request path without its query string: the query may carry personal data we do not echo. */
export function problemInstance(req: Request): string {
  return req.originalUrl.split('?')[0] ?? '/';
}

function parserProblem(err: ExpressError, kind: ProblemKind): Problem {
  const detail =
    kind === 'payload-too-large'
      ? `the body must not exceed ${typeof err.limit === 'number' ? err.limit : 'the allowed'} bytes`
      : (PARSER_DETAILS[kind] ?? 'the body could not be read');
  return problemOf(kind, { detail });
}

/**
 * Other client errors from express itself (e.g. an undecodable `%` in a path parameter). Their message is not
 * echoed — the detail is generic — so trusting their 4xx status is safe.
 */
function clientProblem(err: ExpressError): Problem | undefined {
  const status = err.status;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  const generic = (Object.keys(PROBLEM_KINDS) as ProblemKind[]).find(
    (kind) => kind !== 'validation' && kind !== 'malformed-json' && PROBLEM_KINDS[kind].status === status,
  );
  return problemOf(generic ?? 'bad-request', { detail: 'the request could not be processed' });
}

function expressProblem(err: ExpressError): Problem | undefined {
  const parserKind = typeof err.type === 'string' ? PARSER_KINDS[err.type] : undefined;
  return parserKind ? parserProblem(err, parserKind) : clientProblem(err);
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
  if (err !== null && typeof err === 'object') return expressProblem(err as ExpressError);
  return undefined;
}

export function sendProblem(req: Request, res: Response, problem: Problem): void {
  const body: Problem = { ...problem, instance: problem.instance ?? problemInstance(req) };
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
