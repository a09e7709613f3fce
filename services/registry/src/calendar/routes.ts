import { CalendarReferenceSchema, humanText, workingCalendarStreamId } from '@peiyu/contracts';
import { loadStream, runCommand } from '@peiyu/eventstore';
import { validateArrangement, type HolidayArrangement } from '@peiyu/policy';
import { endpoint, ForbiddenError, ValidationError, type Principal } from '@peiyu/service-kit';
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
  correction: z.strictObject({ reason: humanText({ max: 1000, multiline: true }) }).optional(),
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
  endpoint(
    router,
    {
      method: 'put',
      path: '/v1/calendars/:year',
      summary: 'Publish (or correct) a year of the working-day calendar',
      description:
        "The year's official arrangement (国务院办公厅关于YYYY年部分节假日安排的通知): `holidays` are the days off " +
        '(dates YYYY-MM-DD inside the year), `workdays` the Saturdays and Sundays worked (调休), `reference` the ' +
        "notice's document number. A year is published once; a different arrangement is refused " +
        '(409 calendar_already_published) unless sent as `correction: { reason }`. The same days again change ' +
        'nothing. Every service picks the calendar up from the calendar topic without a restart; open ' +
        'deadlines counted provisionally are recounted (moved later, never earlier).',
      roles: ['admin'],
      params: CalendarYearParams,
      body: PublishCalendarBody,
      ok: { 200: 'the year as now in force (source, provisional, days)' },
      errors: [403, 409],
      command: true,
    },
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
  );
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/calendars/:year',
      summary: 'A year of the working-day calendar',
      description:
        '`source`: `built-in` (shipped data), `published` (an arrangement the admin published) or ' +
        '`provisional` (no official data: weekends and the statutory holidays only; every deadline counted ' +
        'through it is flagged `provisional`). `holidays` lists the days off (for a provisional year, the ' +
        'weekdays off).',
      roles: [
        'enterprise',
        'county_reviewer',
        'city_reviewer',
        'province_reviewer',
        'expert',
        'finance',
        'auditor',
        'admin',
      ],
      params: CalendarYearParams,
      ok: { 200: 'the year with its source' },
    },
    async ({ params }, _req, res) => {
      const { state, version } = await loadStream(
        deps.store,
        calendarDecider,
        workingCalendarStreamId(params.year),
      );
      res.json(calendarView(params.year, state, version));
    },
  );
}
