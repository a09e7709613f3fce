import { z } from 'zod';
import express from 'express';
import { endpoint, openApiPathsOf } from './endpoint';
import { openApiDocumentOf, problemResponses, queryParametersOf } from './openapi';

describe('OpenAPI building blocks', () => {
  it('turns a zod query schema into parameters, marking the required ones', () => {
    const q = z.strictObject({ year: z.coerce.number().int(), region: z.string().optional() });
    expect(queryParametersOf(q)).toEqual([
      { name: 'year', in: 'query', required: true, schema: expect.objectContaining({ type: 'integer' }) },
      { name: 'region', in: 'query', required: false, schema: expect.objectContaining({ type: 'string' }) },
    ]);
  });

  it('frames a document with bearer security, the Problem schema and problem responses', () => {
    const doc = openApiDocumentOf({ title: 't', description: 'd', paths: { '/x': {} } }) as {
      openapi: string;
      components: { schemas: Record<string, { required: string[] }> };
      paths: object;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.schemas.Problem!.required).toEqual(['type', 'title', 'status']);
    expect(Object.keys(problemResponses([400, 409]))).toEqual(['400', '409']);
  });

  it('lists the media types of a file download on its success response', () => {
    const router = express.Router();
    endpoint(
      router,
      {
        method: 'get',
        path: '/v1/list/:id',
        summary: 's',
        roles: ['admin'],
        params: z.strictObject({ id: z.string() }),
        ok: { 200: 'the list as CSV or XLSX' },
        produces: ['text/csv; charset=utf-8', 'application/vnd.ms-excel'],
      },
      () => undefined,
    );
    const op = openApiPathsOf(router)['/v1/list/{id}']!.get as { responses: Record<string, object> };
    expect(op.responses['200']).toEqual({
      description: 'the list as CSV or XLSX',
      content: {
        'text/csv; charset=utf-8': { schema: { type: 'string', format: 'binary' } },
        'application/vnd.ms-excel': { schema: { type: 'string', format: 'binary' } },
      },
    });
  });
});
