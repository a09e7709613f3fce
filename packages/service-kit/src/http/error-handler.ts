import { DomainError, type DomainErrorKind } from '@peiyu/contracts';
import type { ErrorRequestHandler, Request, Response } from 'express';
import { HttpProblemError } from '../problem/errors';
import { languageOf, localise, type Language } from '../problem/localise';
import {
  PROBLEM_BASE,
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

function expressProblem(err: ExpressError, language: Language): Problem | undefined {
  const parserKind = typeof err.type === 'string' ? PARSER_KINDS[err.type] : undefined;
  const problem = parserKind ? parserProblem(err, parserKind) : clientProblem(err);
  if (problem?.detail === undefined) return problem;
  const kind = problem.type.slice(PROBLEM_BASE.length) as ProblemKind;
  return { ...problem, detail: localise(kind, problem.detail, language) };
}

const DOMAIN_KINDS: Record<DomainErrorKind, ProblemKind> = {
  invalid: 'validation',
  conflict: 'conflict',
  not_found: 'not-found',
  forbidden: 'forbidden',
};

/** A rule's refusal: its stable `code`; an `invalid` one also names the field it looked at. */
function domainProblem(err: DomainError, language: Language): Problem {
  const kind = DOMAIN_KINDS[err.kind];
  const detail = err.text[language];
  const errors =
    err.kind === 'invalid'
      ? [{ path: err.field ? `/body/${err.field}` : '/body', message: detail, code: err.code }]
      : undefined;
  return problemOf(kind, { detail, ...(errors ? { errors } : {}), extensions: { code: err.code } });
}

/**
 * Errors of the event-store kit, recognised by name: service-kit sits below @peiyu/eventstore and cannot import
 * its classes. A lost optimistic-concurrency race is a 409; a stream that fails verification is a 503 (nothing
 * may be read or appended on top of it) with the stable code `integrity.broken`.
 */
function storeProblem(err: { name?: unknown }, language: Language): Problem | undefined {
  if (err.name === 'ConcurrencyError') {
    const text = {
      en: 'the record changed meanwhile; reload and retry',
      zh: '记录已被他人修改，请重新读取后再试',
    };
    return problemOf('conflict', { detail: text[language], extensions: { code: 'concurrent_update' } });
  }
  if (err.name === 'IntegrityError') {
    const text = {
      en: 'this record failed its integrity check and is withheld until an administrator has examined it',
      zh: '该记录未通过完整性校验，在管理员核查前暂停读写',
    };
    return problemOf('unavailable', { detail: text[language], extensions: { code: 'integrity.broken' } });
  }
  return undefined;
}

/** Maps an error to the problem to send, its detail in `language`; undefined means "unexpected" (500). */
export function problemFor(err: unknown, language: Language = 'en'): Problem | undefined {
  if (err instanceof DomainError) return domainProblem(err, language);
  if (err instanceof HttpProblemError) {
    const errors = 'errors' in err && Array.isArray(err.errors) ? err.errors : undefined;
    return problemOf(err.kind, {
      detail: localise(err.kind, err.text ?? err.message, language),
      ...(errors ? { errors } : {}),
      ...(err.extensions ? { extensions: err.extensions } : {}),
    });
  }
  if (err !== null && typeof err === 'object') {
    return storeProblem(err as { name?: unknown }, language) ?? expressProblem(err as ExpressError, language);
  }
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
    const known = problemFor(err, languageOf(req));
    if (known?.['code'] === 'integrity.broken') {
      // An alert, not a client error: someone must look at the stream before it is used again.
      const e = err as { streamId?: unknown; version?: unknown; check?: unknown; message?: unknown };
      req.log.error(
        { alert: 'integrity', streamId: e.streamId, version: e.version, check: e.check, err: e.message },
        'ALERT stream integrity broken',
      );
    }
    if (known) {
      sendProblem(req, res, known);
      return;
    }
    req.log.error({ err }, 'unhandled error');
    const detail = {
      en: 'an unexpected error occurred',
      zh: '发生了意外错误（请把 requestId 告知运维人员）',
    };
    sendProblem(req, res, problemOf('internal', { detail: detail[languageOf(req)] }));
  };
}
