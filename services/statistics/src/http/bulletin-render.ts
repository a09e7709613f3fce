import type { Table } from '@peiyu/service-kit';
import type { Bulletin } from '../domain';

/**
 * The bulletin as the kit's `Table`, for `sendTable` (CSV with a BOM, or XLSX): Chinese headers, the rank a
 * whole number; turnover stays the domain's exact 万元 text (never a float).
 */
export function bulletinTable(b: Bulletin): Table {
  return {
    title: b.title,
    columns: b.columns.map((c) => ({
      key: c.key,
      label: c.label,
      ...(c.key === 'rank' ? { kind: 'integer' as const } : {}),
    })),
    rows: b.rows,
    notes: [...b.notes],
  };
}

const mdCell = (v: string | number) => String(v).replace(/\|/g, '\\|');

/** A printable page a clerk can print or paste: title, table, notes (Markdown). */
export function bulletinMarkdown(b: Bulletin): string {
  return [
    `# ${b.title}`,
    '',
    `| ${b.columns.map((c) => mdCell(c.label)).join(' | ')} |`,
    `|${b.columns.map(() => ' --- ').join('|')}|`,
    ...b.rows.map((r) => `| ${b.columns.map((c) => mdCell(r[c.key] ?? '')).join(' | ')} |`),
    '',
    ...b.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}
