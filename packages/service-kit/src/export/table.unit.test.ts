import { Workbook } from 'exceljs';
import { attachmentDisposition, fenToYuanText, tableCsv, tableXlsx, type Table } from './table';
import { parseCsv, parseXlsx, readSheet, SheetReadError, sheetFormatOf } from './sheet-read';

const table: Table = {
  title: '岳阳市 2026 年 县级财政 拨付清单',
  columns: [
    { key: 'name', label: '企业名称' },
    { key: 'count', label: '件数', kind: 'integer' },
    { key: 'amountFen', label: '金额（元）', kind: 'fen' },
  ],
  rows: [
    { name: '湖南"巴陵"科技, 有限公司', count: 2, amountFen: 1_234_567 },
    { name: '=HYPERLINK("http://x")', count: 1, amountFen: -5 },
    { name: '岳阳县新材料有限公司', count: 0, amountFen: 0 },
  ],
  notes: ['截至 2026-09-30'],
};

describe('fenToYuanText', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [100, '1.00'],
    [1_234_567, '12345.67'],
    [-5, '-0.05'],
    [-1_234_500, '-12345.00'],
  ])('%i fen → %s', (fen, text) => expect(fenToYuanText(fen)).toBe(text));
  it('refuses a fractional fen', () => expect(() => fenToYuanText(1.5)).toThrow(RangeError));
});

describe('tableCsv', () => {
  const csv = tableCsv(table);
  it('starts with a BOM and writes title, Chinese headers, rows and notes', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(parseCsv(csv)).toEqual([
      ['岳阳市 2026 年 县级财政 拨付清单'],
      ['企业名称', '件数', '金额（元）'],
      ['湖南"巴陵"科技, 有限公司', '2', '12345.67'],
      ['\'=HYPERLINK("http://x")', '1', '-0.05'],
      ['岳阳县新材料有限公司', '0', '0.00'],
      ['截至 2026-09-30'],
    ]);
  });
  it('quotes fields with commas, quotes and line breaks', () => {
    expect(csv).toContain('"湖南""巴陵""科技, 有限公司"');
  });
});

describe('tableXlsx', () => {
  it('round-trips through exceljs: title, headers, yuan as numbers with two decimals, notes', async () => {
    const body = await tableXlsx(table, '拨付清单');
    expect(body.subarray(0, 2).toString('latin1')).toBe('PK');
    const book = new Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('拨付清单')!;
    expect(sheet.getCell('A1').value).toBe(table.title);
    expect(sheet.getRow(2).values).toEqual([undefined, '企业名称', '件数', '金额（元）']);
    expect(sheet.getCell('C3').value).toBe(12345.67);
    expect(sheet.getColumn(3).numFmt).toBe('#,##0.00');
    expect(sheet.getCell('A4').value).toBe('\'=HYPERLINK("http://x")');
    expect(await parseXlsx(body)).toEqual([
      ['岳阳市 2026 年 县级财政 拨付清单'],
      ['企业名称', '件数', '金额（元）'],
      ['湖南"巴陵"科技, 有限公司', '2', '12345.67'],
      ['\'=HYPERLINK("http://x")', '1', '-0.05'],
      ['岳阳县新材料有限公司', '0', '0'],
      ['截至 2026-09-30'],
    ]);
  });
});

describe('readSheet', () => {
  it('reads CSV and XLSX to the same rows of text', async () => {
    const plain: Table = { ...table, columns: table.columns.slice(0, 2), notes: [] };
    const fromCsv = await readSheet(Buffer.from(tableCsv(plain)), 'csv');
    const fromXlsx = await readSheet(await tableXlsx(plain), 'xlsx');
    expect(fromXlsx).toEqual(fromCsv);
  });
  it('refuses bytes that are not a workbook with a SheetReadError', async () => {
    await expect(readSheet(Buffer.from('not a zip'), 'xlsx')).rejects.toBeInstanceOf(SheetReadError);
  });
  it('knows the two upload media types', () => {
    expect(sheetFormatOf('text/csv; charset=utf-8')).toBe('csv');
    expect(sheetFormatOf('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('xlsx');
    expect(sheetFormatOf('application/json')).toBeUndefined();
  });
});

describe('attachmentDisposition', () => {
  it('keeps the Chinese name in filename* and an ASCII fallback', () => {
    expect(attachmentDisposition('通报-2026Q3.xlsx')).toBe(
      `attachment; filename="__-2026Q3.xlsx"; filename*=UTF-8''${encodeURIComponent('通报-2026Q3.xlsx')}`,
    );
  });
});
