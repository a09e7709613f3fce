import type { CellValue } from 'exceljs';
import { exceljs } from './exceljs';

/**
 * Reading an uploaded template (CSV or XLSX) into rows of trimmed text, so an import validates one shape
 * whichever the clerk saved. Empty rows are dropped; the caller validates headers and fields and names the line.
 */
export type SheetFormat = 'csv' | 'xlsx';

/** The most rows an import reads: a county-level template has dozens; this bounds a hostile upload. */
export const MAX_SHEET_ROWS = 20_000;

export class SheetReadError extends Error {}

/** RFC 4180 fields: quotes, doubled quotes inside, commas and line breaks inside quotes; a BOM is ignored. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < src.length; i += 1) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i += 1;
      endField();
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** A cell as the text a clerk sees: numbers as written, dates as ISO days, formulas by their result. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDay(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText((value.result ?? null) as CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

/** The first worksheet of an XLSX workbook as rows of text (a merged title row comes back as its first cell). */
export async function parseXlsx(body: Buffer): Promise<string[][]> {
  const book = new (exceljs().Workbook)();
  try {
    await book.xlsx.load(body as unknown as ArrayBuffer);
  } catch (e) {
    throw new SheetReadError(`not a readable XLSX workbook: ${(e as Error).message}`);
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new SheetReadError('the workbook has no worksheet');
  if (sheet.actualRowCount > MAX_SHEET_ROWS) throw new SheetReadError(`more than ${MAX_SHEET_ROWS} rows`);
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c += 1) {
      const cell = row.getCell(c);
      // A merged range reads once, at its top-left cell; the others repeat its value.
      cells.push(cell.isMerged && cell.master !== cell ? '' : cellText(cell.value).trim());
    }
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    if (cells.some((f) => f !== '')) rows.push(cells);
  });
  return rows;
}

export async function readSheet(body: Buffer, format: SheetFormat): Promise<string[][]> {
  const rows = format === 'csv' ? parseCsv(body.toString('utf8')) : await parseXlsx(body);
  if (rows.length > MAX_SHEET_ROWS) throw new SheetReadError(`more than ${MAX_SHEET_ROWS} rows`);
  return rows;
}

/** The sheet format from an upload's media type; undefined when it is neither. */
export function sheetFormatOf(contentType: string | undefined): SheetFormat | undefined {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (media === 'text/csv' || media === 'application/csv') return 'csv';
  if (media === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') return 'xlsx';
  return undefined;
}
