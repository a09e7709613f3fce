import { DivisionCodeSchema } from '@peiyu/contracts';
import { principalOf, validated } from '@peiyu/service-kit';
import { z } from 'zod';
import { reviewQueue } from '../../domain';
import { requireAccess } from '../../http/access';
import type { Slice } from '../../http/context';

export const ReviewQueueQuery = z.strictObject({ county: DivisionCodeSchema.optional() });

/**
 * GET /v1/sme-review-queue?county= — evaluations awaiting formal review in a county (by the enterprise's
 * current county, so a relocation moves the item), with due dates and overdue flags, most urgent first.
 */
export const reviewQueueRoute: Slice = (router, { deps }) => {
  router.get(
    '/v1/sme-review-queue',
    validated({ query: ReviewQueueQuery }, async ({ query }, req, res) => {
      const principal = principalOf(req);
      const county = query.county ?? principal.region ?? '';
      requireAccess(
        principal,
        'read',
        county ? { divisionCode: county } : null,
        deps.logger,
        `the queue of ${county}`,
      );
      const enterprises = await deps.reads.enterprisesIn(county);
      const names = new Map(enterprises.map((e) => [e.uscc, e.name]));
      const evaluations = await deps.reads.evaluationsOf([...names.keys()]);
      const today = deps.clock.today();
      res.json({
        county,
        today,
        items: reviewQueue(evaluations, today).map((i) => ({ ...i, name: names.get(i.uscc) ?? null })),
      });
    }),
  );
};
