import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { UnsupportedMediaTypeError, ValidationError } from '../problem/errors';
import type { FieldError } from '../problem/problem';
import { fieldErrorsOf } from '../problem/zod-issues';
import { strictRequestSchema } from './strict-schema';

/** Schemas for the parts of a request; each absent part is left unchecked (and typed `unknown`). */
export interface RequestSchemas {
  body?: z.ZodType;
  params?: z.ZodType;
  query?: z.ZodType;
}

type Out<S> = S extends z.ZodType ? z.output<S> : unknown;

/** What a validated handler receives: the parsed, typed parts. */
export interface ValidatedInput<S extends RequestSchemas> {
  body: Out<S['body']>;
  params: Out<S['params']>;
  query: Out<S['query']>;
}

const PARTS = ['params', 'query', 'body'] as const;

/**
 * Top-level objects become strict; nested objects must be declared strict, or the schema is refused when the
 * route is defined (strict-schema.ts). Either way an unknown field is a 400, never silently dropped.
 */
function prepare<S extends RequestSchemas>(schemas: S): RequestSchemas {
  const prepared: RequestSchemas = {};
  for (const part of PARTS) {
    const schema = schemas[part];
    if (schema) prepared[part] = strictRequestSchema(part, schema);
  }
  return prepared;
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function isJson(req: Request): boolean {
  return req.is(['application/json', 'application/*+json']) !== false;
}

function parsePrepared<S extends RequestSchemas>(schemas: RequestSchemas, req: Request): ValidatedInput<S> {
  if (schemas.body && hasBody(req) && !isJson(req)) {
    throw new UnsupportedMediaTypeError('send the body as application/json');
  }
  if (schemas.body && req.body === undefined) {
    // An action without fields still takes `{}`: an empty POST is more often a client that forgot its body.
    throw new ValidationError(
      {
        en: 'this action needs a JSON body ({} if it has no fields)',
        zh: '此操作需要 JSON 请求正文（没有字段时请发送 {}）',
      },
      [{ path: '/body', message: 'required', code: 'body_required' }],
      { code: 'body_required' },
    );
  }
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = { body: req.body, params: req.params, query: req.query };
  for (const part of PARTS) {
    const schema = schemas[part];
    if (!schema) continue;
    const result = schema.safeParse(req[part]);
    if (result.success) out[part] = result.data;
    else errors.push(...fieldErrorsOf(part, result.error, req[part]));
  }
  if (errors.length > 0) throw new ValidationError(validationText(errors), errors);
  return out as unknown as ValidatedInput<S>;
}

/** Names a missing field outright ("query parameter year is required"); otherwise counts the failures. */
function validationText(errors: FieldError[]): { en: string; zh: string } {
  const [first] = errors;
  if (errors.length === 1 && first?.code === 'required') {
    const [, part, ...rest] = first.path.split('/');
    const name = rest.join('.');
    const where = part === 'query' ? 'query parameter' : part === 'params' ? 'path parameter' : 'field';
    const whereZh = part === 'query' ? '查询参数' : part === 'params' ? '路径参数' : '字段';
    return { en: `${where} ${name} is required`, zh: `缺少必填的${whereZh} ${name}` };
  }
  return { en: `${errors.length} field(s) failed validation`, zh: `${errors.length} 个字段未通过校验` };
}

/** Parses body, params and query; throws ValidationError (400) listing every failing field, or 415. */
export function parseRequest<S extends RequestSchemas>(schemas: S, req: Request): ValidatedInput<S> {
  return parsePrepared<S>(prepare(schemas), req);
}

/**
 * An express handler whose input is validated first. Express 5 forwards a rejected promise to the error
 * handler, so a thrown problem error becomes problem+json without try/catch in the service.
 */
export function validated<S extends RequestSchemas>(
  schemas: S,
  handler: (input: ValidatedInput<S>, req: Request, res: Response, next: NextFunction) => unknown,
): RequestHandler {
  const prepared = prepare(schemas);
  return async (req, res, next) => {
    const input = parsePrepared<S>(prepared, req);
    await handler(input, req, res, next);
  };
}
