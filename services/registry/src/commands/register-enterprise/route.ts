import { validated } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { runEnterpriseCommand } from '../enterprise-command';
import type { RegistryDeps } from '../../http/deps';
import {
  ContactSchema,
  DivisionCodeSchema,
  EnterpriseName,
  HnteFieldSchema,
  IsoDate,
  Industry,
} from '../schemas';
import { UsccSchema } from '@peiyu/contracts';

/** 企业注册登记: POST /v1/enterprises */
export const RegisterEnterpriseBody = z.strictObject({
  uscc: UsccSchema,
  name: EnterpriseName,
  countyCode: DivisionCodeSchema,
  foundedOn: IsoDate,
  industry: Industry.optional(),
  hnteField: HnteFieldSchema.optional(),
  contact: ContactSchema,
});

export function registerEnterpriseRoute(router: Router, deps: RegistryDeps): void {
  router.post(
    '/v1/enterprises',
    validated({ body: RegisterEnterpriseBody }, async ({ body }, req, res) => {
      await runEnterpriseCommand(deps, req, res, body.uscc, 'register', {
        type: 'RegisterEnterprise',
        ...body,
      });
    }),
  );
}
