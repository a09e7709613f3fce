import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { UnsupportedMediaTypeError, ValidationError } from '../problem/errors';
import type { FieldError } from '../problem/problem';
import { fieldErrorsOf } from '../problem/zod-issues';

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

/** Top-level objects become strict: an unknown field is an error, never silently dropped. Nested objects
 * should be declared with `z.strictObject` by the schema author. */
function strictTop(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodObject ? schema.strict() : schema;
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function isJson(req: Request): boolean {
  return req.is(['application/json', 'application/*+json']) !== false;
}

/** Parses body, params and query; throws ValidationError (400) listing every failing field, or 415. */
export function parseRequest<S extends RequestSchemas>(schemas: S, req: Request): ValidatedInput<S> {
  if (schemas.body && hasBody(req) && !isJson(req)) {
    throw new UnsupportedMediaTypeError('send the body as application/json');
  }
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = { body: req.body, params: req.params, query: req.query };
  for (const part of ['params', 'query', 'body'] as const) {
    const schema = schemas[part];
    if (!schema) continue;
    const result = strictTop(schema).safeParse(req[part]);
    if (result.success) out[part] = result.data;
    else errors.push(...fieldErrorsOf(part, result.error));
  }
  if (errors.length > 0) {
    throw new ValidationError(`${errors.length} field(s) failed validation`, errors);
  }
  return out as unknown as ValidatedInput<S>;
}

/**
 * An express handler whose input is validated first. Express 5 forwards a rejected promise to the error
 * handler, so a thrown problem error becomes problem+json without try/catch in the service.
 */
export function validated<S extends RequestSchemas>(
  schemas: S,
  handler: (input: ValidatedInput<S>, req: Request, res: Response, next: NextFunction) => unknown,
): RequestHandler {
  return async (req, res, next) => {
    const input = parseRequest(schemas, req);
    await handler(input, req, res, next);
  };
}
