import { refuse, type ReportIndicators } from '../../domain';
import { yuanToFen } from '../schemas';

/**
 * The county report template (季度指标导入模板), one row per county and quarter, Chinese headers:
 * 县（市、区）代码, 年度, 季度, 技术合同成交额（元）, 省级创新平台（个）, 市级创新平台（个）, 佐证材料, 更正原因.
 * Several evidence references are separated by "；" or ";". XLSX is not read: no spreadsheet library is
 * installed in the monorepo (save the sheet as CSV UTF-8).
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

/** RFC 4180 fields: quotes, doubled quotes inside, commas and line breaks inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i += 1) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

const bad = (line: number, what: string) =>
  refuse('invalid', 'indicators.import-format', `line ${line}: ${what}`, 'csv');

const whole = (line: number, name: string, text: string): number => {
  if (!/^\d{1,9}$/.test(text)) throw bad(line, `${name} must be a whole number, got "${text}"`);
  return Number(text);
};

/** The rows of an import as commands (channel `import`); a malformed file is refused whole, naming the line. */
export function importCommands(text: string): ReportIndicators[] {
  const [header, ...rows] = parseCsv(text);
  const names = (header ?? []).map((h) => h.trim());
  if (IMPORT_HEADERS.slice(0, 7).some((h, i) => names[i] !== h)) {
    throw bad(1, `the header must be ${IMPORT_HEADERS.join(',')}`);
  }
  if (rows.length === 0) throw bad(2, 'no rows');
  if (rows.length > 500) throw bad(502, 'at most 500 rows per import');
  return rows.map((r, i) => {
    const line = i + 2;
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
    };
  });
}
