import {
  DivisionCodeSchema,
  humanText,
  QuarterSchema,
  StatisticsYearSchema,
  UsccSchema,
} from '@peiyu/contracts';
import { z } from 'zod';

export const YearParam = z.coerce.number().pipe(StatisticsYearSchema);
export const QuarterParam = z.coerce.number().pipe(QuarterSchema);

export const CountyYearParams = z.strictObject({ countyCode: DivisionCodeSchema, year: YearParam });
export const CountyQuarterParams = z.strictObject({
  countyCode: DivisionCodeSchema,
  year: YearParam,
  quarter: QuarterParam,
});
export const AreaYearParams = z.strictObject({ areaCode: DivisionCodeSchema, year: YearParam });
export const AreaQuarterParams = z.strictObject({
  areaCode: DivisionCodeSchema,
  year: YearParam,
  quarter: QuarterParam,
});
export const UsccParams = z.strictObject({ uscc: UsccSchema });

const YUAN = /^\d{1,13}(\.\d{1,2})?$/;

/**
 * Money as the clerk types it, in yuan (元, up to two decimals, as text or number), stored in integer fen
 * (分) — the conversion is exact string arithmetic, never floating point.
 */
export const Yuan = z
  .union([z.string(), z.number().nonnegative()])
  .transform((v) => String(v).trim())
  .refine((s) => YUAN.test(s), 'must be yuan with at most two decimals, e.g. "1250000.50"')
  .transform(yuanToFen);

export function yuanToFen(text: string): number {
  const [whole, decimals = ''] = text.split('.');
  return Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
}

/** Integer fen as yuan text for answers a clerk reads: 125000050 → "1250000.50". */
export const fenToYuan = (fen: number): string =>
  `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

export const Reason = humanText({ max: 1000, multiline: true });
export const Reference = humanText({ max: 200 });
export const Count = z.number().int().nonnegative().max(10_000_000);
