import { z } from 'zod';
import {
  AddItemsBody,
  FormBatchBody,
  LodgeObjectionBody,
  ResolveObjectionBody,
  SpotCheckBody,
} from './commands/batch/route';
import { FlagOnSiteCheckBody, FormalReviewBody, RequestRevocationBody } from './commands/county-review/route';
import {
  DraftEvaluationBody,
  UpdateEvaluationBody,
  WithdrawEvaluationBody,
} from './commands/evaluation-intake/route';
import { RevokeEntryBody, SendBackBody } from './commands/province-evaluation/route';
import { EnterprisesQuery } from './queries/enterprises/route';
import { ListBatchesQuery } from './queries/batch/route';
import { ListEvaluationsQuery } from './queries/evaluations/route';
import { PreviewBody, PreviewQuery } from './queries/preview/route';
import { PublicEntriesQuery } from './queries/public-entries/route';
import { ReviewQueueQuery } from './queries/review-queue/route';

// Generated from the same zod schemas that validate requests, so the document cannot drift from the API.
const schema = (s: z.ZodType) =>
  z.toJSONSchema(s, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });

const problem = {
  description: 'RFC 9457 problem; `code` names the rule that refused',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};
const errors = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem, 412: problem };
const path = (name: string, pattern: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string', pattern },
});
const evaluationParams = [path('uscc', '^[0-9A-HJ-NPQRTUWXY]{18}$'), path('year', '^\\d{4}$')];
const batchParams = [path('batchId', '^[A-Za-z0-9_-]{1,64}$')];
const headers = [
  { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } },
  {
    name: 'If-Match',
    in: 'header',
    required: false,
    schema: { type: 'string' },
    description: 'the ETag you read',
  },
];

function queryParams(s: z.ZodType) {
  const props = (schema(s) as { properties: Record<string, object>; required?: string[] }).properties;
  const required = new Set((schema(s) as { required?: string[] }).required ?? []);
  return Object.entries(props).map(([name, p]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: p,
  }));
}

function command(summary: string, body: z.ZodType, params: object[], method = 'post') {
  return {
    [method]: {
      summary,
      parameters: [...params, ...headers],
      requestBody: { required: true, content: { 'application/json': { schema: schema(body) } } },
      responses: { 200: { description: 'the item after the change (ETag = stream version)' }, ...errors },
    },
  };
}

function read(summary: string, params: object[], security = true) {
  return {
    get: {
      summary,
      parameters: params,
      ...(security ? {} : { security: [] }),
      responses: { 200: { description: summary }, ...errors },
    },
  };
}

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Peiyu assessment (科技型中小企业评价)',
      version: '1.0.0',
      description:
        'Tech-SME evaluation: intake, county formal review, provincial batches, public notice, entry.',
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
            code: { type: 'string' },
          },
        },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      '/v1/sme-evaluations/preview': command(
        'Score a form without saving (scoreTechSme input → result with trace)',
        PreviewBody,
        queryParams(PreviewQuery),
      ),
      '/v1/sme-evaluations': {
        ...command('Draft an evaluation for a campaign year (enterprise)', DraftEvaluationBody, []),
        ...read('List evaluations in your scope', queryParams(ListEvaluationsQuery)),
      },
      '/v1/sme-evaluations/{uscc}/{year}': read(
        'One evaluation: status, score, history, registration number',
        evaluationParams,
      ),
      '/v1/sme-evaluations/{uscc}/{year}/form': command(
        'Edit a draft or correct a returned evaluation',
        UpdateEvaluationBody,
        evaluationParams,
        'put',
      ),
      '/v1/sme-evaluations/{uscc}/{year}/submit': command(
        'Submit (scored and rule set recorded)',
        z.strictObject({}),
        evaluationParams,
      ),
      '/v1/sme-evaluations/{uscc}/{year}/withdraw': command(
        'Withdraw',
        WithdrawEvaluationBody,
        evaluationParams,
      ),
      '/v1/sme-evaluations/{uscc}/{year}/formal-review': command(
        'County formal review (four-item checklist)',
        FormalReviewBody,
        evaluationParams,
      ),
      '/v1/sme-evaluations/{uscc}/{year}/on-site-check': command(
        'Flag for on-site check (county)',
        FlagOnSiteCheckBody,
        evaluationParams,
      ),
      '/v1/sme-evaluations/{uscc}/{year}/revocation-request': command(
        'Request revocation (county)',
        RequestRevocationBody,
        evaluationParams,
      ),
      '/v1/sme-evaluations/{uscc}/{year}/send-back': command(
        'Send back to the county (province)',
        SendBackBody,
        evaluationParams,
      ),
      '/v1/sme-evaluations/{uscc}/{year}/revoke': command(
        'Revoke an entry with a ground (province)',
        RevokeEntryBody,
        evaluationParams,
      ),
      '/v1/sme-review-queue': read(
        'County review queue with due dates and overdue flags',
        queryParams(ReviewQueueQuery),
      ),
      '/v1/sme-batches': {
        ...command('Form a batch of forwarded evaluations (province)', FormBatchBody, []),
        ...read("A province's batches, newest first", queryParams(ListBatchesQuery)),
      },
      '/v1/sme-batches/{batchId}': read(
        'A batch with its notice, objections, entries and spot-check sample',
        batchParams,
      ),
      '/v1/sme-batches/{batchId}/items': command(
        'Add evaluations to a forming batch',
        AddItemsBody,
        batchParams,
      ),
      '/v1/sme-batches/{batchId}/notice/open': command(
        'Open the public notice (10 working days)',
        z.strictObject({}),
        batchParams,
      ),
      '/v1/sme-batches/{batchId}/objections': command(
        'Record an objection during the notice',
        LodgeObjectionBody,
        batchParams,
      ),
      '/v1/sme-batches/{batchId}/objections/{objectionId}/resolve': command(
        'Resolve an objection (upheld → rejected)',
        ResolveObjectionBody,
        [...batchParams, path('objectionId', '^[A-Za-z0-9_-]{1,64}$')],
      ),
      '/v1/sme-batches/{batchId}/notice/close': command(
        'Close the notice on/after its end date: remaining items entered with numbers',
        z.strictObject({}),
        batchParams,
      ),
      '/v1/sme-batches/{batchId}/spot-checks': command(
        'Record a spot-check result',
        SpotCheckBody,
        batchParams,
      ),
      '/v1/sme-enterprises': read(
        'Enterprises as assessment knows them from registry events (county, sanctions)',
        queryParams(EnterprisesQuery),
      ),
      '/v1/sme-entries': read(
        'Public announcement list (no sign-in)',
        queryParams(PublicEntriesQuery),
        false,
      ),
    },
  };
}
