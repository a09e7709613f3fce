import request from 'supertest';
import { z } from 'zod';
import { capturingLogger } from '../test-support';
import { createApp } from './app';
import { validated } from './validate';

const Body = z.object({
  name: z.string().min(1),
  employees: z.number().int().nonnegative(),
  address: z.strictObject({ county: z.string().regex(/^\d{6}$/) }),
});

function buildApp() {
  return createApp({
    name: 'test',
    logger: capturingLogger().logger,
    routes: (app) => {
      app.put(
        '/enterprises/:uscc',
        validated(
          {
            params: z.object({ uscc: z.string().length(18) }),
            query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
            body: Body,
          },
          (input, _req, res) => {
            // The types flow from the schemas: these accesses are checked by tsc.
            const employees: number = input.body.employees;
            const uscc: string = input.params.uscc;
            res.json({
              uscc,
              employees,
              county: input.body.address.county,
              dryRun: input.query.dryRun ?? null,
            });
          },
        ),
      );
    },
  });
}

const USCC = '91410402MA40000001';
const good = { name: 'Acme', employees: 12, address: { county: '410402' } };

describe('validated handlers', () => {
  const app = buildApp();

  it('passes parsed, typed input to the handler', async () => {
    const res = await request(app).put(`/enterprises/${USCC}?dryRun=true`).send(good);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ uscc: USCC, employees: 12, county: '410402', dryRun: 'true' });
  });

  it('rejects unknown body fields, naming each one', async () => {
    const res = await request(app)
      .put(`/enterprises/${USCC}`)
      .send({ ...good, isAdmin: true, address: { county: '410402', street: 'x' } });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe('https://peiyu.dev/problems/validation');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: '/body/isAdmin', message: 'unknown field', code: 'unrecognized_keys' },
        { path: '/body/address/street', message: 'unknown field', code: 'unrecognized_keys' },
      ]),
    );
    expect(res.body.errors).toHaveLength(2);
  });

  it('rejects unknown query parameters', async () => {
    const res = await request(app).put(`/enterprises/${USCC}?dryRun=true&debug=1`).send(good);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: '/query/debug', message: 'unknown field', code: 'unrecognized_keys' },
    ]);
  });

  it('reports every failing field of every part at once', async () => {
    const res = await request(app)
      .put('/enterprises/short?dryRun=maybe')
      .send({ name: '', employees: -1.5, address: { county: '41' } });
    expect(res.status).toBe(400);
    const paths = (res.body.errors as { path: string; code: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual([
      '/body/address/county',
      '/body/employees',
      '/body/name',
      '/params/uscc',
      '/query/dryRun',
    ]);
    expect(res.body.detail).toBe('5 field(s) failed validation');
  });

  it('answers a missing body with "this action needs a JSON body", in Chinese when asked', async () => {
    const res = await request(app).put(`/enterprises/${USCC}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'body_required',
      detail: 'this action needs a JSON body ({} if it has no fields)',
    });
    expect(res.body.errors[0]).toMatchObject({ path: '/body', code: 'body_required' });
    const zh = await request(app).put(`/enterprises/${USCC}`).set('Accept-Language', 'zh-CN,zh;q=0.9');
    expect(zh.body.detail).toBe('此操作需要 JSON 请求正文（没有字段时请发送 {}）');
  });
});
