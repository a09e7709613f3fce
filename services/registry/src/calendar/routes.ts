import { CalendarReferenceSchema, workingCalendarStreamId } from '@peiyu/contracts';
import { loadStream, runCommand } from '@peiyu/eventstore';
import { validateArrangement, type HolidayArrangement } from '@peiyu/policy';
import { ForbiddenError, validated, ValidationError, type Principal } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { RegistryDeps } from '../http/deps';
import { calendarDecider, refuseCalendar } from './decide';
import { calendarView } from './view';

/** 2004–2099: the built-in data starts in 2004; from 2008 a year without data is computed provisionally. */
export const CalendarYearParams = z.strictObject({
  year: z.coerce.number().int().min(2004).max(2099),
});

const Dates = z.array(z.iso.date()).max(366);
/** PUT body: the official notice's days; a different arrangement for a published year needs `correction`. */
export const PublishCalendarBody = z.strictObject({
  year: z.number().int().optional(),
  holidays: Dates,
  workdays: Dates.default([]),
  reference: CalendarReferenceSchema,
  correction: z.strictObject({ reason: z.string().trim().min(1).max(1000) }).optional(),
});

/** Publishing reference data is the administrator's job (people-and-places.md: roles). */
function adminOnly(principal: Principal): void {
  if (principal.role === 'admin') return;
  throw new ForbiddenError(
    { en: 'only an administrator publishes the working-day calendar', zh: '只有系统管理员可以发布工作日历' },
    { code: 'role_not_allowed' },
  );
}

/** Every field-level problem at once (validateArrangement), before the pipeline decides publication. */
function checked(year: number, body: z.infer<typeof PublishCalendarBody>): HolidayArrangement {
  if (body.year !== undefined && body.year !== year) {
    throw refuseCalendar(
      'invalid',
      'calendar_wrong_year',
      `body year ${body.year} ≠ path year ${year}`,
      'year',
    );
  }
  const arrangement = { year, holidays: body.holidays, workdays: body.workdays, reference: body.reference };
  const problems = validateArrangement(arrangement);
  if (problems.length > 0) {
    throw new ValidationError(
      { en: 'the arrangement is not valid', zh: '节假日安排有误' },
      problems.map((p) => ({
        path: `/body/${p.path.replace(/\./g, '/')}`,
        message: p.message,
        code: p.code,
      })),
    );
  }
  return arrangement;
}

/** PUT /v1/calendars/:year (admin) and GET /v1/calendars/:year (any signed-in role). */
export function calendarRoutes(router: Router, deps: RegistryDeps): void {
  router.put(
    '/v1/calendars/:year',
    validated(
      { params: CalendarYearParams, body: PublishCalendarBody },
      async ({ params, body }, req, res) => {
        await runCommand(deps, req, res, {
          what: 'working-day calendar',
          streamId: workingCalendarStreamId(params.year),
          decider: calendarDecider,
          authorise: (principal) => adminOnly(principal),
          command: () => ({
            type: 'PublishWorkingCalendar' as const,
            arrangement: checked(params.year, body),
            ...(body.correction ? { correction: body.correction } : {}),
          }),
          respond: ({ state, version }) => ({ body: calendarView(params.year, state, version) }),
        });
      },
    ),
  );
  router.get(
    '/v1/calendars/:year',
    validated({ params: CalendarYearParams }, async ({ params }, _req, res) => {
      const { state, version } = await loadStream(
        deps.store,
        calendarDecider,
        workingCalendarStreamId(params.year),
      );
      res.json(calendarView(params.year, state, version));
    }),
  );
}
