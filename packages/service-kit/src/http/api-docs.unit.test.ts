import request from 'supertest';
import { createApp } from './app';
import { apiDocs } from './api-docs';
import { capturingLogger } from '../test-support';

describe('apiDocs', () => {
  const doc = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {} };
  const app = createApp({ name: 't', logger: capturingLogger().logger, routes: (a) => a.use(apiDocs(doc)) });

  it('serves the document and a viewer whose scripts and styles all come from this origin', async () => {
    expect((await request(app).get('/openapi.json')).body).toEqual(doc);
    const page = await request(app).get('/docs');
    expect(page.status).toBe(200);
    const refs = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(2);
    for (const ref of refs) {
      expect(ref.startsWith('/')).toBe(true);
      const asset = await request(app).get(ref);
      expect([ref, asset.status]).toEqual([ref, 200]);
    }
    const init = await request(app).get('/docs/init.js');
    expect(init.text).toContain("url: '/openapi.json'");
  });
});
