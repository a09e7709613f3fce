import { REGISTRY_ACCESS } from '../../http/access';
import { endpoint } from '@peiyu/service-kit';
import type { Router } from 'express';
import { runEnterpriseCommand } from '../enterprise-command';
import type { RegistryDeps } from '../../http/deps';
import { RegisterEnterpriseBody } from './body';

export { RegisterEnterpriseBody };

export function registerEnterpriseRoute(router: Router, deps: RegistryDeps): void {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/enterprises',
      summary: 'Register an enterprise (企业注册登记)',
      roles: REGISTRY_ACCESS.register,
      body: RegisterEnterpriseBody,
      ok: { 201: 'registered; Location and ETag set' },
      errors: [403, 409],
      command: true,
    },
    async ({ body }, req, res) => {
      await runEnterpriseCommand(deps, req, res, body.uscc, 'register', {
        type: 'RegisterEnterprise',
        ...body,
      });
    },
  );
}
