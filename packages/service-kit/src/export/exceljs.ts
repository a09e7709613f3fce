/* eslint-disable @typescript-eslint/no-require-imports -- loaded on the first workbook, see below */
import type * as ExcelJS from 'exceljs';

/**
 * exceljs (≈ 230 modules) loads on the first workbook a service writes or reads, not with every module that
 * imports the kit: each test file paid for it again in its own module registry, and most requests never need it.
 */
export const exceljs = (): typeof ExcelJS => require('exceljs') as typeof ExcelJS;
