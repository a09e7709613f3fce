import { endpoint, principalOf } from '@peiyu/service-kit';
import { z } from 'zod';
import { CERTIFICATION_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import { runApplicationCommand } from '../application-command';
import { certifyApplication } from '../certify';
import { ApplicationParams, Reason, ScoreBody } from '../schemas';

export { ScoreBody };
import { EmptyBody } from '../application-intake/route';
import { humanText } from '@peiyu/contracts';

export const ObjectionBody = z.strictObject({
  /** 32号 第十二条: in writing, under a real name. */
  objectorName: humanText({ max: 50 }),
  statementRef: z.string().min(1).max(200),
  summary: Reason,
});
export const ObjectionParams = ApplicationParams.extend({
  objectionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
});
export const ResolveBody = z.strictObject({ outcome: z.enum(['upheld', 'dismissed']), finding: Reason });

const path = '/v1/hnte-applications/:batchId/:uscc';

/**
 * The recognition body's review: panel draw (seeded from a CSPRNG, recorded), the experts' scores (an expert
 * on the panel, for itself only), conclusion, the 10-working-day 公示 with objections, and certification.
 */
export const provinceReviewRoutes: Slice = (router, deps) => {
  const simple = (
    suffix: string,
    summary: string,
    action: 'draw_panel' | 'conclude_review' | 'run_notice',
    command: () =>
      | { type: 'DrawPanel'; seed: string }
      | { type: 'ConcludeReview' }
      | { type: 'OpenPublicNotice'; noticeId: string }
      | { type: 'ClosePublicNotice' },
  ) =>
    endpoint(
      router,
      {
        method: 'post',
        path: `${path}/${suffix}`,
        summary,
        roles: CERTIFICATION_ACCESS[action],
        params: ApplicationParams,
        body: EmptyBody,
        ok: { 200: 'the application' },
        errors: [403, 404, 409],
        command: true,
      },
      async ({ params }, req, res) => {
        await runApplicationCommand(deps, req, res, params, action, command());
      },
    );
  simple(
    'panel',
    'Draw the expert panel (random, reproducible: seed and pool snapshot recorded)',
    'draw_panel',
    () => ({
      type: 'DrawPanel',
      seed: deps.newSeed(),
    }),
  );
  endpoint(
    router,
    {
      method: 'post',
      path: `${path}/scores`,
      summary: "Record your score sheet (an expert on the application's panel)",
      roles: CERTIFICATION_ACCESS.score,
      params: ApplicationParams,
      body: ScoreBody,
      ok: { 200: 'the application' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runApplicationCommand(deps, req, res, params, 'score', {
        type: 'RecordExpertScore',
        expertId: principalOf(req).sub,
        sheet: body.sheet,
      });
    },
  );
  simple(
    'review/conclude',
    'Conclude the review (exact average of the totals > 70 and every condition met)',
    'conclude_review',
    () => ({
      type: 'ConcludeReview',
    }),
  );
  simple('notice/open', 'Open the 公示 (10 working days, calendar in force)', 'run_notice', () => ({
    type: 'OpenPublicNotice',
    noticeId: deps.newId(),
  }));
  simple(
    'notice/close',
    'Close the 公示 after its last day (approved unless an objection was upheld)',
    'run_notice',
    () => ({
      type: 'ClosePublicNotice',
    }),
  );
  endpoint(
    router,
    {
      method: 'post',
      path: `${path}/objections`,
      summary: 'Record an objection received during the 公示 (real name, written statement)',
      roles: CERTIFICATION_ACCESS.run_notice,
      params: ApplicationParams,
      body: ObjectionBody,
      ok: { 200: 'the application' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runApplicationCommand(deps, req, res, params, 'run_notice', {
        type: 'LodgeObjection',
        objectionId: deps.newId(),
        ...body,
      });
    },
  );
  endpoint(
    router,
    {
      method: 'post',
      path: `${path}/objections/:objectionId/resolve`,
      summary: 'Resolve an objection after verification (upheld or dismissed, with the finding)',
      roles: CERTIFICATION_ACCESS.run_notice,
      params: ObjectionParams,
      body: ResolveBody,
      ok: { 200: 'the application' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ params: { objectionId, ...key }, body }, req, res) => {
      await runApplicationCommand(deps, req, res, key, 'run_notice', {
        type: 'ResolveObjection',
        objectionId,
        ...body,
      });
    },
  );
  endpoint(
    router,
    {
      method: 'post',
      path: `${path}/certify`,
      summary: 'Certify an approved application: GR number from the province-year serial, HnteCertified',
      roles: CERTIFICATION_ACCESS.certify,
      params: ApplicationParams,
      body: EmptyBody,
      ok: { 200: "the enterprise's HNTE record with the new certificate" },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ params }, req, res) => {
      await certifyApplication(deps, req, res, params);
    },
  );
};
