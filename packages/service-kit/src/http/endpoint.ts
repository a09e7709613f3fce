import type { Role } from '@peiyu/contracts';
import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import { COMMAND_HEADERS, jsonSchemaOf, problemResponses, queryParametersOf } from './openapi';
import { validated } from './validate';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One endpoint, declared once: the route registers from it and the OpenAPI document is built from it, so the
 * path, the schemas, the roles and the statuses cannot drift between the two.
 */
export interface EndpointSpec<
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
> {
  method: Method;
  /** Express syntax (`/v1/enterprises/:uscc`); the document shows `{uscc}`. */
  path: string;
  summary: string;
  description?: string;
  /** Who may call it (the access table's row); `public` needs no token. */
  roles: readonly Role[] | 'public';
  params?: P;
  query?: Q;
  body?: B;
  /** A command: takes Idempotency-Key and If-Match, answers with an ETag. */
  command?: boolean;
  /** Success statuses and what they mean, e.g. `{ 201: 'registered; Location and ETag set' }`. */
  ok: Record<number, string>;
  /**
   * Media types of the success body when it is a file rather than JSON (e.g. `TABLE_MEDIA_TYPES` for a CSV or
   * XLSX download): the document lists them, so a client knows what it will receive.
   */
  produces?: readonly string[];
  /** Error statuses it answers (problem+json); the kit adds 401 unless public, 400 when it validates input. */
  errors?: readonly number[];
}

type Schemas<P, Q, B> = { params?: P; query?: Q; body?: B };
type In<T> = T extends z.ZodType ? z.output<T> : unknown;
/** What the handler receives: the parsed, typed parts of the request. */
export interface EndpointInput<P, Q, B> {
  params: In<P>;
  query: In<Q>;
  body: In<B>;
}
type AnySpec = EndpointSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>;

const declared = new WeakMap<object, AnySpec[]>();

/** Registers an endpoint on the router and records its declaration for `openApiPathsOf`. */
export function endpoint<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(
  router: Router,
  spec: EndpointSpec<P, Q, B>,
  handler: (input: EndpointInput<P, Q, B>, req: Request, res: Response) => unknown,
): void {
  const schemas: Schemas<P, Q, B> = {};
  if (spec.params) schemas.params = spec.params;
  if (spec.query) schemas.query = spec.query;
  if (spec.body) schemas.body = spec.body;
  router[spec.method](spec.path, validated(schemas as never, handler as never));
  declared.set(router, [...(declared.get(router) ?? []), spec as AnySpec]);
}

/** The endpoints declared on a router (or app), in registration order. */
export function endpointsOf(router: object): readonly AnySpec[] {
  return declared.get(router) ?? [];
}

function pathParameters(spec: AnySpec): object[] {
  if (!spec.params) return [];
  const s = jsonSchemaOf(spec.params) as { properties?: Record<string, object> };
  return Object.entries(s.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'path',
    required: true,
    schema,
  }));
}

function operationOf(spec: AnySpec): object {
  const roles = spec.roles === 'public' ? 'public (no token)' : spec.roles.join(', ');
  const statuses = new Set<number>(spec.errors ?? []);
  if (spec.roles !== 'public') statuses.add(401);
  if (spec.params || spec.query || spec.body) statuses.add(400);
  // A command can also lose a race (409), fail its If-Match (412) or meet a broken stream (503 integrity.broken).
  if (spec.command) for (const s of [409, 412, 503]) statuses.add(s);
  return {
    summary: spec.summary,
    description: `${spec.description ? `${spec.description}\n\n` : ''}Roles: ${roles}.`,
    'x-roles': spec.roles,
    ...(spec.roles === 'public' ? { security: [] } : {}),
    parameters: [
      ...pathParameters(spec),
      ...(spec.query ? queryParametersOf(spec.query) : []),
      ...(spec.command ? COMMAND_HEADERS : []),
    ],
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchemaOf(spec.body) } },
          },
        }
      : {}),
    responses: {
      ...Object.fromEntries(
        Object.entries(spec.ok).map(([status, description]) => [
          status,
          {
            description,
            ...(spec.produces
              ? {
                  content: Object.fromEntries(
                    spec.produces.map((m) => [m, { schema: { type: 'string', format: 'binary' } }]),
                  ),
                }
              : {}),
            ...(spec.command
              ? { headers: { ETag: { description: 'the stream version', schema: { type: 'string' } } } }
              : {}),
          },
        ]),
      ),
      ...problemResponses([...statuses].sort()),
    },
  };
}

/** The OpenAPI `paths` of the declared endpoints (`:name` → `{name}`). */
export function openApiPathsOf(router: object): Record<string, Record<string, object>> {
  const paths: Record<string, Record<string, object>> = {};
  for (const spec of endpointsOf(router)) {
    const path = spec.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] = { ...paths[path], [spec.method]: operationOf(spec) };
  }
  return paths;
}
