import { indicatorReportStreamId } from '@peiyu/contracts';
import { runSystemCommand } from '@peiyu/eventstore';
import { actorOf, endpoint, principalOf } from '@peiyu/service-kit';
import { DomainError } from '@peiyu/contracts';
import { z } from 'zod';
import { indicatorsDecider } from '../../domain';
import { authoriseStatistics, STATISTICS_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import { importCommands, IMPORT_HEADERS, templateRows } from './template';

/** The template as CSV text, or as an XLSX workbook in base64 (JSON carries no bytes). */
export const ImportBody = z.union([
  z.strictObject({ csv: z.string().min(1).max(1_000_000) }),
  z.strictObject({
    xlsx: z
      .string()
      .min(1)
      .max(1_000_000)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64 of the .xlsx file'),
  }),
]);

/**
 * POST /v1/indicator-reports/import — the county's quarterly template as CSV (UTF-8) or XLSX. Every row is authorised
 * before any is recorded (a county imports only its own rows); then each row is decided like the form, as its
 * own command on its own stream: a row that is refused (e.g. a correction without a reason) is answered with
 * its code and the others are recorded. The same file again records nothing (unchanged).
 */
export const importIndicatorsRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/indicator-reports/import',
      summary: `Import quarterly reports from the CSV or XLSX template (${IMPORT_HEADERS.join(',')})`,
      roles: STATISTICS_ACCESS.report,
      body: ImportBody,
      ok: { 200: 'one outcome per row: recorded (with its version), unchanged, or refused (code)' },
      errors: [403],
    },
    async ({ body }, req, res) => {
      const principal = principalOf(req);
      const commands = importCommands(
        'csv' in body
          ? await templateRows(Buffer.from(body.csv, 'utf8'), 'csv')
          : await templateRows(Buffer.from(body.xlsx, 'base64'), 'xlsx'),
      );
      for (const c of commands) {
        authoriseStatistics(
          deps,
          principal,
          'report',
          { regionCode: c.countyCode },
          `reports of ${c.countyCode}`,
        );
      }
      const rows = [];
      for (const { line, ...command } of commands) {
        const row = {
          line,
          countyCode: command.countyCode,
          year: command.year,
          quarter: command.quarter,
        };
        try {
          const r = await runSystemCommand(deps, {
            streamId: indicatorReportStreamId(command.countyCode, command.year, command.quarter),
            decider: indicatorsDecider(),
            command,
            lookups: {},
            actor: actorOf(principal),
            correlationId: String(req.id ?? 'import'),
          });
          rows.push({ ...row, outcome: r.events.length ? 'recorded' : 'unchanged', version: r.version });
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          rows.push({ ...row, outcome: 'refused', code: err.code, text: err.text });
        }
      }
      res.json({ rows, recorded: rows.filter((r) => r.outcome === 'recorded').length });
    },
  );
};
