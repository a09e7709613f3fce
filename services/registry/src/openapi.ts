import {
  COMMAND_HEADERS,
  jsonSchemaOf,
  openApiDocumentOf,
  pathParameter,
  problemResponses,
  queryParametersOf,
} from '@peiyu/service-kit';
import type { z } from 'zod';
import { RegisterEnterpriseBody } from './commands/register-enterprise/route';
import { UpdateEnterpriseProfileBody } from './commands/update-enterprise-profile/route';
import { RenameEnterpriseBody } from './commands/rename-enterprise/route';
import { RelocateEnterpriseBody } from './commands/relocate-enterprise/route';
import { RecordSanctionBody } from './commands/record-sanction/route';
import { LiftSanctionBody } from './commands/lift-sanction/route';
import { DeregisterEnterpriseBody } from './commands/deregister-enterprise/route';
import { ListEnterprisesQuery } from './queries/list-enterprises/route';

const schema = jsonSchemaOf;
const errors = problemResponses();
const uscc = pathParameter('uscc', '^[0-9A-HJ-NPQRTUWXY]{18}$');
const headers = COMMAND_HEADERS;
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
  return openApiDocumentOf({
    title: 'Peiyu registry (企业注册登记)',
    description: 'Enterprises of the cultivation ladder, one event stream per USCC.',
    schemas: { Enterprise: { type: 'object', description: 'the enterprise record with its stream version' } },
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
          parameters: queryParametersOf(ListEnterprisesQuery),
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
  });
}
