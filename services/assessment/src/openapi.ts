import {
  COMMAND_HEADERS,
  jsonSchemaOf,
  openApiDocumentOf,
  pathParameter,
  problemResponses,
  queryParametersOf,
} from '@peiyu/service-kit';
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

const schema = jsonSchemaOf;
const errors = problemResponses([400, 401, 403, 404, 409, 412]);
const path = pathParameter;
const evaluationParams = [path('uscc', '^[0-9A-HJ-NPQRTUWXY]{18}$'), path('year', '^\\d{4}$')];
const batchParams = [path('batchId', '^[A-Za-z0-9_-]{1,64}$')];
const headers = COMMAND_HEADERS;
const queryParams = queryParametersOf;

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
  return openApiDocumentOf({
    title: 'Peiyu assessment (科技型中小企业评价)',
    description:
      'Tech-SME evaluation: intake, county formal review, provincial batches, public notice, entry.',
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
  });
}
