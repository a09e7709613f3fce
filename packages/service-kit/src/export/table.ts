import type { Response } from 'express';
import type { Worksheet } from 'exceljs';
import { z } from 'zod';
import { exceljs } from './exceljs';

/**
 * One way to hand a table to a clerk: the same `Table` becomes CSV (UTF-8 with a BOM, so that spreadsheet
 * programs read the Chinese) or XLSX (exceljs: a well-kept writer, so the workbook opens cleanly in WPS and
 * Excel). Headers are Chinese; money is kept in integer fen and shown in yuan with two decimals, converted
 * exactly (never through floating point for the text).
 */
export const TableFormatSchema = z.enum(['csv', 'xlsx']);
export type TableFormat = z.output<typeof TableFormatSchema>;

/** How a column's values are written: `fen` holds integer fen and is shown as yuan (元). */
export type ColumnKind = 'text' | 'integer' | 'fen';

export interface TableColumn {
  key: string;
  /** The Chinese header, e.g. `应拨金额（元）`. */
  label: string;
  kind?: ColumnKind;
}

export type Cell = string | number | boolean | null | undefined;

export interface Table {
  /** The first line of the sheet, e.g. `岳阳市 2026 年第 3 季度 科技型中小企业入库通报`. */
  title: string;
  columns: TableColumn[];
  rows: ReadonlyArray<Record<string, Cell>>;
  /** Lines after the table: the basis, the as-of date, the rule used. */
  notes?: string[];
}

/** Integer fen → `1234.56` exactly; a negative amount keeps its sign. */
export function fenToYuanText(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount in fen must be a safe integer, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const textOf = (column: TableColumn, value: Cell): string => {
  if (value === null || value === undefined) return '';
  if (column.kind === 'fen' && typeof value === 'number') return fenToYuanText(value);
  return String(value);
};

const csvField = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Guards against formula injection when a cell is opened in a spreadsheet (OWASP "CSV injection"). */
const inert = (s: string): string => (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s);

export function tableCsv(table: Table): string {
  const lines: string[][] = [
    [table.title],
    table.columns.map((c) => c.label),
    ...table.rows.map((row) => table.columns.map((c) => inert(textOf(c, row[c.key])))),
    ...(table.notes ?? []).map((n) => [n]),
  ];
  return `\uFEFF${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Display width in Latin characters: a Chinese character takes two. */
const widthOf = (s: string): number => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);

function xlsxValue(column: TableColumn, value: Cell): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (column.kind === 'fen' && typeof value === 'number') return value / 100;
  if (typeof value === 'string') return inert(value);
  return value;
}

function layOut(sheet: Worksheet, table: Table): void {
  const n = table.columns.length;
  sheet.addRow([table.title]).font = { bold: true, size: 14 };
  if (n > 1) sheet.mergeCells(1, 1, 1, n);
  const header = sheet.addRow(table.columns.map((c) => c.label));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const row of table.rows) sheet.addRow(table.columns.map((c) => xlsxValue(c, row[c.key])));
  table.columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    if (c.kind === 'fen') col.numFmt = '#,##0.00';
    if (c.kind === 'integer') col.numFmt = '0';
    const longest = Math.max(widthOf(c.label), ...table.rows.map((r) => widthOf(textOf(c, r[c.key]))));
    col.width = Math.min(60, Math.max(8, longest + 2));
  });
  if (table.rows.length > 0) sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: n } };
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  if (table.notes?.length) sheet.addRow([]);
  for (const note of table.notes ?? [])
    sheet.addRow([note]).font = { italic: true, color: { argb: 'FF666666' } };
}

export async function tableXlsx(table: Table, sheetName = 'Sheet1'): Promise<Buffer> {
  const book = new (exceljs().Workbook)();
  book.creator = 'Peiyu 培育';
  layOut(book.addWorksheet(sheetName.slice(0, 31)), table);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const TABLE_MEDIA_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 8187), so Chinese names survive. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Answers the table as a download; `fileStem` without extension, e.g. `approvals-430602-2026`. */
export async function sendTable(
  res: Response,
  table: Table,
  format: TableFormat,
  fileStem: string,
): Promise<void> {
  const body = format === 'csv' ? Buffer.from(tableCsv(table), 'utf8') : await tableXlsx(table);
  res.status(200);
  res.setHeader('Content-Type', TABLE_MEDIA_TYPES[format]);
  res.setHeader('Content-Disposition', attachmentDisposition(`${fileStem}.${format}`));
  res.send(body);
}
