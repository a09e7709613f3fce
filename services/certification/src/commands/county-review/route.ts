import { endpoint } from '@peiyu/service-kit';
import { z } from 'zod';
import { CERTIFICATION_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import { runApplicationCommand } from '../application-command';
import { ApplicationParams, Reason, RecommendBody, ReturnBody } from '../schemas';

export { RecommendBody, ReturnBody };

export const DeclineBody = z.strictObject({ reason: Reason });

const path = '/v1/hnte-applications/:batchId/:uscc';

/** The county recommends, returns for correction (a comment per section) or declines, by the batch's deadline. */
export const countyReviewRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'post',
      path: `${path}/recommend`,
      summary: 'County recommends the application to the province',
      roles: CERTIFICATION_ACCESS.county_review,
      params: ApplicationParams,
      body: RecommendBody,
      ok: { 200: 'the application' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runApplicationCommand(deps, req, res, params, 'county_review', {
        type: 'RecommendHnteApplication',
        comment: body.comment ?? null,
      });
    },
  );
  endpoint(
    router,
    {
      method: 'post',
      path: `${path}/return`,
      summary: 'County returns the application for correction, with a comment per section',
      roles: CERTIFICATION_ACCESS.county_review,
      params: ApplicationParams,
      body: ReturnBody,
      ok: { 200: 'the application' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runApplicationCommand(deps, req, res, params, 'county_review', {
        type: 'ReturnHnteApplication',
        items: body.items,
      });
    },
  );
  endpoint(
    router,
    {
      method: 'post',
      path: `${path}/decline`,
      summary: 'County declines the application (reason stated)',
      roles: CERTIFICATION_ACCESS.county_review,
      params: ApplicationParams,
      body: DeclineBody,
      ok: { 200: 'the application' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runApplicationCommand(deps, req, res, params, 'county_review', {
        type: 'DeclineHnteApplication',
        reason: body.reason,
      });
    },
  );
};
