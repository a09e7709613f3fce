/**
 * The runner's terminal view of a service's JSON log lines (issue 11 §3): in a TTY, one short line a person
 * reads — `201 POST /v1/sme-evaluations 35ms` for a request, `WARN message` otherwise; piped or redirected,
 * the JSON stays as it is (for tools). Only fields the services already log are shown (no query values).
 */
const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

interface LogRecord {
  level?: number;
  msg?: string;
  req?: { id?: unknown; method?: string; url?: string; queryKeys?: string[] };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { message?: string };
}

export function humanLine(line: string): string {
  if (!line.startsWith('{')) return line;
  let rec: LogRecord;
  try {
    rec = JSON.parse(line) as LogRecord;
  } catch {
    return line;
  }
  const level = LEVELS[rec.level ?? 30] ?? String(rec.level);
  if (rec.req?.method && rec.res?.statusCode !== undefined) {
    const query = rec.req.queryKeys?.length ? `?${rec.req.queryKeys.join('&')}` : '';
    const ms = rec.responseTime === undefined ? '' : ` ${Math.round(rec.responseTime)}ms`;
    const err = rec.err?.message ? `  ${rec.err.message}` : '';
    return `${rec.res.statusCode} ${rec.req.method} ${rec.req.url ?? ''}${query}${ms}${err}`;
  }
  const text = rec.msg ?? '';
  const err = rec.err?.message && rec.err.message !== text ? `: ${rec.err.message}` : '';
  return `${level === 'INFO' ? '' : `${level} `}${text}${err}`.trim() || line;
}
