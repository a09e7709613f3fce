/** Local mode (laptop, CI) vs production. Anything else is a configuration mistake, not a silent default. */
export type PeiyuMode = 'local' | 'production';

export class ModeError extends Error {
  override readonly name = 'ModeError';
}

/**
 * Reads `PEIYU_MODE`: `local` only when set so explicitly (`npm start` and the tests do); unset or empty →
 * production; anything else throws. Failing closed (finding 6): a service whose mode was forgotten must not
 * accept tokens of a dev key it made itself.
 */
export function peiyuMode(env: NodeJS.ProcessEnv = process.env): PeiyuMode {
  const raw = env['PEIYU_MODE'];
  if (raw === 'local') return 'local';
  if (raw === undefined || raw === '') return 'production';
  if (raw === 'production') return 'production';
  throw new ModeError(`PEIYU_MODE must be "local" or "production" (got "${raw}")`);
}
