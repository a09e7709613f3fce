import { z } from 'zod';
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
});
