/** Local mode (laptop, CI) vs production. Anything else is a configuration mistake, not a silent default. */
export type PeiyuMode = 'local' | 'production';

export class ModeError extends Error {
  override readonly name = 'ModeError';
}

/** Reads `PEIYU_MODE`: unset or `local` → local; `production` → production; anything else throws. */
export function peiyuMode(env: NodeJS.ProcessEnv = process.env): PeiyuMode {
  const raw = env['PEIYU_MODE'];
  if (raw === undefined || raw === '' || raw === 'local') return 'local';
  if (raw === 'production') return 'production';
  throw new ModeError(`PEIYU_MODE must be "local" or "production" (got "${raw}")`);
}
