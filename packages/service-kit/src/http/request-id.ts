import { randomUUID } from 'node:crypto';

// A caller-supplied id is kept only if it is short and plain: it is echoed in headers and written to logs, so
// anything else (newlines, huge values) would be a log-injection vector.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `X-Request-Id` when sane, otherwise a fresh UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}
