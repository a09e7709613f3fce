/**
 * RFC 9457 problem details. `type` URIs are part of the public API: clients branch on them, so they never
 * change once published.
 */
export const PROBLEM_BASE = 'https://peiyu.dev/problems/';

export const PROBLEM_KINDS = {
  validation: { status: 400, title: 'Your request is not valid' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  'bad-request': { status: 400, title: 'Bad request' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'You are not allowed to do this' },
  'not-found': { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  'precondition-failed': { status: 412, title: 'Precondition failed' },
  'payload-too-large': { status: 413, title: 'Request body too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemKind = keyof typeof PROBLEM_KINDS;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One field-level failure; `path` is a JSON Pointer into the request part (`/body/items/0/name`). */
export interface FieldError {
  path: string;
  message: string;
  code: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export function problemType(kind: ProblemKind): string {
  return PROBLEM_BASE + kind;
}

export function problemOf(
  kind: ProblemKind,
  fields: {
    detail?: string;
    instance?: string;
    errors?: FieldError[];
    extensions?: Record<string, unknown>;
  } = {},
): Problem {
  const { status, title } = PROBLEM_KINDS[kind];
  const problem: Problem = { ...fields.extensions, type: problemType(kind), title, status };
  if (fields.detail !== undefined) problem.detail = fields.detail;
  if (fields.instance !== undefined) problem.instance = fields.instance;
  if (fields.errors !== undefined) problem.errors = fields.errors;
  return problem;
}
