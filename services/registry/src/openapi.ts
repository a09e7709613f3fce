import { z } from 'zod';
import { RegisterEnterpriseBody } from './commands/register-enterprise/route';
import { UpdateEnterpriseProfileBody } from './commands/update-enterprise-profile/route';
import { RenameEnterpriseBody } from './commands/rename-enterprise/route';
import { RelocateEnterpriseBody } from './commands/relocate-enterprise/route';
import { RecordSanctionBody } from './commands/record-sanction/route';
import { LiftSanctionBody } from './commands/lift-sanction/route';
import { DeregisterEnterpriseBody } from './commands/deregister-enterprise/route';
import { ListEnterprisesQuery } from './queries/list-enterprises/route';

// Generated from the same zod schemas that validate requests (zod's own JSON Schema output), so the
// document cannot drift from what the API accepts.
const schema = (s: z.ZodType) =>
  z.toJSONSchema(s, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });

const problem = {
  description: 'RFC 9457 problem',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};
const errors = {
  400: problem,
  401: problem,
  403: problem,
  404: problem,
  409: problem,
  412: problem,
  413: problem,
};
const uscc = {
  name: 'uscc',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' },
};
const headers = [
  { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } },
  {
    name: 'If-Match',
    in: 'header',
    required: false,
    schema: { type: 'string' },
    description: 'the ETag (stream version) you read',
  },
];
const ok = (status: number, description: string) => ({
  [status]: {
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Enterprise' } } },
  },
});

function command(summary: string, body: z.ZodType, extraParams: object[] = []) {
  return {
    post: {
      summary,
      parameters: [uscc, ...extraParams, ...headers],
      requestBody: { required: true, content: { 'application/json': { schema: schema(body) } } },
      responses: { ...ok(200, 'the enterprise after the change'), ...errors },
    },
  };
}

export function openApiDocument() {
  const listQuery = schema(ListEnterprisesQuery) as { properties: Record<string, object> };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Peiyu registry (企业注册登记)',
      version: '1.0.0',
      description: 'Enterprises of the cultivation ladder, one event stream per USCC.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string', format: 'uri' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
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
        Enterprise: { type: 'object', description: 'the enterprise record with its stream version' },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      '/v1/enterprises': {
        post: {
          summary: 'Register an enterprise',
          parameters: headers.slice(0, 1),
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schema(RegisterEnterpriseBody) } },
          },
          responses: { ...ok(201, 'registered; Location and ETag set'), ...errors },
        },
        get: {
          summary: 'List enterprises in your scope (contacts masked)',
          parameters: Object.entries(listQuery.properties).map(([name, s]) => ({
            name,
            in: 'query',
            required: false,
            schema: s,
          })),
          responses: { 200: { description: 'a page of enterprises' }, ...errors },
        },
      },
      '/v1/enterprises/{uscc}': {
        get: {
          summary: 'Read one enterprise (ETag = stream version)',
          parameters: [uscc],
          responses: { ...ok(200, 'the enterprise'), 304: { description: 'not modified' }, ...errors },
        },
        patch: {
          summary: 'Update contact, industry or field',
          parameters: [uscc, ...headers],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schema(UpdateEnterpriseProfileBody) } },
          },
          responses: { ...ok(200, 'updated'), ...errors },
        },
      },
      '/v1/enterprises/{uscc}/rename': command('Record a name change', RenameEnterpriseBody),
      '/v1/enterprises/{uscc}/relocate': command(
        'Move to another county-level division',
        RelocateEnterpriseBody,
      ),
      '/v1/enterprises/{uscc}/sanctions': command(
        'Record a sanction (county or province bureau)',
        RecordSanctionBody,
      ),
      '/v1/enterprises/{uscc}/sanctions/{sanctionId}/lift': command('Lift a sanction', LiftSanctionBody, [
        { name: 'sanctionId', in: 'path', required: true, schema: { type: 'string' } },
      ]),
      '/v1/enterprises/{uscc}/deregister': command(
        'Deregister (the record becomes read-only)',
        DeregisterEnterpriseBody,
      ),
      '/v1/enterprises/{uscc}/history': {
        get: {
          summary: "The enterprise's events with their hash chain",
          parameters: [uscc],
          responses: { 200: { description: 'events in version order' }, ...errors },
        },
      },
    },
  };
}
