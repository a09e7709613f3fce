import { createHash } from 'node:crypto';
import { TitleCodeSchema } from '@peiyu/contracts';
import { endpoint } from '@peiyu/service-kit';
import { z } from 'zod';
import { defaultTitleName } from '../../domain';
import { STATISTICS_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import { runTitlesCommand } from '../record-commands';
import { Reason, Reference, UsccParams } from '../schemas';
import { IsoDate } from '@peiyu/contracts';

export const GrantTitleBody = z.strictObject({
  titleCode: TitleCodeSchema,
  level: z.enum(['national', 'provincial', 'city']),
  validUntil: IsoDate.nullable().default(null),
  /** The granting document, e.g. 豫科〔2023〕12号. */
  reference: Reference,
});

export const RevokeTitleBody = z.strictObject({ reason: Reason, reference: Reference });
export const GrantParams = UsccParams.extend({ grantId: z.string().min(1).max(64) });

/**
 * The grant id is derived from the title and the granting document, so the same grant sent twice (a retry,
 * a re-import) is recognised as one.
 */
export const grantIdOf = (titleCode: string, reference: string): string =>
  `${titleCode}-${createHash('sha256').update(reference).digest('hex').slice(0, 16)}`;

/** Titles of the ladder (科技小巨人, 瞪羚, 创新型示范, and those a province defines), granted and revoked. */
export const titlesRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/enterprise-titles/:uscc/grants',
      summary: 'Record a title granted to an enterprise (梯次培育称号)',
      roles: STATISTICS_ACCESS.grant_title,
      params: UsccParams,
      body: GrantTitleBody,
      ok: { 201: 'the first title of the enterprise', 200: 'recorded (or the same grant again)' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runTitlesCommand(
        deps,
        req,
        res,
        {
          type: 'GrantTitle',
          uscc: params.uscc,
          grantId: grantIdOf(body.titleCode, body.reference),
          ...body,
        },
        defaultTitleName,
      );
    },
  );
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/enterprise-titles/:uscc/grants/:grantId/revoke',
      summary: 'Record a title revoked',
      roles: STATISTICS_ACCESS.grant_title,
      params: GrantParams,
      body: RevokeTitleBody,
      ok: { 200: 'revoked (or already revoked)' },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runTitlesCommand(
        deps,
        req,
        res,
        { type: 'RevokeTitle', uscc: params.uscc, grantId: params.grantId, ...body },
        defaultTitleName,
      );
    },
  );
};
