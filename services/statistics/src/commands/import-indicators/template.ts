import { readSheet, SheetReadError, type SheetFormat } from '@peiyu/service-kit';
import { refuse, type ReportIndicators } from '../../domain';
import { yuanToFen } from '../schemas';

/**
 * The county report template (季度指标导入模板), one row per county and quarter, Chinese headers:
 * 县（市、区）代码, 年度, 季度, 技术合同成交额（元）, 省级创新平台（个）, 市级创新平台（个）, 佐证材料, 更正原因.
 * Several evidence references are separated by "；" or ";". Saved as CSV (UTF-8) or XLSX: the kit's
 * `readSheet` reads either into the same rows of text (empty rows dropped), so one validation names the line.
 */
export const IMPORT_HEADERS = [
  '县（市、区）代码',
  '年度',
  '季度',
  '技术合同成交额（元）',
  '省级创新平台（个）',
  '市级创新平台（个）',
  '佐证材料',
  '更正原因',
] as const;

const bad = (line: number, what: string, field = 'csv') =>
  refuse('invalid', 'indicators.import-format', `line ${line}: ${what}`, field);

/** The uploaded file's rows; an unreadable workbook is refused like a malformed template (400). */
export async function templateRows(body: Buffer, format: SheetFormat): Promise<string[][]> {
  try {
    return await readSheet(body, format);
  } catch (err) {
    if (err instanceof SheetReadError) throw bad(1, err.message, format);
    throw err;
  }
}

const whole = (line: number, name: string, text: string): number => {
  if (!/^\d{1,9}$/.test(text)) throw bad(line, `${name} must be a whole number, got "${text}"`);
  return Number(text);
};

/** The rows of an import as commands (channel `import`); a malformed file is refused whole, naming the line. */
export function importCommands(sheet: string[][]): Array<ReportIndicators & { line: number }> {
  // A sheet saved from the kit's tables starts with a one-cell title above the header: skipped, lines kept.
  const titled = sheet.length > 1 && sheet[0]!.filter((f) => f.trim() !== '').length === 1;
  const first = titled ? 2 : 1;
  const [header, ...rows] = titled ? sheet.slice(1) : sheet;
  const names = (header ?? []).map((h) => h.trim());
  if (IMPORT_HEADERS.slice(0, 7).some((h, i) => names[i] !== h)) {
    throw bad(first, `the header must be ${IMPORT_HEADERS.join(',')}`);
  }
  if (rows.length === 0) throw bad(first + 1, 'no rows');
  if (rows.length > 500) throw bad(first + 501, 'at most 500 rows per import');
  return rows.map((r, i) => {
    const line = first + 1 + i;
    const [
      county = '',
      year = '',
      quarter = '',
      yuan = '',
      prov = '',
      city = '',
      evidence = '',
      reason = '',
    ] = r.map((f) => f.trim());
    if (!/^\d{6}$/.test(county)) throw bad(line, `county code "${county}" is not six digits`);
    if (!/^\d{1,13}(\.\d{1,2})?$/.test(yuan)) throw bad(line, `turnover "${yuan}" is not yuan`);
    const refs = evidence
      .split(/[;；]/)
      .map((e) => e.trim())
      .filter((e) => e !== '');
    return {
      type: 'ReportIndicators',
      countyCode: county,
      year: whole(line, 'year', year),
      quarter: whole(line, 'quarter', quarter),
      techContractTurnoverFen: yuanToFen(yuan),
      provincialPlatforms: whole(line, 'provincial platforms', prov),
      cityPlatforms: whole(line, 'city platforms', city),
      evidence: refs,
      channel: 'import',
      correctionReason: reason === '' ? null : reason,
      line,
    };
  });
}
