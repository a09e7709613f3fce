import { endpoint, principalOf } from '@peiyu/service-kit';
import { z } from 'zod';
import { CERTIFICATION_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import { runApplicationCommand } from '../application-command';
import { ApplicationParams, BatchIdSchema, HnteApplicationFormSchema, Reason } from '../schemas';

export const DraftBody = z.strictObject({ batchId: BatchIdSchema, form: HnteApplicationFormSchema });
export const EditBody = z.strictObject({ form: HnteApplicationFormSchema });
export const EmptyBody = z.strictObject({});
export const WithdrawBody = z.strictObject({ reason: Reason.nullable().optional() });

const path = '/v1/hnte-applications/:batchId/:uscc';

/**
 * The enterprise's application: draft (to an open batch, within its window), edit, submit (the pre-check of the
 * eight conditions and the grade ranges are recorded then), withdraw, resubmit after a return.
 */
export const applicationIntakeRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/hnte-applications',
      summary: 'Draft an application to an open batch (your enterprise)',
      roles: CERTIFICATION_ACCESS.apply,
      body: DraftBody,
      ok: { 201: 'the application; Location set' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ body }, req, res) => {
      const uscc = principalOf(req).uscc ?? '';
      await runApplicationCommand(deps, req, res, { batchId: body.batchId, uscc }, 'apply', {
        type: 'DraftHnteApplication',
        applicationId: deps.newId(),
        batchId: body.batchId,
        uscc,
        form: body.form,
      });
    },
  );
  endpoint(
    router,
    {
      method: 'put',
      path: `${path}/form`,
      summary: 'Edit the form of a draft or of a returned application',
      roles: CERTIFICATION_ACCESS.apply,
      params: ApplicationParams,
      body: EditBody,
      ok: { 200: 'the application' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runApplicationCommand(deps, req, res, params, 'apply', {
        type: 'EditHnteApplication',
        form: body.form,
      });
    },
  );
  for (const [action, type, summary] of [
    ['submit', 'SubmitHnteApplication', 'Submit within the window (pre-check and grade ranges recorded)'],
    ['resubmit', 'ResubmitHnteApplication', 'Resubmit a returned application by the recommendation deadline'],
  ] as const) {
    endpoint(
      router,
      {
        method: 'post',
        path: `${path}/${action}`,
        summary,
        roles: CERTIFICATION_ACCESS.apply,
        params: ApplicationParams,
        body: EmptyBody,
        ok: { 200: 'the application' },
        errors: [403, 404, 409],
        command: true,
      },
      async ({ params }, req, res) => {
        await runApplicationCommand(deps, req, res, params, 'apply', { type });
      },
    );
  }
  endpoint(
    router,
    {
      method: 'post',
      path: `${path}/withdraw`,
      summary: 'Withdraw the application (frees the batch and its IP items)',
      roles: CERTIFICATION_ACCESS.apply,
      params: ApplicationParams,
      body: WithdrawBody,
      ok: { 200: 'the application' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runApplicationCommand(deps, req, res, params, 'apply', {
        type: 'WithdrawHnteApplication',
        reason: body.reason ?? null,
      });
    },
  );
};
