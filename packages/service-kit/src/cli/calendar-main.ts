import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { defaultKeyDir, loadDevKeys } from '../auth/dev-keys';
import { signLocalToken } from '../auth/local-token';
import { clockForMode } from '../clock/for-mode';
import { type CliIo, EXIT_OK, EXIT_USAGE } from './io';
import { refuseUnlessLocal } from './local-only';

const USAGE = `usage: npm run calendar -- publish <year> --file <arrangement.json> [--correction "<reason>"] [--url <registry>]
       npm run calendar -- show <year> [--url <registry>]
  The file: { "holidays": ["YYYY-MM-DD", …], "workdays": [weekend days worked, …], "reference": "<notice 文号>" }
  (see arrangement-2027.example.json). The registry URL defaults to $REGISTRY_URL or http://localhost:4001.`;

/** Exit code when the registry refuses (the problem is printed). */
export const EXIT_REFUSED = 1;

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      file: { type: 'string' },
      correction: { type: 'string' },
      url: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/**
 * `calendar` CLI: publishes a year's official holiday arrangement through the registry's
 * `PUT /v1/calendars/{year}` with a local admin token (signed with the dev key), or shows a year. Local mode
 * only; in production the admin calls the endpoint with their own token.
 */
export async function calendarMain(
  argv: string[],
  io: CliIo,
  fetchFn: typeof fetch = fetch,
): Promise<number> {
  if (refuseUnlessLocal('calendar', io)) return EXIT_USAGE;
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    io.err(`calendar: ${(err as Error).message}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  const [verb, yearText] = positionals;
  if (values.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  const year = Number(yearText);
  if ((verb !== 'publish' && verb !== 'show') || !/^\d{4}$/.test(yearText ?? '')) {
    io.err(`calendar: expected "publish <year>" or "show <year>"\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (verb === 'publish' && values.file === undefined) {
    io.err(`calendar: publish needs --file <arrangement.json>\n${USAGE}`);
    return EXIT_USAGE;
  }
  let body: string | undefined;
  if (verb === 'publish') {
    try {
      const file = JSON.parse(await readFile(values.file!, 'utf8')) as Record<string, unknown>;
      // Comment fields of the example file (keys starting with "_") are not part of the arrangement.
      const arrangement = Object.fromEntries(Object.entries(file).filter(([k]) => !k.startsWith('_')));
      body = JSON.stringify({
        ...arrangement,
        ...(values.correction !== undefined ? { correction: { reason: values.correction } } : {}),
      });
    } catch (err) {
      io.err(`calendar: cannot read ${values.file}: ${(err as Error).message}`);
      return EXIT_USAGE;
    }
  }
  const keys = await loadDevKeys(defaultKeyDir(io.env));
  const token = await signLocalToken(keys, {
    principal: { sub: 'dev-admin-calendar', role: 'admin' },
    ttlMs: 5 * 60_000,
    clock: clockForMode('local', io.env),
  });
  const base = (values.url ?? io.env.REGISTRY_URL ?? 'http://localhost:4001').replace(/\/$/, '');
  const res = await fetchFn(`${base}/v1/calendars/${year}`, {
    method: verb === 'publish' ? 'PUT' : 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body } : {}),
  });
  const text = await res.text();
  if (!res.ok) {
    io.err(`calendar: ${res.status} ${text}`);
    return EXIT_REFUSED;
  }
  const view = JSON.parse(text) as { year: number; source: string; provisional: boolean; reference: string };
  io.out(text);
  io.out(
    `${view.year}: ${view.source}${view.provisional ? ' (provisional)' : ''} — ${view.reference}` +
      (verb === 'publish' ? '; every service picks it up from the calendar topic' : ''),
  );
  return EXIT_OK;
}
