import { UsccSchema } from '@peiyu/contracts';
import { z } from 'zod';
import {
  ContactSchema,
  DivisionCodeSchema,
  EnterpriseName,
  HnteFieldSchema,
  IsoDate,
  Industry,
} from '../schemas';

/**
 * 企业注册登记: the body of POST /v1/enterprises. Its own file, free of server code, so the portal validates
 * its registration form with this very schema.
 */
export const RegisterEnterpriseBody = z.strictObject({
  uscc: UsccSchema,
  name: EnterpriseName,
  countyCode: DivisionCodeSchema,
  foundedOn: IsoDate,
  industry: Industry.optional(),
  hnteField: HnteFieldSchema.optional(),
  contact: ContactSchema,
});
