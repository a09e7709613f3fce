import { getSession, setSession } from './session';

export interface FieldError {
  path: string;
  message: string;
  code: string;
}
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
}
/** The one list envelope of every Peiyu service. */
export interface Page<T> {
  page: number;
  pageSize: number;
  total: number;
  items: T[];
}

/** A refusal from a service (RFC 9457 problem+json), its detail already in the user's language. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    // The detail, and each field error's message: a form shows them by its fields, an alert shows them all.
    const fields = (problem.errors ?? []).map((e) => `${e.path.replace(/^\/body\//, '')}: ${e.message}`);
    super([problem.detail ?? problem.title ?? `HTTP ${problem.status}`, ...fields].join('；'));
  }
}

let language = 'zh-CN';
export function setApiLanguage(lang: 'zh' | 'en'): void {
  language = lang === 'zh' ? 'zh-CN' : 'en';
}

export interface Reply<T> {
  data: T;
  etag: string | null;
}

/** Calls a service through the portal (`/api/<service>/…`) with the session's token. */
export async function api<T>(
  service: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  const session = getSession();
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`/api/${service}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...headers, ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  // An expired or refused token: back to the sign-in page (the page asked for stays in the address bar).
  if (res.status === 401 && session) setSession(null);
  if (!res.ok) throw new ProblemError({ status: res.status, ...(body as object) });
  return { data: body as T, etag: res.headers.get('etag') };
}

export const qs = (params: Record<string, string | number | undefined>): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};
