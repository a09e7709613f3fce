import { getSession } from './session';

/** Integer fen → yuan text with thousands separators (money is fen everywhere; people read yuan). */
export const yuan = (fen: number | null | undefined, lang: 'zh' | 'en' = 'zh'): string =>
  fen === null || fen === undefined
    ? '—'
    : `${(fen / 100).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { minimumFractionDigits: 2 })} ${lang === 'zh' ? '元' : 'yuan'}`;

/** Yuan typed in a form → integer fen (what the schemas take); text stays text so the schema says why. */
export const toFen = (v: unknown): unknown =>
  typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 100) : v;

/** Downloads an export through the proxy with the session's token (a plain link would carry no token). */
export async function download(service: string, path: string, fileName: string): Promise<void> {
  const session = getSession();
  const res = await fetch(`/api/${service}${path}`, {
    headers: session ? { authorization: `Bearer ${session.token}` } : {},
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
