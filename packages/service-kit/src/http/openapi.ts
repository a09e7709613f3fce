import { z } from 'zod';
import { PROBLEM_KINDS } from '../problem/problem';

/**
 * Building blocks for a service's OpenAPI 3.1 document. Request schemas come from the same zod schemas that
 * validate requests (zod's own JSON Schema output), so a document cannot drift from what the API accepts.
 */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}

/** Query parameters from a zod object schema of the query string. */
export function queryParametersOf(schema: z.ZodType): object[] {
  const s = jsonSchemaOf(schema) as { properties?: Record<string, object>; required?: string[] };
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([name, p]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: p,
  }));
}

export function pathParameter(name: string, pattern: string): object {
  return { name, in: 'path', required: true, schema: { type: 'string', pattern } };
}

/** The headers every command accepts: Idempotency-Key and If-Match (the ETag = stream version read). */
export const COMMAND_HEADERS: readonly object[] = [
  { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } },
  {
    name: 'If-Match',
    in: 'header',
    required: false,
    schema: { type: 'string' },
    description: 'the ETag (stream version) you read',
  },
];

const PROBLEM_RESPONSE = {
  description: 'RFC 9457 problem (`code` names the rule that refused, where one did)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** `{ 400: problem, 401: problem, … }` for the given statuses (default: those commands can answer). */
export function problemResponses(statuses: readonly number[] = [400, 401, 403, 404, 409, 412, 413]): object {
  return Object.fromEntries(statuses.map((s) => [s, PROBLEM_RESPONSE]));
}

/** The document's frame: bearer security, the Problem schema (types from the kit's problem kinds), paths. */
export function openApiDocumentOf(o: {
  title: string;
  description: string;
  paths: Record<string, object>;
  schemas?: Record<string, object>;
}): object {
  return {
    openapi: '3.1.0',
    info: { title: o.title, version: '1.0.0', description: o.description },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string', format: 'uri' },
            title: { type: 'string' },
            status: {
              type: 'integer',
              enum: [...new Set(Object.values(PROBLEM_KINDS).map((k) => k.status))],
            },
            detail: { type: 'string' },
            instance: { type: 'string' },
            code: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  path: { type: 'string' },
                  message: { type: 'string' },
                  code: { type: 'string' },
                },
              },
            },
          },
        },
        ...o.schemas,
      },
    },
    security: [{ bearer: [] }],
    paths: o.paths,
  };
}
