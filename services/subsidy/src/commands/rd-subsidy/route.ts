import { RD_SUBSIDY_ENTERPRISE_TYPES } from '@peiyu/contracts';
import { endpoint, principalOf } from '@peiyu/service-kit';
import { z } from 'zod';
import { rdEntitlementId, refuse } from '../../domain';
import { isProvinciallyAdministered, SUBSIDY_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import { runEntitlementCommand } from '../entitlement-command';
import { EntitlementParams, Fen, Reference } from '../schemas';

export const ApplyRdBody = z.strictObject({
  rdYear: z.number().int().min(2000).max(2100),
  /** R&D expense accepted for the super deduction (研发费用加计扣除备案数), integer fen. */
  acceptedRdExpense: Fen,
  /** The tax filing reference the county verifies it against. */
  filingRef: Reference,
  enterpriseTypes: z.array(z.enum(RD_SUBSIDY_ENTERPRISE_TYPES)).max(7),
});

/** Eligibility facts the county records, each with the id of the event it came from when it has one. */
export const VerifyRdBody = z.strictObject({
  outcome: z.enum(['verified', 'rejected']),
  verifiedRdExpense: Fen.nullable().optional(),
  rdBudgetFiled: z.boolean(),
  ipItemsLast3Years: z.number().int().min(0).max(100_000),
  dishonest: z.boolean(),
  sourceEvents: z.record(z.string().min(1).max(64), z.string().min(1).max(200)).optional(),
  reason: z.string().trim().min(1).max(1000).nullable().optional(),
});

/** The R&D subsidy by application (subsidy.md §1): the enterprise declares, its county verifies. */
export const rdSubsidyRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/rd-subsidies',
      summary: 'An enterprise applies for the R&D subsidy of a finished year',
      roles: SUBSIDY_ACCESS.apply_rd,
      body: ApplyRdBody,
      ok: { 201: 'applied; the county verifies it' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ body }, req, res) => {
      const principal = principalOf(req);
      const uscc = principal.uscc ?? '';
      // The enterprise's county: the registry's (its events reach subsidy through Kafka), else its token's.
      const countyCode = (await deps.reads.enterprise(uscc))?.countyCode ?? principal.region;
      if (!countyCode) throw refuse('invalid', 'rd.scope', `no county known for ${uscc}`);
      await runEntitlementCommand(deps, req, res, {
        entitlementId: rdEntitlementId(uscc, body.rdYear),
        action: 'apply_rd',
        subject: { uscc, countyCode },
        command: () => ({
          type: 'ApplyRdSubsidy',
          uscc,
          countyCode,
          provinciallyAdministered: isProvinciallyAdministered(countyCode),
          ...body,
        }),
      });
    },
  );
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/entitlements/:entitlementId/verification',
      summary: "The enterprise's county verifies an R&D subsidy application (then it is calculated)",
      roles: SUBSIDY_ACCESS.verify_rd,
      params: EntitlementParams,
      body: VerifyRdBody,
      ok: { 200: 'verified and calculated with its trace, or rejected' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runEntitlementCommand(deps, req, res, {
        entitlementId: params.entitlementId,
        action: 'verify_rd',
        command: (_state, applicationEventId) => ({
          type: 'VerifyRdSubsidy',
          applicationEventId: applicationEventId ?? '',
          outcome: body.outcome,
          verifiedRdExpense: body.verifiedRdExpense ?? null,
          rdBudgetFiled: body.rdBudgetFiled,
          ipItemsLast3Years: body.ipItemsLast3Years,
          dishonest: body.dishonest,
          sourceEvents: body.sourceEvents ?? {},
          reason: body.reason ?? null,
        }),
      });
    },
  );
};
