import { REGISTRY_ACCESS } from '../../http/access';
import { endpoint } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { runEnterpriseCommand } from '../enterprise-command';
import type { RegistryDeps } from '../../http/deps';
import { ContactSchema, HnteFieldSchema, Industry, UsccParams } from '../schemas';

/** PATCH /v1/enterprises/:uscc — contact, industry, field; `null` clears industry or field. */
export const UpdateEnterpriseProfileBody = z
  .strictObject({
    contact: ContactSchema.optional(),
    industry: Industry.nullable().optional(),
    hnteField: HnteFieldSchema.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'send at least one of contact, industry, hnteField' });

export function updateEnterpriseProfileRoute(router: Router, deps: RegistryDeps): void {
  endpoint(
    router,
    {
      method: 'patch',
      path: '/v1/enterprises/:uscc',
      summary: 'Update contact, industry or field',
      roles: REGISTRY_ACCESS.update,
      params: UsccParams,
      body: UpdateEnterpriseProfileBody,
      ok: { 200: 'the enterprise after the change' },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runEnterpriseCommand(deps, req, res, params.uscc, 'update', {
        type: 'UpdateEnterpriseProfile',
        ...body,
      });
    },
  );
}
