import type { Bulletin } from '../domain';

const csvField = (v: string | number): string => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV with Chinese headers, UTF-8 with a BOM so that spreadsheet programs read the Chinese correctly. */
export function bulletinCsv(b: Bulletin): string {
  const lines = [
    [b.title],
    b.columns.map((c) => c.label),
    ...b.rows.map((r) => b.columns.map((c) => r[c.key] ?? '')),
    ...b.notes.map((n) => [n]),
  ];
  return `\uFEFF${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
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
